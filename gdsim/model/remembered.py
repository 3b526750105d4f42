"""The last setup as the window remembers it between runs: JSON text, read back value by value.

No Qt here. ``setup_to_json`` writes a Setup; ``setup_from_json`` reads one back whatever the text
holds (a damaged or hand-edited settings file, another version's) and never raises: a value of the
wrong type or out of range falls back to its default, and each one is named once, in a message
(an InputError: a template and its values) that the window shows in the user's language. Text that
is no setup at all gives the default setup. Whether the setup then builds (its data file may have
moved) the caller finds out by building it; ``not_restored`` words that message too.
"""

import json
import math
import re

from ..engine import ACTIVATIONS, BUILTIN_DATASETS, CUSTOM, EVERY_PROBLEM, LOSSES, OPTIMIZERS, InputError
from ..engine.custom import check_range
from ..engine.errors import QT_TRANSLATE_NOOP, shorten, shown, unknown_name, whole_number
from ..engine.expression import parse
from ..engine.run import DEFAULT_TOLERANCE, check_tolerance
from .setup import (
    DEFAULT_SPEED,
    DEFAULT_STEP_LIMIT,
    MAX_CONTENDERS,
    MODEL_PROBLEMS,
    Contender,
    Setup,
    check_batch_size,
    check_hyperparameter,
    check_seed,
    check_speed,
    check_step_limit,
    schedule_from_dict,
    setup_to_dict,
)

MAX_CHARS = 64 * 1024  # a setup takes a few hundred characters (a long data path: a few thousand)
MAX_DEPTH = 8  # a setup nests 4 deep: {"contenders": [{"hyperparameters": {…}}]}
MAX_PATH = 4096  # characters of a data file's path

_UNUSABLE = QT_TRANSLATE_NOOP(
    "errors", "Settings: the stored {key} is not usable: {reason}; using {default} instead")
_NOT_RESTORED = QT_TRANSLATE_NOOP(
    "errors", "Settings: the last setup cannot be restored: {reason}; gdsim starts with the default setup")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*+"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


def setup_to_json(setup: Setup) -> str:
    return json.dumps(setup_to_dict(setup))


def not_restored(reason) -> InputError:
    """The message for a stored setup that cannot be used at all; ``reason`` says why."""
    return InputError(_NOT_RESTORED, reason=reason)


def unusable(key: str, reason, default) -> InputError:
    """The message for one stored value that is not used: ``reason`` says why, ``default`` is used."""
    return InputError(_UNUSABLE, key=key, reason=reason, default=default)


def setup_from_json(text) -> tuple[Setup, list[InputError]]:
    """The setup stored as ``text``, and a message for each value that could not be used."""
    try:
        d = _parse(text)
        if not isinstance(d, dict):
            raise InputError(QT_TRANSLATE_NOOP("errors", "it is not a JSON object"))
        problem = d.get("problem")
        if not isinstance(problem, str) or problem not in EVERY_PROBLEM:
            raise unknown_name("problem", problem, EVERY_PROBLEM)
        typed = _typed(d) if problem == CUSTOM else (None, None)
    except InputError as e:
        return Setup(), [not_restored(e)]
    return _Reader(d).setup(problem, *typed)


def _typed(d: dict):
    """The typed function and its range (None: the default) of a stored setup of the problem custom;
    without a usable function there is no setup to restore (InputError)."""
    function = d.get("function")
    if not isinstance(function, str):
        raise InputError(QT_TRANSLATE_NOOP("errors", "the problem custom needs its function as text, got "
                                                     "{value}"), value=shown(function))
    variables = parse(function).variables
    range_ = d.get("range")
    return function, None if range_ is None else check_range(range_, variables)


def _parse(text):
    if not isinstance(text, str):
        raise InputError(QT_TRANSLATE_NOOP("errors", "it is not text"))
    if len(text) > MAX_CHARS:
        raise InputError(QT_TRANSLATE_NOOP("errors", "it is longer than {limit:,} characters"),
                         limit=MAX_CHARS)
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_STRING.sub('""', text)):  # json.loads would recurse as deep
        depth += 1 if bracket.group() in "[{" else -1
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise InputError(QT_TRANSLATE_NOOP("errors", "it nests deeper than {limit}"), limit=MAX_DEPTH)
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as e:  # JSONDecodeError is a ValueError; so is an int of 5,000 digits
        raise InputError(QT_TRANSLATE_NOOP("errors", "it is not JSON: {error}"),
                         error=shown(str(e))) from None


class _Reader:
    """Each value of a stored setup, checked; what cannot be used is noted and replaced."""

    def __init__(self, d: dict):
        self.d = d
        self.complaints: list[InputError] = []

    def value(self, key: str, check, default, shown_default=None):
        """d[key] as ``check`` accepts it (it raises InputError otherwise), or ``default``."""
        if key not in self.d:
            return default
        try:
            return check(self.d[key])
        except InputError as e:
            self.complaints.append(unusable(key, e, default if shown_default is None else shown_default))
            return default

    def setup(self, problem: str, function: str | None = None, range_=None) -> tuple[Setup, list[InputError]]:
        model = problem in MODEL_PROBLEMS
        own = QT_TRANSLATE_NOOP("errors", "the problem's own")
        data = self.value("data", lambda v: _data(v, model, problem), None, own)
        neuron = problem == "neuron"
        activation = self.value("activation", lambda v: _part(v, "activation", ACTIVATIONS, neuron, problem),
                                None, own)
        loss = self.value("loss", lambda v: _part(v, "loss", LOSSES, model, problem), None, own)
        contenders = self.contenders(problem)
        start = self.value("start", _start, None, QT_TRANSLATE_NOOP("errors", "the problem's own start"))
        speed = self.value("speed", check_speed, DEFAULT_SPEED)
        step_limit = self.value("step_limit", check_step_limit, DEFAULT_STEP_LIMIT)
        tol = self.value("tol", check_tolerance, DEFAULT_TOLERANCE)
        watched = self.value("watched", lambda v: whole_number(
            v, QT_TRANSLATE_NOOP("errors", "the watched run"), 0, len(contenders) - 1), 0)
        setup = Setup(problem, data, activation, loss, contenders, start, speed, step_limit, tol, watched,
                      function, range_)
        return setup, self.complaints

    def schedule(self, run: dict, where: str):
        if run.get("schedule") is None:
            return None
        try:
            return schedule_from_dict(run["schedule"])
        except InputError as e:
            self.complaints.append(unusable(f"{where} schedule", e,
                                            QT_TRANSLATE_NOOP("errors", "no schedule")))
            return None

    def batches(self, run: dict, where: str, problem: str) -> tuple[int | None, int]:
        """The run's batch size and seed; the whole data (and seed 0) where they are not usable."""
        if run.get("batch_size") is None:
            return None, 0
        try:
            _applies("batch_size", problem in MODEL_PROBLEMS, problem)
            size = check_batch_size(run["batch_size"])
        except InputError as e:
            self.complaints.append(unusable(f"{where} batch_size", e,
                                            QT_TRANSLATE_NOOP("errors", "the whole data")))
            return None, 0
        try:
            seed = check_seed(run.get("seed", 0))
        except InputError as e:
            self.complaints.append(unusable(f"{where} seed", e, 0))
            seed = 0
        return size, seed

    def own_start(self, run: dict, where: str) -> tuple[float, ...] | None:
        """The run's own start (lesson 12's runs have one), or None: the setup's start."""
        try:
            return _start(run.get("start"))
        except InputError as e:
            setups = QT_TRANSLATE_NOOP("errors", "the setup's start")
            self.complaints.append(unusable(f"{where} start", e, setups))
            return None

    def contenders(self, problem: str) -> tuple[Contender, ...]:
        default = (Contender("sgd"),)
        runs = self.value("contenders", _runs, None, QT_TRANSLATE_NOOP("errors", "one run of SGD"))
        if runs is None:
            return default
        kept = []
        others = QT_TRANSLATE_NOOP("errors", "the other runs")
        for i, run in enumerate(runs, start=1):
            where = f"contenders[{i}]"
            if not isinstance(run, dict) or not isinstance(run.get("optimizer"), str):
                self.complaints.append(unusable(where, InputError(QT_TRANSLATE_NOOP(
                    "errors", "a run must be an object with an optimizer's name, got {value}"),
                    value=shown(run)), others))
                continue
            name = run["optimizer"]
            if name not in OPTIMIZERS:
                self.complaints.append(unusable(where, unknown_name("optimizer", name, OPTIMIZERS), others))
                continue
            kept.append(Contender(name, self.hyperparameters(run, name, where), self.schedule(run, where),
                                  *self.batches(run, where, problem), self.own_start(run, where)))
        if not kept:
            return default
        return tuple(kept)

    def hyperparameters(self, run: dict, optimizer: str, where: str) -> dict:
        given = run.get("hyperparameters", {})
        defaults = QT_TRANSLATE_NOOP("errors", "the optimizer's defaults")
        if not isinstance(given, dict):
            self.complaints.append(unusable(f"{where} hyperparameters", InputError(QT_TRANSLATE_NOOP(
                "errors", "the hyperparameters must be an object of numbers by name, got {value}"),
                value=shown(given)), defaults))
            return {}
        values = {}
        for name, value in given.items():
            try:
                values[name] = check_hyperparameter(optimizer, name, value)
            except InputError as e:
                self.complaints.append(unusable(f"{where} {shorten(name)}", e,
                                                QT_TRANSLATE_NOOP("errors", "the optimizer's default")))
        return values


def _runs(value) -> list:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_CONTENDERS:
        raise InputError(QT_TRANSLATE_NOOP("errors", "contenders must be a list of 1 to {most} runs, got "
                                                     "{value}"),
                         most=MAX_CONTENDERS, value=shown(value))
    return value


def _start(value) -> tuple[float, ...] | None:
    if value is None:
        return None
    numbers = isinstance(value, list) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value)
    if not numbers or not value:
        raise InputError(QT_TRANSLATE_NOOP("errors", "a start must be a list of finite numbers, got {value}"),
                         value=shown(value))
    return tuple(float(v) for v in value)


def _applies(key: str, applies: bool, problem: str) -> None:
    if applies:
        return
    if key == "activation":
        raise InputError(QT_TRANSLATE_NOOP("errors", "activation applies only to the problem neuron, not "
                                                     "{problem!r}"), problem=problem)
    raise InputError(QT_TRANSLATE_NOOP("errors", "{key} applies only to the problems {models}, not "
                                                 "{problem!r}"),
                     key=key, models=", ".join(MODEL_PROBLEMS), problem=problem)


def _data(value, applies: bool, problem: str) -> str | None:
    if value is None:
        return None
    _applies("data", applies, problem)
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        raise InputError(QT_TRANSLATE_NOOP("errors", "data must be a built-in dataset's name or a path, got "
                                                     "{value}"), value=shown(value))
    if value not in BUILTIN_DATASETS and len(value) > MAX_PATH:
        raise InputError(QT_TRANSLATE_NOOP("errors", "a path has at most {most:,} characters, got "
                                                     "{length:,}"),
                         most=MAX_PATH, length=len(value))
    return value


def _part(value, key: str, names, applies: bool, problem: str) -> str | None:
    if value is None:
        return None
    _applies(key, applies, problem)
    if not isinstance(value, str) or value not in names:
        raise unknown_name(key, value, names)
    return value


__all__ = ["MAX_CHARS", "MAX_DEPTH", "not_restored", "setup_from_json", "setup_to_json", "unusable"]

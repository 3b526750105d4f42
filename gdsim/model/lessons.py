"""Classroom lessons: a TOML file names a Setup, how the window shows it, and what a teacher says.

No Qt here: lessons are read, checked and written with the engine and the rest of ``gdsim.model``
only, so a lesson is known to be good (its problem and runs are built once) before the window
applies any of it.

The file format (UTF-8 TOML; ``load_lesson`` reads it, ``save_lesson`` writes it)::

    [lesson]
    number = 1                      # 1–20: the order in the Lessons menu; keys 1–9 and 0 load lessons 1–10
    title = { en = "…", zh = "…" }  # en is required; zh (Simplified Chinese) is optional
    notes = { en = \"\"\"…\"\"\", zh = \"\"\"…\"\"\" }   # optional: a short note for the teacher

    [setup]
    problem = "parabola"            # any problem of `gdsim list`, or "custom": a typed function
    function = "x^4 - 3*x^2 + x"    # custom only (and required): a function of x, or of x and y
    range = [-3, 3]                 # optional; custom only: the drawn range of x, or of x and y as
                                    #   [[-3, 3], [-2, 2]]; default [-3, 3] each (it sets start and η)
    data = "line"                   # optional; linreg/neuron only: a built-in dataset or a CSV path,
                                    #   a relative path being relative to the lesson file's folder
    activation = "sigmoid"          # optional; neuron only
    loss = "sse"                    # optional; linreg/neuron only
    start = [2.0]                   # optional, one number per parameter; default: the problem's start
    speed = 2                       # steps per second, from 0.1 to 1000, or "max"
    step_limit = 100                # a whole number ≥ 1
    tol = 1e-6                      # optional, ≥ 0: a run converges when its gradient norm is below it
    batch_size = 8                  # optional; linreg/neuron only: every optimizer's mini-batches …
    seed = 0                        #   … and their order, unless its own table says otherwise

    [[setup.optimizers]]            # one table per optimizer, run side by side (from [setup] start)
    name = "sgd"
    lr = 0.1                        # any hyperparameter of that optimizer by name; the rest: defaults
                                    #   (η from 1e-5 to 10, the window's η field; others 0 or 1e-300 … 1e300)
    schedule = "step"               # optional: a learning-rate schedule (gdsim.engine.schedules) …
    decay_steps = 100               #   … and any of its parameters, by name
    batch_size = 1                  # optional; linreg/neuron only: this optimizer's mini-batches
    seed = 3                        #   and their order (a seed needs a batch size)
    start = [-2.0]                  # optional: this optimizer's own start (default: [setup] start)

    [view]                          # optional; every key optional
    log_scale = false               # the loss plot on a log scale
    step_parts = true               # draw the parts of each update as separate arrows
    formula = true                  # show the live formula panel

    [expect]                        # optional: what running the setup to its step limit must give
    status = ["converged"]          # one per optimizer: "converged", "stuck", "diverged" or "step limit"
    final = [[0.0]]                 # optional: each optimizer's final point ([] = not checked),
    tolerance = 1e-3                #   compared within this absolute tolerance (default 1e-3)
    stopped_at = [69]               # optional: the step at which each run ended
    path = [[[2.0], [1.6]]]         # optional: each optimizer's first points, from the start (steps
                                    #   0, 1, …; [] = not checked), within the tolerance
    closest = [[0.0, 69]]           # optional: for each optimizer, the least distance of its path from
                                    #   the problem's nearest known minimum and the step where it is
                                    #   least ([] = not checked); the distance within the tolerance

Every claim a lesson's notes make about its runs should be one its ``[expect]`` checks (or a test
does): the tests run every shipped lesson to its step limit and compare.

Required are ``[lesson]`` with ``number`` and ``title.en``, and ``[setup]`` with ``problem``,
``speed``, ``step_limit`` and at least one ``[[setup.optimizers]]``. A key that is not listed here
is an error, as is a value of the wrong kind or out of range. A lesson file is a regular file of at
most 256 KB, nests at most 10 deep, has keys of at most 8 dotted parts, at most 32 tables, at most
10 optimizers, titles of at most 200 and notes of at most 20,000 characters. Optimizers are counted
from 1 in the order of the file (``optimizers[2]`` is the second ``[[setup.optimizers]]`` table).

Texts are read stripped of surrounding white space, with lines ending in "\\n"; a language missing
from ``title`` or ``notes`` falls back to English (``Lesson.text``). ``save_lesson`` writes a CSV
path relative to the lesson's folder when the CSV lies in that folder or below it, else absolute.

Every problem raises ``LessonError``, whose message names the file and says what is wrong and what
is allowed, for example::

    lesson file /x/02.toml: [setup] optimizers[1]: unknown optimizer 'adom'; choose one of: sgd, …
    lesson file /x/02.toml: line 7: Invalid value (at line 7, column 9)

Like the engine's InputError, the message is a template marked for translation with its values, so
the window shows it in the user's language (``gdsim.ui.i18n.translate_error``); only what comes
from elsewhere, such as tomllib's description of a syntax error, stays in English.
"""

import difflib
import math
import numbers
import os
import re
import stat
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

import tomli_w

from ..engine import (
    ACTIVATIONS,
    BUILTIN_DATASETS,
    CUSTOM,
    EVERY_PROBLEM,
    LOSSES,
    OPTIMIZERS,
    InputError,
    Problem,
)
from ..engine.csv_file import file_kind
from ..engine.custom import check_range
from ..engine.errors import QT_TRANSLATE_NOOP, shown, unknown_name
from ..engine.expression import parse
from ..engine.optimizers import get_optimizer
from ..engine.run import DEFAULT_TOLERANCE, STATUS_NAMES, check_tolerance, make_batches
from ..engine.schedules import SCHEDULES, Schedule, schedule_parameter_names
from ..files import write_atomically
from ..paths import resource
from .build import check, problem_of
from .setup import (
    MAX_CONTENDERS,
    MAX_STEP_LIMIT,
    MODEL_PROBLEMS,
    SPEED_RANGE,
    Contender,
    Setup,
    check_hyperparameter,
    check_speed,
)
from .toml_scan import TooComplex, scan

LANGUAGES = ("en", "zh")
FIRST_NUMBER, LAST_NUMBER = 1, 20
EXPECTED_STATUSES = tuple(s for s in STATUS_NAMES if s != "running")
DEFAULT_EXPECT_TOLERANCE = 1e-3
TEXT_FIELDS = ("title", "notes")

# What a lesson file may hold. The longest lesson shipped is under 4 KB and nests 2 deep; these leave
# room to spare and keep reading fast (tomllib reads 256 KB in at most ~0.3 s) and short messages.
MAX_BYTES = 256 * 1024
MAX_NESTING = 10  # arrays and inline tables inside each other; [[a]] counts 2
MAX_KEY_PARTS = 8  # a.b.c has 3
MAX_TABLES = 32  # [lesson], [setup], [[setup.optimizers]] … each count 1
MAX_TEXT = {"title": 200, "notes": 20_000}  # characters in each language
MAX_PATH = 4096  # characters of a data file's path

_TOP_KEYS = ("lesson", "setup", "view", "expect")
_LESSON_KEYS = ("number", "title", "notes")
_SETUP_KEYS = ("problem", "function", "range", "data", "activation", "loss", "start", "speed", "step_limit",
               "tol", "batch_size", "seed", "optimizers")
_VIEW_KEYS = ("log_scale", "step_parts", "formula")
_EXPECT_KEYS = ("status", "final", "tolerance", "stopped_at", "path", "closest")


@dataclass(frozen=True)
class LessonView:
    """How the window shows a lesson."""

    log_scale: bool = False
    step_parts: bool = False  # draw the parts of each update as separate arrows
    formula: bool = True  # show the live formula panel


@dataclass(frozen=True)
class Lesson:
    """A lesson as read from its file; ``title`` and ``notes`` map a language ('en', 'zh') to text,
    stripped of surrounding white space, with lines ending in "\\n".

    ``expect`` is empty when the file has no [expect]; otherwise it holds ``status`` (a list of
    status names, one per optimizer), ``tolerance`` (a float), and, when the file gives them,
    ``final`` (one tuple of numbers per optimizer, or None where not checked), ``stopped_at``
    (one step number per optimizer), ``path`` (per optimizer a list of points from the start, or
    None) and ``closest`` (per optimizer a pair (distance, step), or None). ``problem`` is the
    setup's problem, built (its data read) when the lesson was read and checked; the window runs the
    lesson on it.
    """

    path: Path
    number: int
    title: dict[str, str]
    notes: dict[str, str]
    setup: Setup
    view: LessonView
    expect: dict
    problem: Problem | None = field(default=None, compare=False, repr=False)  # the setup's, as checked

    def text(self, field: str, language: str = "en") -> str:
        """The title or notes in ``language`` ('zh', or a locale name such as 'zh_CN'), else English."""
        if field not in TEXT_FIELDS:
            raise ValueError(f"a lesson's texts are {' and '.join(TEXT_FIELDS)}, not {field!r}")
        texts = getattr(self, field)
        code = re.split(r"[-_]", language, maxsplit=1)[0].lower()
        return texts.get(code) or texts.get("en", "")


class LessonError(ValueError):
    """A lesson file that cannot be read, or a lesson that cannot be written; nothing was applied.

    Like the engine's InputError the message is a template with values, so the window can show it in
    the user's language (``gdsim.ui.i18n.translate_error``): the template is "lesson file {path}:
    {problem}", and ``problem`` (what is wrong, without the file name) is itself a template with
    values, which may hold an engine InputError in turn. ``path`` is the file.
    """

    def __init__(self, path, template: str, /, **values):
        self.path = Path(path)
        self.problem = _Message(template, **values)
        self.template = QT_TRANSLATE_NOOP("errors", "lesson file {path}: {problem}")
        self.values = {"path": _printable(self.path), "problem": self.problem}
        super().__init__(self.template.format(**self.values))


def _printable(path: Path):
    """The path, or for one with a line break or other control character in its name, its text with
    those escaped, so that a message stays one line."""
    text = str(path)
    return path if text.isprintable() else repr(text)[1:-1]


class _Message:
    """Text as a template marked for translation and its values; str() gives it in English."""

    def __init__(self, template: str, /, **values):
        self.template, self.values = template, values

    def __str__(self) -> str:
        return self.template.format(**self.values) if self.values else self.template


class _Invalid(Exception):
    """What is wrong, as a template and its values, without the file name (LessonError adds it)."""

    def __init__(self, template: str, /, **values):
        self.template, self.values = template, values
        super().__init__(str(_Message(template, **values)))


# --- reading ------------------------------------------------------------------------------------


def lessons_folder() -> Path:
    return resource("lessons")


def shipped_lessons() -> list[Lesson]:
    """Every lesson in gdsim's lessons folder, sorted by number; two with one number are an error."""
    folder = lessons_folder()
    if not folder.is_dir():
        raise FileNotFoundError(f"gdsim's lessons folder {folder} is missing")
    lessons = sorted((load_lesson(p) for p in folder.glob("*.toml")), key=lambda x: (x.number, x.path.name))
    for a, b in zip(lessons, lessons[1:], strict=False):
        if a.number == b.number:
            raise LessonError(b.path, QT_TRANSLATE_NOOP(
                "errors", "[lesson] number {number} is taken by {other} too; each lesson needs its own "
                          "number from {first} to {last}"),
                number=b.number, other=a.path.name, first=FIRST_NUMBER, last=LAST_NUMBER)
    return lessons


def load_lesson(path) -> Lesson:
    """Read and check a lesson file completely (building its problem and runs once).

    A pure function of the file (and of a CSV file it names), safe to call from any thread: it
    reads at most MAX_BYTES, never waits on a FIFO or a device, and every way it fails is one
    LessonError."""
    path = Path(path)
    raw = _read(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise LessonError(path, QT_TRANSLATE_NOOP(
            "errors", "line {line}: the file is not UTF-8 text; save it as UTF-8"),
            line=raw[: e.start].count(b"\n") + 1) from None
    return _parse(text, path)


_CANNOT_READ = QT_TRANSLATE_NOOP("errors", "cannot read it: {reason}")
_A_FOLDER = QT_TRANSLATE_NOOP("errors", "this is a folder, not a lesson file")
_NOT_REGULAR = QT_TRANSLATE_NOOP(
    "errors", "this is not a regular file (it is a {kind}); lessons are read from files only")
_TOO_BIG = QT_TRANSLATE_NOOP(
    "errors", "the file is larger than {limit} KB; a lesson file has at most {limit} KB")


def _read(path: Path) -> bytes:
    """The file's bytes, if it is a regular file of at most MAX_BYTES. It is opened without waiting
    (a FIFO with no writer would block) and checked before anything is read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise LessonError(path, QT_TRANSLATE_NOOP("errors", "the file does not exist")) from None
    except IsADirectoryError:
        raise LessonError(path, _A_FOLDER) from None
    except OSError as e:  # a socket cannot be opened at all: say what it is
        try:
            mode = os.stat(path).st_mode
        except (OSError, ValueError):
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise LessonError(path, _NOT_REGULAR, kind=file_kind(mode)) from None
        raise LessonError(path, _CANNOT_READ, reason=e.strerror or str(e)) from None
    except ValueError as e:  # a NUL character in the name
        raise LessonError(path, _CANNOT_READ, reason=str(e)) from None
    limit_kb = MAX_BYTES // 1024
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LessonError(path, _A_FOLDER)
        if not stat.S_ISREG(info.st_mode):
            raise LessonError(path, _NOT_REGULAR, kind=file_kind(info.st_mode))
        if info.st_size > MAX_BYTES:
            raise LessonError(path, _TOO_BIG, limit=limit_kb)
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise LessonError(path, _CANNOT_READ, reason=e.strerror or str(e)) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:  # it grew while being read
        raise LessonError(path, _TOO_BIG, limit=limit_kb)
    return raw


_TOO_COMPLEX = {
    "nesting": QT_TRANSLATE_NOOP("errors", "line {line}: arrays and tables nest more than {limit} deep; a "
                                           "lesson needs 2 at most"),
    "key": QT_TRANSLATE_NOOP("errors", "line {line}: a key has more than {limit} dotted parts (such as "
                                       "a.b.c); a lesson needs 3 at most"),
    "tables": QT_TRANSLATE_NOOP("errors", "line {line}: more than {limit} tables; a lesson has [lesson], "
                                          "[setup], at most {most} [[setup.optimizers]], [view] and "
                                          "[expect]"),
}


def _parse(text: str, path: Path) -> Lesson:
    try:
        scan(text, max_nesting=MAX_NESTING, max_key_parts=MAX_KEY_PARTS, max_tables=MAX_TABLES)
    except TooComplex as e:
        raise LessonError(path, _TOO_COMPLEX[e.what], line=e.line, limit=e.limit,
                          most=MAX_CONTENDERS) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        message = str(e)  # tomllib's own words: English only
        raise LessonError(path, QT_TRANSLATE_NOOP("errors", "line {line}: {message}"),
                          line=_syntax_error_line(message, text), message=message) from None
    except Exception as e:  # noqa: BLE001 (any failure of the parser is the file's: say so, in one line)
        raise LessonError(path, QT_TRANSLATE_NOOP("errors", "the TOML reader cannot read it ({error})"),
                          error=shown(e)) from None
    try:
        return _lesson(doc, path)
    except _Invalid as e:
        raise LessonError(path, e.template, **e.values) from None


def _syntax_error_line(message: str, text: str) -> int:
    found = re.search(r"\(at line (\d+), column \d+\)", message)
    if found:
        return int(found.group(1))
    return max(1, text.count("\n") + (0 if text.endswith("\n") else 1))  # "(at end of document)"


def _lesson(doc: dict, path: Path) -> Lesson:
    for key in doc:
        if key not in _TOP_KEYS:
            raise _unknown_key(key, _TOP_KEYS, QT_TRANSLATE_NOOP(
                "errors", "unknown table or key {key!r} at the top level; a lesson has [lesson], [setup] "
                          "and, optionally, [view] and [expect]"), QT_TRANSLATE_NOOP(
                "errors", "unknown table or key {key!r} (did you mean {close!r}?) at the top level; a lesson "
                          "has [lesson], [setup] and, optionally, [view] and [expect]"))
    for name in ("lesson", "setup"):
        if name not in doc:
            raise _Invalid(QT_TRANSLATE_NOOP(
                "errors", "the file needs a [{name}] table; a lesson has [lesson], [setup] and, optionally, "
                          "[view] and [expect]"),
                name=name)
    lesson = _table(doc, "lesson")
    _check_keys(lesson, _LESSON_KEYS, "[lesson]")
    number = _lesson_number(lesson)
    title = _texts(lesson, "title", required=True)
    notes = _texts(lesson, "notes", required=False)

    setup, problem = _setup(_table(doc, "setup"), path.parent)
    view = _view(_table(doc, "view") if "view" in doc else {})
    expect = _expect(_table(doc, "expect"), setup, problem) if "expect" in doc else {}
    return Lesson(path, number, title, notes, setup, view, expect, problem)


def _lesson_number(lesson: dict) -> int:
    if "number" not in lesson:
        raise _Invalid(QT_TRANSLATE_NOOP("errors", "[lesson] needs number (a whole number from {first} to "
                                                   "{last}: the lesson's place in the Lessons menu)"),
                       first=FIRST_NUMBER, last=LAST_NUMBER)
    number = lesson["number"]
    if not _is_int(number) or not FIRST_NUMBER <= number <= LAST_NUMBER:
        raise _Invalid(QT_TRANSLATE_NOOP("errors", "[lesson] number must be a whole number from {first} to "
                                                   "{last}, got {got}"),
                       first=FIRST_NUMBER, last=LAST_NUMBER, got=_describe(number))
    return number


def _texts(lesson: dict, name: str, required: bool) -> dict[str, str]:
    example = f'{name} = {{ en = "…", zh = "…" }}'
    needs_english = QT_TRANSLATE_NOOP("errors", "[lesson] needs {name}.en (write {example})")
    if name not in lesson:
        if required:
            raise _Invalid(needs_english, name=name, example=example)
        return {}
    texts = lesson[name]
    if not isinstance(texts, dict):
        raise _Invalid(QT_TRANSLATE_NOOP("errors", "[lesson] {name} must be a table of texts by language, "
                                                   "such as {example}; got {got}"),
                       name=name, example=example, got=_describe(texts))
    _check_keys(texts, LANGUAGES, f"[lesson] {name}")
    out = {}
    for language, value in texts.items():
        if not isinstance(value, str):
            raise _Invalid(QT_TRANSLATE_NOOP("errors", "[lesson] {name}.{language} must be a string, got "
                                                       "{got}"),
                           name=name, language=language, got=_describe(value))
        out[language] = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        if len(out[language]) > MAX_TEXT[name]:
            raise _Invalid(QT_TRANSLATE_NOOP("errors", "[lesson] {name}.{language} has {length:,} "
                                                       "characters; {most:,} at most"),
                           name=name, language=language, length=len(out[language]), most=MAX_TEXT[name])
    if required and not out.get("en"):
        if "en" in out:
            raise _Invalid(QT_TRANSLATE_NOOP("errors", "[lesson] needs {name}.en (it is empty)"), name=name)
        raise _Invalid(needs_english, name=name, example=example)
    return out


def _setup(table: dict, folder: Path) -> tuple[Setup, object]:
    where = "[setup]"
    _check_keys(table, _SETUP_KEYS, where)
    for key in ("problem", "speed", "step_limit", "optimizers"):
        if key not in table:
            raise _Invalid(_SETUP_NEEDS[key], valid=", ".join(EVERY_PROBLEM))

    problem_name = _name(table, "problem", EVERY_PROBLEM)
    function, range_ = _typed(table, problem_name)
    for key in ("data", "activation", "loss"):
        if key not in table:
            continue
        if key == "activation" and problem_name != "neuron":
            raise _Invalid(QT_TRANSLATE_NOOP(
                "errors", "[setup] activation applies only to the problem neuron, not {problem!r}"),
                problem=problem_name)
        if problem_name not in MODEL_PROBLEMS:
            raise _Invalid(QT_TRANSLATE_NOOP(
                "errors", "[setup] {key} applies only to the problems {models}, not {problem!r}"),
                key=key, models=_listed(MODEL_PROBLEMS), problem=problem_name)
    data = _data_source(_string(table, "data", where), folder) if "data" in table else None
    activation = _name(table, "activation", ACTIVATIONS) if "activation" in table else None
    loss = _name(table, "loss", LOSSES) if "loss" in table else None

    speed = _speed(table["speed"])
    step_limit = table["step_limit"]
    if not _is_int(step_limit) or not 1 <= step_limit <= MAX_STEP_LIMIT:
        raise _Invalid(QT_TRANSLATE_NOOP(
            "errors", "[setup] step_limit must be a whole number from 1 to {most}, got {got}"),
            most=f"{MAX_STEP_LIMIT:,}", got=_describe(step_limit))
    tol = DEFAULT_TOLERANCE
    if "tol" in table:
        if not _is_number(table["tol"]):
            raise _Invalid(QT_TRANSLATE_NOOP("errors", "[setup] tol must be a number ≥ 0, got {got}"),
                           got=_describe(table["tol"]))
        with _placed(where):
            tol = check_tolerance(table["tol"])
    _check_batch_keys(table, where)
    contenders = _contenders(table["optimizers"], (table.get("batch_size"), table.get("seed")))
    if "seed" in table and all(c.batch_size is None for c in contenders):
        raise _seed_alone(where)
    if problem_name not in MODEL_PROBLEMS:
        batched = [i for i, c in enumerate(contenders, start=1) if c.batch_size is not None]
        if batched:
            raise _Invalid(QT_TRANSLATE_NOOP(
                "errors", "{where} batch_size applies only to the problems {models}, not {problem!r}"),
                where=where if "batch_size" in table else f"{where} optimizers[{batched[0]}]:",
                models=_listed(MODEL_PROBLEMS), problem=problem_name)

    with _placed(where):
        problem = problem_of(Setup(problem_name, data, activation, loss, function=function, range=range_))
    for i, c in enumerate(contenders, start=1):
        with _placed(f"{where} optimizers[{i}]"):
            make_batches(problem, c.batch_size, c.seed)
    start = None
    if "start" in table:
        start = _point(table["start"], f"{where} start", problem)
    own_starts = [_point(entry["start"], f"{where} optimizers[{i}] start", problem)
                  if "start" in entry else None for i, entry in enumerate(table["optimizers"], start=1)]
    contenders = tuple(c if s is None else replace(c, start=s) for c, s in zip(contenders, own_starts,
                                                                              strict=True))
    setup = Setup(problem_name, data, activation, loss, contenders, start, speed, step_limit, tol,
                  function=function, range=range_)
    with _placed(where):
        check(setup, problem)
    return setup, problem


def _typed(table: dict, problem_name: str):
    """[setup] function and range: the typed function's text and its range (None: the default), for
    the problem custom only; each checked by the engine, its message placed in the file."""
    for key in ("function", "range"):
        if key in table and problem_name != CUSTOM:
            raise _Invalid(QT_TRANSLATE_NOOP(
                "errors", "[setup] {key} applies only to the problem {custom} (a typed function), not "
                          "{problem!r}"),
                key=key, custom=CUSTOM, problem=problem_name)
    if problem_name != CUSTOM:
        return None, None
    if "function" not in table:
        raise _Invalid(QT_TRANSLATE_NOOP(
            "errors", "[setup] problem {custom} needs function, the text of a function of x, or of x and y, "
                      "such as {example}"),
            custom=CUSTOM, example='function = "x^4 - 3*x^2 + x"')
    function = _string(table, "function", "[setup]")
    with _placed("[setup] function"):
        variables = parse(function).variables
    if "range" not in table:
        return function, None
    value = table["range"]
    pairs = value if isinstance(value, list) and value and isinstance(value[0], list) else [value]
    if not (isinstance(value, list) and 1 <= len(pairs) <= 2
            and all(isinstance(p, list) and len(p) == 2 and all(map(_is_number, p)) for p in pairs)):
        raise _Invalid(QT_TRANSLATE_NOOP(
            "errors", "[setup] range must be two numbers [low, high] for x, or two such pairs for x and y, "
                      "such as [-3, 3] or [[-3, 3], [-2, 2]]; got {got}"),
            got=_describe(value))
    with _placed("[setup] range"):
        domain = check_range(pairs, variables)
    return function, domain


_SETUP_NEEDS = {  # each formatted with valid: the problems' names
    "problem": QT_TRANSLATE_NOOP("errors", "[setup] needs problem (one of: {valid})"),
    "speed": QT_TRANSLATE_NOOP("errors", '[setup] needs speed (steps per second, or "max" for as fast as '
                                         'possible)'),
    "step_limit": QT_TRANSLATE_NOOP("errors", "[setup] needs step_limit (a whole number ≥ 1: the run stops "
                                              "after this many steps)"),
    "optimizers": QT_TRANSLATE_NOOP("errors", '[setup] needs optimizers (at least one [[setup.optimizers]] '
                                              'table with a name, such as name = "sgd")'),
}
_AT = QT_TRANSLATE_NOOP("errors", "{where}: {error}")  # an engine error placed in the file


def _data_source(data: str, folder: Path) -> str:
    """A built-in dataset's name as it is; a CSV path made absolute (relative: to the lesson's folder)."""
    if data in BUILTIN_DATASETS:
        return data
    if len(data) > MAX_PATH:
        raise _Invalid(QT_TRANSLATE_NOOP("errors", "[setup] data has {length:,} characters; a path has at "
                                                   "most {most:,}"),
                       length=len(data), most=MAX_PATH)
    valid = ", ".join(BUILTIN_DATASETS)
    if not data.strip():
        raise _Invalid(QT_TRANSLATE_NOOP("errors", "[setup] data is empty; give a CSV file or one of the "
                                                   "built-in datasets: {valid}"),
                       valid=valid)
    path = os.path.normpath(os.path.join(os.path.abspath(folder), data))
    if not os.path.lexists(path):  # one that is there but no CSV file (a FIFO, a folder…): the reader says so
        if os.path.isabs(data):
            raise _Invalid(QT_TRANSLATE_NOOP(
                "errors", "[setup] data: the data file {path} does not exist; give a CSV file or one of the "
                          "built-in datasets: {valid}"),
                path=path, valid=valid)
        raise _Invalid(QT_TRANSLATE_NOOP(
            "errors", "[setup] data: the data file {path} does not exist (a relative path is taken from the "
                      "lesson's folder {folder}); give a CSV file or one of the built-in datasets: {valid}"),
            path=path, folder=os.path.abspath(folder), valid=valid)
    return path


def _speed(speed) -> float | None:
    if speed == "max":
        return None
    try:
        return check_speed(speed)
    except InputError:
        raise _Invalid(QT_TRANSLATE_NOOP(
            "errors", '[setup] speed must be a number of steps per second from {low:g} to {high:,g}, or '
                      '"max"; got {got}'),
            low=SPEED_RANGE[0], high=SPEED_RANGE[1], got=_describe(speed)) from None


_CONTENDER_KEYS = ("schedule", "batch_size", "seed", "start")  # besides name and the hyperparameters


def _contenders(entries, batches: tuple[int | None, int | None]) -> tuple[Contender, ...]:
    """The [[setup.optimizers]] tables; ``batches`` is [setup]'s batch_size and seed, which a table's own
    replace."""
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise _Invalid(QT_TRANSLATE_NOOP(
            "errors", '[setup] optimizers must be one or more [[setup.optimizers]] tables, each with a name '
                      'such as name = "sgd"; got {got}'),
            got=_describe(entries))
    if len(entries) > MAX_CONTENDERS:
        raise _Invalid(QT_TRANSLATE_NOOP("errors", "[setup] has {count} optimizers; a lesson runs at most "
                                                   "{most} side by side"),
                       count=len(entries), most=MAX_CONTENDERS)
    contenders = []
    for i, entry in enumerate(entries, start=1):
        where = f"[setup] optimizers[{i}]"
        if "name" not in entry:
            raise _Invalid(QT_TRANSLATE_NOOP("errors", "{where} needs name (one of: {valid})"),
                           where=where, valid=", ".join(OPTIMIZERS))
        name = _string(entry, "name", where)
        with _placed(where):
            optimizer = get_optimizer(name)
        schedule_name = _string(entry, "schedule", where) if "schedule" in entry else None
        if schedule_name is not None and schedule_name not in SCHEDULES:
            raise _Invalid(_AT, where=f"{where} schedule", error=unknown_name("schedule", schedule_name,
                                                                              SCHEDULES))
        own = [p.name for p in SCHEDULES[schedule_name].parameters] + ["warmup"] if schedule_name else []
        known = [h.name for h in optimizer.hyperparameters]
        hyperparameters, settings = {}, {}
        for key, value in entry.items():
            if key in ("name", *_CONTENDER_KEYS):
                continue
            if key in schedule_parameter_names() and key not in own:
                if schedule_name is None:
                    raise _Invalid(QT_TRANSLATE_NOOP(
                        "errors", '{where}: {key} is a parameter of a learning-rate schedule; give schedule '
                                  '= "…" too (one of: {valid})'),
                        where=where, key=key, valid=", ".join(SCHEDULES))
                raise _Invalid(QT_TRANSLATE_NOOP(
                    "errors", "{where}: the schedule {schedule} has no parameter {key!r}; its parameters "
                              "are: {valid}"),
                    where=where, schedule=schedule_name, key=key, valid=", ".join(own))
            if key not in known + own:
                raise _unknown_key(key, known + own + list(_CONTENDER_KEYS), QT_TRANSLATE_NOOP(
                    "errors", "{where}: {optimizer} has no hyperparameter {key!r}; allowed keys: name, "
                              "{allowed}"), QT_TRANSLATE_NOOP(
                    "errors", "{where}: {optimizer} has no hyperparameter {key!r} (did you mean {close!r}?); "
                              "allowed keys: name, {allowed}"),
                    where=where, optimizer=name)
            if not _is_number(value):
                raise _Invalid(QT_TRANSLATE_NOOP("errors", "{where}: {key} must be a number, got {got}"),
                               where=where, key=key, got=_describe(value))
            if key in own:
                settings[key] = value
                continue
            with _placed(where):
                hyperparameters[key] = check_hyperparameter(name, key, value)
        schedule = None
        if schedule_name is not None:
            with _placed(where):
                schedule = Schedule(schedule_name, **settings)
        batch_size, seed = _batches(entry, f"{where}:", *batches)
        seed = 0 if seed is None or batch_size is None else seed  # a seed orders batches only
        contenders.append(Contender(name, hyperparameters, schedule, batch_size, seed))
    return tuple(contenders)


def _batches(table: dict, where: str, batch_size=None, seed=None) -> tuple[int | None, int | None]:
    """The table's batch_size and seed (else the ones given: [setup]'s), each checked as far as the file
    alone can tell (whether the data has that many samples, the run decides). ``where`` ends as the
    messages place a key: "[setup]" or "[setup] optimizers[2]:"."""
    _check_batch_keys(table, where)
    if "seed" in table and "batch_size" not in table and batch_size is None:
        raise _seed_alone(where)
    return table.get("batch_size", batch_size), table.get("seed", seed)


def _check_batch_keys(table: dict, where: str) -> None:
    for key, low in (("batch_size", 1), ("seed", 0)):
        if key in table and (not _is_int(table[key]) or table[key] < low):
            raise _Invalid(QT_TRANSLATE_NOOP("errors", "{where} {key} must be a whole number ≥ {low}, got "
                                                       "{got}"),
                           where=where, key=key, low=low, got=_describe(table[key]))


def _seed_alone(where: str) -> _Invalid:
    return _Invalid(QT_TRANSLATE_NOOP(
        "errors", "{where} seed orders the mini-batches; give batch_size too (without it every step uses "
                  "the whole data)"),
        where=where)


def _point(value, where: str, problem) -> tuple[float, ...]:
    known = {"where": where, "problem": problem.name, "dim": problem.dim,
             "names": ", ".join(problem.param_names)}
    if not isinstance(value, list) or not all(_is_number(v) for v in value):
        if problem.dim == 1:
            template = QT_TRANSLATE_NOOP("errors", "{where} must be an array of numbers such as {example}; "
                                                   "problem {problem!r} has 1 parameter ({names}); got {got}")
        else:
            template = QT_TRANSLATE_NOOP("errors", "{where} must be an array of numbers such as {example}; "
                                                   "problem {problem!r} has {dim} parameters ({names}); "
                                                   "got {got}")
        raise _Invalid(template, **known, example=[0.0] * problem.dim, got=_describe(value))
    if len(value) != problem.dim:  # so not both 1
        if problem.dim == 1:
            template = QT_TRANSLATE_NOOP("errors", "{where} has {count} numbers; problem {problem!r} has 1 "
                                                   "parameter ({names})")
        elif len(value) == 1:
            template = QT_TRANSLATE_NOOP("errors", "{where} has 1 number; problem {problem!r} has {dim} "
                                                   "parameters ({names})")
        else:
            template = QT_TRANSLATE_NOOP("errors", "{where} has {count} numbers; problem {problem!r} has "
                                                   "{dim} parameters ({names})")
        raise _Invalid(template, **known, count=len(value))
    if not all(math.isfinite(v) for v in value):
        raise _Invalid(QT_TRANSLATE_NOOP("errors", "{where} must be finite numbers, got {got}"),
                       where=where, got=value)
    return tuple(float(v) for v in value)


def _view(table: dict) -> LessonView:
    _check_keys(table, _VIEW_KEYS, "[view]")
    for key, value in table.items():
        if not isinstance(value, bool):
            raise _Invalid(QT_TRANSLATE_NOOP("errors", "[view] {key} must be true or false, got {got}"),
                           key=key, got=_describe(value))
    return LessonView(**table)


def _expect(table: dict, setup: Setup, problem) -> dict:
    _check_keys(table, _EXPECT_KEYS, "[expect]")
    n = len(setup.contenders)
    if "status" not in table:
        raise _Invalid(QT_TRANSLATE_NOOP(
            "errors", "[expect] needs status: one per optimizer ({n} here), each one of: {valid}"),
            n=n, valid=", ".join(EXPECTED_STATUSES))
    status = table["status"]
    if not isinstance(status, list) or len(status) != n:
        raise _Invalid(QT_TRANSLATE_NOOP("errors", "[expect] status must be an array of statuses, one per "
                                                   "optimizer ({n} here); got {got}"),
                       n=n, got=_describe(status))
    for i, s in enumerate(status, start=1):
        if s not in EXPECTED_STATUSES:
            raise _Invalid(QT_TRANSLATE_NOOP("errors", "[expect] status[{i}] must be one of: {valid}; "
                                                       "got {got}"),
                           i=i, valid=", ".join(repr(x) for x in EXPECTED_STATUSES), got=_describe(s))
    out = {"status": list(status)}

    tolerance = table.get("tolerance", DEFAULT_EXPECT_TOLERANCE)
    if not _is_number(tolerance) or not (0 < tolerance < math.inf):
        raise _Invalid(QT_TRANSLATE_NOOP("errors", "[expect] tolerance must be a positive number, got {got}"),
                       got=_describe(tolerance))
    out["tolerance"] = float(tolerance)

    if "final" in table:
        final = table["final"]
        if not isinstance(final, list) or len(final) != n:
            raise _Invalid(QT_TRANSLATE_NOOP(
                "errors", "[expect] final must be an array of points, one per optimizer ({n} here) ([] for "
                          "one not checked); got {got}"),
                n=n, got=_describe(final))
        out["final"] = [None if p == [] else _point(p, f"[expect] final[{i}]", problem)
                        for i, p in enumerate(final, start=1)]

    if "stopped_at" in table:
        steps = table["stopped_at"]
        ok = isinstance(steps, list) and len(steps) == n
        if not ok or not all(_is_int(s) and 0 <= s <= setup.step_limit for s in steps):
            raise _Invalid(QT_TRANSLATE_NOOP(
                "errors", "[expect] stopped_at must be an array of whole numbers from 0 to the step limit "
                          "{limit}, one per optimizer ({n} here); got {got}"),
                limit=setup.step_limit, n=n, got=_describe(steps))
        out["stopped_at"] = list(steps)

    if "path" in table:
        paths = table["path"]
        if not isinstance(paths, list) or len(paths) != n or not all(isinstance(p, list) for p in paths):
            raise _Invalid(QT_TRANSLATE_NOOP(
                "errors", "[expect] path must be an array with, for each optimizer ({n} here), an array of "
                          "its first points from the start ([] for one not checked); got {got}"),
                n=n, got=_describe(paths))
        out["path"] = []
        for i, points in enumerate(paths, start=1):
            if len(points) > setup.step_limit + 1:
                raise _Invalid(QT_TRANSLATE_NOOP(
                    "errors", "[expect] path[{i}] has {count} points; a run of {limit} steps has at most "
                              "{most}"),
                    i=i, count=len(points), limit=setup.step_limit, most=setup.step_limit + 1)
            out["path"].append([_point(p, f"[expect] path[{i}][{j}]", problem)
                                for j, p in enumerate(points, start=1)] or None)

    if "closest" in table:
        pairs = table["closest"]
        ok = isinstance(pairs, list) and len(pairs) == n and all(
            p == [] or (isinstance(p, list) and len(p) == 2 and _is_number(p[0]) and math.isfinite(p[0])
                        and p[0] >= 0 and _is_int(p[1]) and 0 <= p[1] <= setup.step_limit)
            for p in pairs)
        if not ok:
            raise _Invalid(QT_TRANSLATE_NOOP(
                "errors", "[expect] closest must be an array with, for each optimizer ({n} here), a pair "
                          "[distance ≥ 0, step from 0 to the step limit {limit}] ([] for one not checked); "
                          "got {got}"),
                n=n, limit=setup.step_limit, got=_describe(pairs))
        if not problem.minima:
            raise _Invalid(QT_TRANSLATE_NOOP(
                "errors", "[expect] closest needs a problem with a known minimum; {problem!r} has none"),
                problem=problem.name)
        out["closest"] = [None if p == [] else (float(p[0]), int(p[1])) for p in pairs]
    return out


# --- checks shared by the readers -----------------------------------------------------------------


def _check_keys(table: dict, allowed: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in allowed:
            raise _unknown_key(key, allowed, QT_TRANSLATE_NOOP(
                "errors", "{where}: unknown key {key!r}; allowed keys: {allowed}"), QT_TRANSLATE_NOOP(
                "errors", "{where}: unknown key {key!r} (did you mean {close!r}?); allowed keys: {allowed}"),
                where=where)


def _unknown_key(key: str, allowed, template: str, suggesting: str, **values) -> _Invalid:
    """An unknown key, as ``template``, or as ``suggesting`` (which names {close}) when one is close."""
    close = difflib.get_close_matches(key, allowed, n=1) if len(key) <= 100 else []
    if close:
        return _Invalid(suggesting, **values, key=shown(key), close=close[0], allowed=", ".join(allowed))
    return _Invalid(template, **values, key=shown(key), allowed=", ".join(allowed))


def _table(doc: dict, key: str) -> dict:
    value = doc[key]
    if not isinstance(value, dict):
        raise _Invalid(QT_TRANSLATE_NOOP("errors", "{key} must be a table [{key}], got {got}"),
                       key=key, got=_describe(value))
    return value


def _name(table: dict, key: str, names) -> str:
    """[setup] ``key``, one of ``names`` (a problem's, an activation's, a loss's): an unknown one is
    refused with the names to choose from."""
    name = _string(table, key, "[setup]")
    if name not in names:
        raise _Invalid(_AT, where=f"[setup] {key}", error=unknown_name(key, name, names))
    return name


def _string(table: dict, key: str, where: str) -> str:
    value = table[key]
    if not isinstance(value, str):
        raise _Invalid(QT_TRANSLATE_NOOP("errors", "{where} {key} must be a string, got {got}"),
                       where=where, key=key, got=_describe(value))
    return value


@contextmanager
def _placed(where: str):
    """An InputError from the engine becomes the same message placed at `where` in the file."""
    try:
        yield
    except InputError as e:
        raise _Invalid(_AT, where=where, error=e) from None


def _listed(names) -> _Message:
    """'a and b', 'a, b and c'."""
    return _Message(QT_TRANSLATE_NOOP("errors", "{first} and {last}"), first=", ".join(names[:-1]),
                    last=names[-1])


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _describe(value) -> str | _Message:
    """A value read from the file as a message shows it: TOML's true and false, a quoted string…"""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _Message(QT_TRANSLATE_NOOP("errors", "the string {text!r}"), text=shown(value))
    if isinstance(value, dict):
        return _Message(QT_TRANSLATE_NOOP("errors", "a table"))
    if isinstance(value, list):
        text = repr(value)
        return _Message(QT_TRANSLATE_NOOP("errors", "the array {text}"),
                        text=text if len(text) <= 60 else text[:57] + "…")
    return repr(value)


# --- writing ------------------------------------------------------------------------------------


def save_lesson(path, setup: Setup, view: LessonView, title: dict, notes: dict, number: int) -> None:
    """Write a lesson file that ``load_lesson`` reads back to the same Setup and LessonView.

    The file is checked as ``load_lesson`` would check it before anything is written, and written
    atomically (a temporary file in the same folder, then renamed over ``path``). A CSV data path is
    written relative to the lesson's folder when the CSV lies in that folder or below, else absolute.
    Raises LessonError, and leaves any existing file as it was, when the lesson is not valid or
    cannot be written.
    """
    path = Path(path)
    folder = path.parent
    try:
        doc = _document(setup, view, title, notes, number, folder)
        text = tomli_w.dumps(doc, multiline_strings=True)
    except _Invalid as e:
        raise LessonError(path, e.template, **e.values) from None
    except (TypeError, ValueError) as e:
        raise LessonError(path, QT_TRANSLATE_NOOP("errors", "cannot be written as TOML: {error}"),
                          error=e) from None
    _parse(text, path)  # raises LessonError, naming the file, for anything load_lesson would reject
    _write(path, text)


def _document(setup: Setup, view: LessonView, title: dict, notes: dict, number: int, folder: Path) -> dict:
    table: dict = {"problem": setup.problem}
    if setup.function is not None:
        table["function"] = setup.function
    if setup.range is not None:
        pairs = [[_plain_number(v, "[setup] range") for v in pair] for pair in setup.range]
        table["range"] = pairs[0] if len(pairs) == 1 else pairs
    if setup.data is not None:
        table["data"] = _data_entry(setup.data, folder)
    if setup.activation is not None:
        table["activation"] = setup.activation
    if setup.loss is not None:
        table["loss"] = setup.loss
    if setup.start is not None:
        table["start"] = [_plain_number(v, "[setup] start") for v in setup.start]
    table["speed"] = "max" if setup.speed is None else _plain_number(setup.speed, "[setup] speed")
    table["step_limit"] = setup.step_limit
    table["tol"] = _plain_number(setup.tol, "[setup] tol")
    table["optimizers"] = [_optimizer_entry(c, f"[setup] optimizers[{i}]")
                           for i, c in enumerate(setup.contenders, start=1)]
    lesson: dict = {"number": number, "title": dict(title)}
    if notes:
        lesson["notes"] = dict(notes)
    return {
        "lesson": lesson,
        "setup": table,
        "view": {"log_scale": view.log_scale, "step_parts": view.step_parts, "formula": view.formula},
    }


def _optimizer_entry(c: Contender, where: str) -> dict:
    entry = {"name": c.optimizer,
             **{k: _plain_number(v, f"{where}: {k}") for k, v in c.hyperparameters.items()}}
    if c.schedule is not None:
        entry["schedule"] = c.schedule.name
        entry.update({k: _plain_number(v, f"{where}: {k}") for k, v in c.schedule.parameters.items()})
    if c.batch_size is not None:
        entry["batch_size"] = _plain_number(c.batch_size, f"{where}: batch_size")
        entry["seed"] = _plain_number(c.seed, f"{where}: seed")
    if c.start is not None:
        entry["start"] = [_plain_number(v, f"{where}: start") for v in c.start]
    return entry


def _plain_number(value, where: str):
    """An int or float for tomli_w (numpy scalars are not plain numbers to it)."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    raise _Invalid(QT_TRANSLATE_NOOP("errors", "{where} must be a number, got {got}"),
                   where=where, got=_describe(value))


def _data_entry(data, folder: Path) -> str:
    if isinstance(data, str) and data in BUILTIN_DATASETS:
        return data
    if not isinstance(data, (str, os.PathLike)):
        raise _Invalid(QT_TRANSLATE_NOOP(
            "errors", "[setup] data must be a built-in dataset name or a CSV path, got {got}"),
            got=_describe(data))
    absolute = os.path.abspath(data)
    relative = os.path.relpath(absolute, os.path.abspath(folder)) if _inside(absolute, folder) else None
    if relative is None:
        return PurePath(absolute).as_posix()
    relative = PurePath(relative).as_posix()
    return "./" + relative if relative in BUILTIN_DATASETS else relative


def _inside(path: str, folder: Path) -> bool:
    try:
        return os.path.commonpath([path, os.path.abspath(folder)]) == os.path.abspath(folder)
    except ValueError:  # different drives
        return False


_CANNOT_WRITE = QT_TRANSLATE_NOOP("errors", "cannot write it: {reason}")


def _write(path: Path, text: str) -> None:
    try:
        write_atomically(path, text)
    except OSError as e:
        raise LessonError(path, _CANNOT_WRITE, reason=e.strerror or str(e)) from None


__all__ = ["LANGUAGES", "Lesson", "LessonError", "LessonView", "load_lesson", "lessons_folder", "save_lesson",
           "shipped_lessons"]

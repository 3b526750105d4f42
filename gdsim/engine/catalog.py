"""Problems by name: the analytic functions and the dataset models (with data, activation, loss)."""

import os

from .activations import ACTIVATIONS
from .custom import CUSTOM, typed_function
from .datasets import Dataset, dataset_from_arrays, load_dataset
from .errors import QT_TRANSLATE_NOOP, InputError, check_name
from .models import LOSSES, MODEL_KINDS, make_model
from .problems import ANALYTIC_PROBLEMS, Problem

PROBLEM_NAMES = tuple(ANALYTIC_PROBLEMS) + MODEL_KINDS
# What a problem's name may be: those above, and "custom", a function the user types (``function``).
EVERY_PROBLEM = PROBLEM_NAMES + (CUSTOM,)
DEFAULT_DATASET = {"linreg": "line", "neuron": "pass-fail"}


def make_problem(name: str | Problem, data=None, activation: str | None = None,
                 loss: str | None = None, *, function: str | None = None, range=None) -> Problem:
    """A problem by name. ``data`` (a built-in dataset name, a CSV path, a Dataset or a pair (X, y)),
    ``activation`` and ``loss`` apply to the dataset models only; ``function`` (the text of a
    function of x, or of x and y) and its ``range`` to the problem "custom" only (see
    ``gdsim.engine.custom.typed_function``). A Problem given is used as it is; ``data``, ``activation``
    or ``loss`` given with a dataset model make the same model with them (its own for those not given)."""
    if isinstance(name, Problem):
        return _remade(name, data, activation, loss, function, range)
    name = check_name("problem", name, EVERY_PROBLEM)
    if name == CUSTOM:
        _refuse_given(name, (("data", data), ("activation", activation), ("loss", loss)),
                      QT_TRANSLATE_NOOP("errors", "problem {name!r} is a typed function; {given} applies "
                                                  "only to linreg and neuron"),
                      QT_TRANSLATE_NOOP("errors", "problem {name!r} is a typed function; {given} apply "
                                                  "only to linreg and neuron"))
        if function is None:
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "problem {name!r} needs a function, the text of one such as \"x^4 - 3*x^2 + x\""),
                name=name)
        return typed_function(function, range)
    _refuse_given(name, (("function", function), ("range", range)),
                  QT_TRANSLATE_NOOP("errors", "{given} applies only to the problem 'custom' (a typed "
                                              "function), not to {name!r}"),
                  QT_TRANSLATE_NOOP("errors", "{given} apply only to the problem 'custom' (a typed "
                                              "function), not to {name!r}"))
    if name in ANALYTIC_PROBLEMS:
        given = [flag for flag, value in (("data", data), ("activation", activation), ("loss", loss))
                 if value is not None]
        if given:
            template = (QT_TRANSLATE_NOOP("errors", "problem {name!r} is a fixed function; {given} "
                                          "applies only to linreg and neuron") if len(given) == 1 else
                        QT_TRANSLATE_NOOP("errors", "problem {name!r} is a fixed function; {given} "
                                          "apply only to linreg and neuron"))
            raise InputError(template, name=name, given=", ".join(given))
        return ANALYTIC_PROBLEMS[name]
    return make_model(name, _dataset(name, data), activation, loss)


def _remade(problem: Problem, data, activation, loss, function, range) -> Problem:
    """``problem`` itself, or for a dataset model with other data, activation or loss, that model
    remade with them; InputError for what does not apply to the problem."""
    _refuse_given(problem.name, (("function", function), ("range", range)),
                  QT_TRANSLATE_NOOP("errors", "{given} applies only when the problem is given by name "
                                              "(here it is the problem {name!r} itself)"),
                  QT_TRANSLATE_NOOP("errors", "{given} apply only when the problem is given by name "
                                              "(here it is the problem {name!r} itself)"))
    dataset = getattr(problem, "dataset", None)
    if dataset is None:
        _refuse_given(problem.name, (("data", data), ("activation", activation), ("loss", loss)),
                      QT_TRANSLATE_NOOP("errors", "problem {name!r} is a fixed function; {given} "
                                                  "applies only to linreg and neuron"),
                      QT_TRANSLATE_NOOP("errors", "problem {name!r} is a fixed function; {given} "
                                                  "apply only to linreg and neuron"))
        return problem
    if data is None and activation is None and loss is None:
        return problem
    kind = problem.name
    return make_model(kind, dataset if data is None else _dataset(kind, data),
                      (problem.activation.name if kind == "neuron" else None) if activation is None
                      else activation,
                      problem.loss_kind.name if loss is None else loss)


def _refuse_given(name: str, pairs, one: str, several: str) -> None:
    given = [flag for flag, value in pairs if value is not None]
    if given:
        raise InputError(one if len(given) == 1 else several, name=name, given=", ".join(given))


def _dataset(kind: str, data) -> Dataset:
    if data is None:
        return load_dataset(DEFAULT_DATASET[kind])
    if isinstance(data, Dataset):
        return data
    if isinstance(data, tuple) and len(data) == 2:
        return dataset_from_arrays(*data)
    if isinstance(data, (str, os.PathLike)):
        return load_dataset(data)
    raise InputError(QT_TRANSLATE_NOOP(
        "errors", "data must be a built-in dataset name, a CSV file, or a pair (X, y); got {kind}"),
        kind=type(data).__name__)


__all__ = ["ACTIVATIONS", "CUSTOM", "EVERY_PROBLEM", "LOSSES", "PROBLEM_NAMES", "make_problem",
           "typed_function"]

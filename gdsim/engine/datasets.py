"""Data for the dataset models: the built-in sets and CSV import (header row; columns x or x1…xk, y)."""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..paths import resource
from .csv_file import read_table
from .errors import QT_TRANSLATE_NOOP, InputError, real_array, shorten, unknown_name


@dataclass(frozen=True, eq=False)
class Dataset:
    """N samples: inputs X (N, k) and targets y (N,)."""

    name: str
    title: str
    X: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    description: str = ""
    source: str = ""  # the file it was read from, if any
    lines: np.ndarray | None = field(default=None, repr=False)  # each row's line in that file
    x_label: str = "x"  # what the inputs and the target are, for the axes of a plot of the data
    y_label: str = "y"

    @property
    def n_inputs(self) -> int:
        return self.X.shape[1]


BUILTIN_DATASETS = {
    "line": ("Noisy line", "30 points scattered around y = 1.5x + 1 (regression)."),
    "pass-fail": ("Pass or fail", "40 students: hours studied (x) and passed (y = 1) or not (0)."),
}
# The built-in sets' columns by what they hold (a CSV file's own header names its columns).
BUILTIN_LABELS = {
    "line": ("x", "y"),
    "pass-fail": ("hours studied", "passed (1) or not (0)"),
}

MAX_INPUTS = 100
MAX_MAGNITUDE = 1e30  # beyond this the squares in a model's loss and curvature may overflow

# Messages, as templates the window can translate (see errors.py). Those about the file itself
# (missing, too large, malformed) are in csv_file.py.
_UNKNOWN_DATASET = QT_TRANSLATE_NOOP(
    "errors",
    "unknown dataset {name!r}; give a CSV file or one of: {valid}",
)
_NOT_DATA = QT_TRANSLATE_NOOP(
    "errors",
    "data must be a built-in dataset name or the path of a CSV file, got {got}",
)
_BAD_SHAPES = QT_TRANSLATE_NOOP(
    "errors",
    "data must be X of shape (N, k) and y of shape (N,) with N ≥ 1; "
    "got X {x_shape} and y {y_shape}",
)
_NOT_FINITE = QT_TRANSLATE_NOOP(
    "errors",
    "data must be finite numbers (no NaN or infinity)",
)
_TOO_MANY_INPUTS = QT_TRANSLATE_NOOP(
    "errors",
    "data has {count} input columns; gdsim's models take at most {limit}",
)
_TOO_MANY_INPUT_COLUMNS = QT_TRANSLATE_NOOP(
    "errors",
    "data file {path} has {count} input columns; gdsim's models take at most {limit}",
)
_TOO_LARGE_CELL = QT_TRANSLATE_NOOP(
    "errors",
    "{path}, line {line}: {column} = {value:g} is too large; data values must lie between "
    "-{limit:g} and {limit:g}, so that the model's loss can be computed",
)
_TOO_LARGE = QT_TRANSLATE_NOOP(
    "errors",
    "row {row}: {column} = {value:g} is too large; data values must lie between "
    "-{limit:g} and {limit:g}, so that the model's loss can be computed",
)
_DUPLICATE_COLUMN = QT_TRANSLATE_NOOP(
    "errors",
    "data file {path}: a column name appears twice in the header {header}",
)
_NO_Y = QT_TRANSLATE_NOOP(
    "errors",
    "data file {path}: the header has no column y; it needs columns x (or x1, x2, …) and y",
)
_UNEXPECTED_COLUMN = QT_TRANSLATE_NOOP(
    "errors",
    "data file {path}: unexpected column {name!r}; "
    "allowed are columns x (or x1, x2, …) and y",
)
_BAD_INPUTS = QT_TRANSLATE_NOOP(
    "errors",
    "data file {path}: input columns {columns} are not x or x1…xk numbered from 1; "
    "it needs columns x (or x1, x2, …) and y",
)

_X_COLUMN = re.compile(r"x([0-9]{0,6})\Z")  # ASCII digits, few enough for int()


def builtin_dataset(name: str) -> Dataset:
    if name not in BUILTIN_DATASETS:
        raise unknown_name("dataset", name, BUILTIN_DATASETS)
    title, description = BUILTIN_DATASETS[name]
    path = resource("datasets", f"{name}.csv")
    X, y, lines, _ = _read_csv(path)
    x_label, y_label = BUILTIN_LABELS[name]
    return Dataset(name, title, X, y, description, str(path), lines, x_label, y_label)


def load_dataset(source: str | os.PathLike) -> Dataset:
    """A built-in dataset by name, or a CSV file by path (see csv_file.py for what it may hold)."""
    if not isinstance(source, (str, os.PathLike)) or source == "":
        raise InputError(_NOT_DATA, got=shorten(repr(source)))
    if isinstance(source, str) and source in BUILTIN_DATASETS:
        return builtin_dataset(source)
    path = Path(source)
    if path.suffix.lower() != ".csv" and not os.path.lexists(path):  # a broken link is a file's name
        raise InputError(_UNKNOWN_DATASET, name=str(source), valid=", ".join(BUILTIN_DATASETS))
    X, y, lines, (x_label, y_label) = _read_csv(path)
    return Dataset(path.stem, path.name, X, y, f"Imported from {path}", str(path), lines, x_label, y_label)


def dataset_from_arrays(X, y, name: str = "data") -> Dataset:
    X = real_array(X, QT_TRANSLATE_NOOP("errors", "the data's X"))
    y = real_array(y, QT_TRANSLATE_NOOP("errors", "the data's y"))
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2 or y.ndim != 1 or len(X) != len(y) or len(y) == 0:
        raise InputError(_BAD_SHAPES, x_shape=X.shape, y_shape=y.shape)
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise InputError(_NOT_FINITE)
    if X.shape[1] > MAX_INPUTS:
        raise InputError(_TOO_MANY_INPUTS, count=X.shape[1], limit=MAX_INPUTS)
    bad = _first_too_large(X, y)
    if bad is not None:
        row, column, value = bad
        raise InputError(_TOO_LARGE, row=row + 1, column=column, value=value, limit=MAX_MAGNITUDE)
    return Dataset(name, name, np.ascontiguousarray(X), np.ascontiguousarray(y))


def _read_csv(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[str, str]]:
    """X (N, k), y (N,), the line each row starts on, and the header's names of the first input and
    of the target, as written."""
    table = read_table(path, lambda header: _columns(path, header))
    k = table.values.shape[1] - 1
    X, y = np.ascontiguousarray(table.values[:, :k]), np.ascontiguousarray(table.values[:, k])
    bad = _first_too_large(X, y)
    if bad is not None:
        row, column, value = bad
        raise InputError(_TOO_LARGE_CELL, path=str(path), line=int(table.lines[row]), column=column,
                         value=value, limit=MAX_MAGNITUDE)
    chosen = _columns(path, table.header)
    names = (table.header[chosen[0][0]], table.header[chosen[-1][0]])
    return X, y, table.lines, names


def _columns(path: Path, header: list[str]) -> list[tuple[int, str]]:
    """The inputs x or x1…xk in order, then y, as (position in the row, name); or an InputError."""
    header = [cell.lower() for cell in header]
    x_columns = _input_columns(path, header)
    if len(x_columns) > MAX_INPUTS:
        raise InputError(_TOO_MANY_INPUT_COLUMNS, path=str(path), count=len(x_columns), limit=MAX_INPUTS)
    return [(j, header[j]) for j in x_columns] + [(header.index("y"), "y")]


def _input_columns(path: Path, header: list[str]) -> list[int]:
    if len(set(header)) != len(header):
        raise InputError(_DUPLICATE_COLUMN, path=str(path), header=shorten(str(header)))
    if "y" not in header:
        raise InputError(_NO_Y, path=str(path))
    for name in header:
        if name != "y" and not _X_COLUMN.match(name):
            raise InputError(_UNEXPECTED_COLUMN, path=str(path), name=shorten(name))
    xs = [name for name in header if name != "y"]
    if xs == ["x"]:
        return [header.index("x")]
    expected = [f"x{i}" for i in range(1, len(xs) + 1)]
    if not xs or "x" in xs or sorted(xs, key=lambda s: int(s[1:])) != expected:
        raise InputError(_BAD_INPUTS, path=str(path), columns=shorten(str(xs)))
    return [header.index(name) for name in expected]


def _first_too_large(X: np.ndarray, y: np.ndarray):
    """(row, column name, value) of the first value beyond ±MAX_MAGNITUDE, in row order, or None."""
    values = np.column_stack([X, y])
    rows = np.flatnonzero((np.abs(values) > MAX_MAGNITUDE).any(axis=1))
    if len(rows) == 0:
        return None
    row = int(rows[0])
    j = int(np.argmax(np.abs(values[row]) > MAX_MAGNITUDE))
    k = X.shape[1]
    column = "y" if j == k else ("x" if k == 1 else f"x{j + 1}")
    return row, column, float(values[row, j])

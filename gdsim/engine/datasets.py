"""Data for the dataset models: the built-in sets and CSV import (header row; columns x or x1…xk, y)."""

import csv
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..paths import resource
from .errors import QT_TRANSLATE_NOOP, InputError, unknown_name


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

# Messages, as templates the window can translate (see errors.py).
_UNKNOWN_DATASET = QT_TRANSLATE_NOOP(
    "errors",
    "unknown dataset {name!r}; give a CSV file or one of: {valid}",
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
_MISSING_FILE = QT_TRANSLATE_NOOP(
    "errors",
    "data file {path} does not exist",
)
_A_FOLDER = QT_TRANSLATE_NOOP(
    "errors",
    "data file {path} is a folder, not a CSV file",
)
_UNREADABLE = QT_TRANSLATE_NOOP(
    "errors",
    "cannot read data file {path}: {reason}",
)
_EMPTY = QT_TRANSLATE_NOOP(
    "errors",
    "data file {path} is empty; it needs a header row with columns x (or x1, x2, …) and y",
)
_WRONG_COUNT = QT_TRANSLATE_NOOP(
    "errors",
    "{path}, line {line}: expected {expected} values ({columns}), found {found}",
)
_NO_ROWS = QT_TRANSLATE_NOOP(
    "errors",
    "data file {path} has a header but no data rows",
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
_NOT_A_NUMBER = QT_TRANSLATE_NOOP(
    "errors",
    "{path}, line {line}: {column} is not a number: {cell!r}",
)
_NOT_FINITE_CELL = QT_TRANSLATE_NOOP(
    "errors",
    "{path}, line {line}: {column} must be finite, got {cell!r}",
)

_X_COLUMN = re.compile(r"x(\d*)\Z")


def builtin_dataset(name: str) -> Dataset:
    if name not in BUILTIN_DATASETS:
        raise unknown_name("dataset", name, BUILTIN_DATASETS)
    title, description = BUILTIN_DATASETS[name]
    path = resource("datasets", f"{name}.csv")
    X, y, lines, _ = _read_csv(path)
    x_label, y_label = BUILTIN_LABELS[name]
    return Dataset(name, title, X, y, description, str(path), lines, x_label, y_label)


def load_dataset(source: str | Path) -> Dataset:
    """A built-in dataset by name, or a CSV file by path."""
    if isinstance(source, str) and source in BUILTIN_DATASETS:
        return builtin_dataset(source)
    path = Path(source)
    if path.suffix.lower() != ".csv" and not path.exists():
        raise InputError(_UNKNOWN_DATASET,
                         name=str(source), valid=", ".join(BUILTIN_DATASETS))
    X, y, lines, (x_label, y_label) = _read_csv(path)
    return Dataset(path.stem, path.name, X, y, f"Imported from {path}", str(path), lines, x_label, y_label)


def dataset_from_arrays(X, y, name: str = "data") -> Dataset:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2 or y.ndim != 1 or len(X) != len(y) or len(y) == 0:
        raise InputError(_BAD_SHAPES, x_shape=X.shape, y_shape=y.shape)
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise InputError(_NOT_FINITE)
    return Dataset(name, name, np.ascontiguousarray(X), np.ascontiguousarray(y))


def _read_csv(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[str, str]]:
    """X (N, k), y (N,), the line each row starts on, and the header's names of the first input and
    of the target, as written."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            rows, starts, line = [], [], 1
            for row in reader:
                rows.append(row)
                starts.append(line)
                line = reader.line_num + 1  # a quoted field may span lines
    except FileNotFoundError:
        raise InputError(_MISSING_FILE, path=str(path)) from None
    except IsADirectoryError:
        raise InputError(_A_FOLDER, path=str(path)) from None
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise InputError(_UNREADABLE, path=str(path), reason=str(e)) from None

    numbered = [(n, row) for n, row in zip(starts, rows, strict=True) if any(cell.strip() for cell in row)]
    if not numbered:
        raise InputError(_EMPTY, path=str(path))
    _, written = numbered[0]
    written = [cell.strip() for cell in written]
    header = [cell.lower() for cell in written]
    x_columns = _input_columns(path, header)
    y_column = header.index("y")

    X = np.empty((len(numbered) - 1, len(x_columns)))
    y = np.empty(len(numbered) - 1)
    for n, (line, row) in enumerate(numbered[1:]):
        where = dict(path=str(path), line=line)
        if len(row) != len(header):
            raise InputError(_WRONG_COUNT,
                             **where, expected=len(header), columns=", ".join(header), found=len(row))
        for j, column in enumerate(x_columns):
            X[n, j] = _number(row[column], where, header[column])
        y[n] = _number(row[y_column], where, "y")
    if len(y) == 0:
        raise InputError(_NO_ROWS, path=str(path))
    names = (written[x_columns[0]], written[y_column])
    return X, y, np.array([line for line, _ in numbered[1:]]), names


def _input_columns(path: Path, header: list[str]) -> list[int]:
    if len(set(header)) != len(header):
        raise InputError(_DUPLICATE_COLUMN,
                         path=str(path), header=header)
    if "y" not in header:
        raise InputError(_NO_Y, path=str(path))
    for name in header:
        if name != "y" and not _X_COLUMN.match(name):
            raise InputError(_UNEXPECTED_COLUMN, path=str(path), name=name)
    xs = [name for name in header if name != "y"]
    if xs == ["x"]:
        return [header.index("x")]
    expected = [f"x{i}" for i in range(1, len(xs) + 1)]
    if not xs or "x" in xs or sorted(xs, key=lambda s: int(s[1:])) != expected:
        raise InputError(_BAD_INPUTS, path=str(path), columns=xs)
    return [header.index(name) for name in expected]


def _number(cell: str, where: dict, column: str) -> float:
    try:
        value = float(cell)
    except ValueError:
        raise InputError(_NOT_A_NUMBER,
                         **where, column=column, cell=cell.strip()) from None
    if not math.isfinite(value):
        raise InputError(_NOT_FINITE_CELL,
                         **where, column=column, cell=cell.strip())
    return value

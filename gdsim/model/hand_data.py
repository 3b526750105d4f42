"""Data placed by hand: the points of a dataset model as the user adds, moves and removes them.

``Points`` never changes; each edit (``added``, ``moved``, ``removed``, ``cleared``) returns new
Points, so an undo stack keeps the states it goes between and a Setup can hold them as its data.
Points may be empty while a user places them, but a run needs at least one (``dataset`` raises
InputError). ``csv_text`` writes them in the format the CSV importer reads, with every float
written so that it reads back to the same number. No Qt here.
"""

import math
from dataclasses import dataclass, field, replace

import numpy as np

from ..engine import Dataset, InputError
from ..engine.datasets import MAX_MAGNITUDE, dataset_from_arrays
from ..engine.errors import QT_TRANSLATE_NOOP, shown
from .tables import dataset_csv

HAND_DATA_NAME = "hand-placed"
MAX_POINTS = 10_000  # a set placed by hand (or one edited by hand) holds at most this many

NO_POINTS = QT_TRANSLATE_NOOP(
    "errors", "a run needs at least one data point: click on the data plot to add one, or choose a dataset")
NO_POINTS_TO_SAVE = QT_TRANSLATE_NOOP(
    "errors", "there are no data points to save: place some on the data plot")
_TOO_MANY = QT_TRANSLATE_NOOP(
    "errors", "data placed by hand holds at most {most:,} points; import a CSV file for more")
_NOT_INLINE = QT_TRANSLATE_NOOP(
    "errors", 'data written out must be a table of columns such as {{ x = [1, 2], y = [0, 1] }} '
              '(x, or x1, x2, …, and y, each an array of numbers of one length); got {got}')


@dataclass(frozen=True, eq=False)
class Points:
    """N samples (N ≥ 0): inputs X (N, k) and targets y (N,), read-only, and what the columns are
    called on a plot's axes (which a CSV file or a lesson does not keep). Equal when the numbers are."""

    X: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    x_label: str = "x"
    y_label: str = "y"

    def __post_init__(self):
        for a in (self.X, self.y):
            a.flags.writeable = False

    @classmethod
    def of(cls, X, y, x_label: str = "x", y_label: str = "y") -> "Points":
        """Points of X ((N,) or (N, k)) and y (N,), checked: finite numbers within the data's limits."""
        X = np.array(X, dtype=float)
        y = np.array(y, dtype=float)
        if X.ndim == 1:
            X = X.reshape(-1, 1)
        if len(y) > MAX_POINTS:
            raise InputError(_TOO_MANY, most=MAX_POINTS)
        if len(y):
            dataset_from_arrays(X, y)  # the engine's checks: shapes, finite, within ±MAX_MAGNITUDE
        elif X.ndim != 2 or y.ndim != 1 or X.shape[1] < 1:
            raise InputError(_NOT_INLINE, got=shown(f"X {X.shape}, y {y.shape}"))
        return cls(X, y, x_label, y_label)

    @classmethod
    def empty(cls, n_inputs: int = 1, x_label: str = "x", y_label: str = "y") -> "Points":
        return cls(np.empty((0, n_inputs)), np.empty(0), x_label, y_label)

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> "Points":
        return cls(np.array(dataset.X, dtype=float), np.array(dataset.y, dtype=float), dataset.x_label,
                   dataset.y_label)

    def __len__(self) -> int:
        return len(self.y)

    @property
    def n_inputs(self) -> int:
        return self.X.shape[1]

    def __eq__(self, other) -> bool:
        if not isinstance(other, Points):
            return NotImplemented
        return (self.X.shape == other.X.shape and np.array_equal(self.X, other.X)
                and np.array_equal(self.y, other.y))

    def __hash__(self) -> int:
        return hash((self.X.shape, self.X.tobytes(), self.y.tobytes()))

    # --- edits: each returns new Points -----------------------------------------------------------

    def added(self, x: float, y: float) -> "Points":
        """One more point (x, y), last; one input only."""
        self._one_input()
        if len(self) >= MAX_POINTS:
            raise InputError(_TOO_MANY, most=MAX_POINTS)
        x, y = _coordinate(x), _coordinate(y)
        return Points(np.vstack([self.X, [[x]]]), np.append(self.y, y), self.x_label, self.y_label)

    def moved(self, index: int, x: float, y: float) -> "Points":
        """Point ``index`` at (x, y) instead; one input only."""
        self._one_input()
        self._check_index(index)
        X, y_ = self.X.copy(), self.y.copy()
        X[index, 0], y_[index] = _coordinate(x), _coordinate(y)
        return Points(X, y_, self.x_label, self.y_label)

    def removed(self, index: int) -> "Points":
        self._check_index(index)
        return Points(np.delete(self.X, index, axis=0), np.delete(self.y, index), self.x_label, self.y_label)

    def cleared(self) -> "Points":
        return Points.empty(self.n_inputs, self.x_label, self.y_label)

    def _one_input(self) -> None:
        if self.n_inputs != 1:
            raise ValueError("points are placed by hand on data of one input column only")

    def _check_index(self, index: int) -> None:
        if not 0 <= index < len(self):
            raise IndexError(f"no point {index} among {len(self)}")

    # --- what they become -----------------------------------------------------------------------

    def dataset(self) -> Dataset:
        """The points as a dataset a model is fitted to; InputError if there are none."""
        if len(self) == 0:
            raise InputError(NO_POINTS)
        data = dataset_from_arrays(self.X, self.y, HAND_DATA_NAME)
        return Dataset(HAND_DATA_NAME, HAND_DATA_NAME, data.X, data.y, x_label=self.x_label,
                       y_label=self.y_label)

    def columns(self) -> list[str]:
        """The CSV header's names: x and y, or x1 … xk and y."""
        k = self.n_inputs
        return (["x"] if k == 1 else [f"x{i}" for i in range(1, k + 1)]) + ["y"]

    def csv_text(self) -> str:
        """The points as a CSV file the importer reads back to the same numbers (as File → Export
        writes a dataset): a header row, then one row per point."""
        return dataset_csv(self)

    def to_dict(self) -> dict:
        """The columns as plain lists, {"x": […], "y": […]} (or x1 … xk): as lessons and settings
        keep them; ``points_from_dict`` reads them back."""
        columns = {name: [float(v) for v in self.X[:, j]] for j, name in enumerate(self.columns()[:-1])}
        return {**columns, "y": [float(v) for v in self.y]}


def points_from_dict(d) -> Points:
    """Points from {"x": […], "y": […]} or {"x1": […], …, "y": […]}; InputError for anything else."""
    if not isinstance(d, dict) or "y" not in d:
        raise InputError(_NOT_INLINE, got=shown(d))
    names = [k for k in d if k != "y"]
    expected = ["x"] if names == ["x"] else [f"x{i}" for i in range(1, len(names) + 1)]
    columns = [d[name] for name in expected if name in d] + [d["y"]]
    if sorted(names) != sorted(expected) or not expected or not all(
            isinstance(c, list) and len(c) == len(d["y"]) and all(_is_number(v) for v in c) for c in columns):
        raise InputError(_NOT_INLINE, got=shown(d))
    X = np.array(columns[:-1], dtype=float).T.reshape(len(d["y"]), len(expected))
    return Points.of(X, columns[-1])


def snaps_to_classes(problem, data: Points | Dataset) -> bool:
    """Whether a point placed by hand takes y = 0 or 1 only: for the cross-entropy loss (bce), whose
    targets are classes, and for a neuron whose targets are all 0 or 1 already (pass-or-fail data)."""
    loss = getattr(problem, "loss_kind", None)
    if loss is not None and loss.name == "bce":
        return True
    y = data.y
    return problem.name == "neuron" and len(y) > 0 and bool(((y == 0.0) | (y == 1.0)).all())


def snapped(y: float, classes: bool) -> float:
    """y as placed: 0 or 1 (the nearer) when the data holds classes, else as it is."""
    return (1.0 if y >= 0.5 else 0.0) if classes else float(y)


def keeping_domain(problem, before):
    """``problem`` (the same model on edited data) over the domain of ``before`` when its minimum, if
    it has one, lies well inside it: a picture that does not jump at every point moved."""
    if before is None or tuple(problem.param_names) != tuple(before.param_names):
        return problem
    for minimum in problem.minima:
        for v, (lo, hi) in zip(minimum, before.domain, strict=True):
            margin = 0.1 * (hi - lo)
            if not lo + margin <= v <= hi - margin:
                return problem
    return replace(problem, domain=before.domain)


def _coordinate(v) -> float:
    v = float(v)
    if not math.isfinite(v) or abs(v) > MAX_MAGNITUDE:
        raise InputError(QT_TRANSLATE_NOOP(
            "errors", "a data point must lie between -{limit:g} and {limit:g}, got {value}"),
                         limit=MAX_MAGNITUDE, value=shown(v))
    return v


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


__all__ = ["HAND_DATA_NAME", "MAX_POINTS", "NO_POINTS", "NO_POINTS_TO_SAVE", "Points", "keeping_domain",
           "points_from_dict", "snaps_to_classes", "snapped"]

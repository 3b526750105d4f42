"""The window's data as CSV: every run's recorded steps, and the dataset. No Qt here.

The trajectories have the columns of ``gdsim run`` with a ``run`` column first, naming the run by its
optimizer (and, where one optimizer runs more than once, its η): run,step,loss, the parameters,
grad_norm; one row per recorded step, from step 0 to the last step the run reached (for a diverged
run, its last finite step). Numbers are written as Python's repr of the float, so they read back
exactly. The dataset has the columns gdsim reads: x (or x1…xk) and y.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..engine.run import History


@dataclass(frozen=True)
class Recorded:
    """One run's recorded rows, copied out of it: History with K = 1."""

    optimizer: str
    hyperparameters: dict
    param_names: tuple[str, ...]
    history: History
    stopped_at: int  # -1 while it runs


def recorded(run) -> Recorded:
    return Recorded(run.optimizer.name, dict(run.hyperparameters), tuple(run.problem.param_names),
                    run.history(), int(run.stopped_at[0]))


def run_names(records) -> list[str]:
    """Each run's optimizer; with its η where the optimizer runs more than once, and its place among
    them where that η is shared too."""
    counts = Counter(r.optimizer for r in records)
    names = [r.optimizer if counts[r.optimizer] == 1 else f"{r.optimizer} lr={r.hyperparameters['lr']!r}"
             for r in records]
    repeated = Counter(names)
    seen: Counter = Counter()
    for i, name in enumerate(names):
        if repeated[name] > 1:
            seen[name] += 1
            names[i] = f"{name} #{seen[name]}"
    return names


def trajectories_csv(records) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["run", "step", "loss", *records[0].param_names, "grad_norm"])
    for name, r in zip(run_names(records), records, strict=True):
        h = r.history
        rows = np.ones(len(h.step), bool) if r.stopped_at < 0 else h.step <= r.stopped_at
        for i in np.flatnonzero(rows):
            writer.writerow([name, int(h.step[i]), repr(float(h.loss[i, 0])),
                             *(repr(float(v)) for v in h.params[i, 0]), repr(float(h.grad_norm[i, 0]))])
    return buffer.getvalue()


def dataset_csv(dataset) -> str:
    """The samples as gdsim reads them back: a header x (or x1…xk), y, then one row per sample."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    k = dataset.n_inputs
    writer.writerow([*(["x"] if k == 1 else [f"x{i + 1}" for i in range(k)]), "y"])
    for x, y in zip(dataset.X, dataset.y, strict=True):
        writer.writerow([*(repr(float(v)) for v in x), repr(float(y))])
    return buffer.getvalue()

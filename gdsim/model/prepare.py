"""What the views ask of a new problem that takes time on a large dataset, worked out once per problem:
by the background job that read the data (``build`` calls ``prepare``), so that the window's thread
finds it ready instead of working it out while the window waits (on 1,000,000 rows, 0.2–0.5 s). No Qt
here."""

import threading
import weakref

import numpy as np

from ..engine import Problem
from . import samples

_norms: "weakref.WeakKeyDictionary[Problem, float]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def gradient_norm_at_start(problem: Problem) -> float:
    """|∇L| at the problem's own start, the length gradient arrows are scaled by (1 above two
    parameters, or where it is 0 or not finite)."""
    with _lock:
        norm = _norms.get(problem)
    if norm is None:
        norm = 1.0
        if problem.dim <= 2:
            _, grad = problem.loss_and_grad(np.asarray(problem.start, float))
            found = float(np.linalg.norm(grad))
            norm = found if np.isfinite(found) and found > 0 else 1.0
        with _lock:
            _norms[problem] = norm
    return norm


def prepare(problem: Problem) -> None:
    """Work out now what the views will ask of the problem: the gradient at its start, and the order
    in which its samples are subsampled."""
    gradient_norm_at_start(problem)
    total = samples.count(problem)
    if total:
        samples.rows(total, 1)


__all__ = ["gradient_norm_at_start", "prepare"]

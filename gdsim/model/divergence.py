"""The early warning that a run is diverging, read from its recent losses: it comes long before the
engine stops the run at its hard limit (a loss or a parameter of 10¹⁰⁰). No Qt here.

A running run is *diverging* when the size of its loss grew at each of its last ``RISING_ROWS``
recorded rows and is now at least ``GROWTH`` times the size of a reference loss: the larger of its
loss at its own start and the loss at the problem's own start. The second keeps a run started next
to a minimum (loss near 0) from being flagged for a first step that merely leaves the minimum, as
Adam's first steps of about η do.
"""

import numpy as np

GROWTH = 1000.0
RISING_ROWS = 3


def is_diverging(losses: np.ndarray, reference: float) -> bool:
    """Whether the recorded losses (R,) of a running run, oldest first, say it is diverging against
    the reference loss (see the module's rule)."""
    if len(losses) <= RISING_ROWS:
        return False
    sizes = np.abs(losses[-RISING_ROWS - 1:])
    if not np.isfinite(sizes).all() or not (np.diff(sizes) > 0).all():
        return False
    return bool(sizes[-1] >= GROWTH * abs(reference))


def reference_loss(run_start_loss: float, problem_start_loss: float) -> float:
    """The loss a run's growth is measured against: the larger in size of the two."""
    return max(abs(run_start_loss), abs(problem_start_loss))


__all__ = ["GROWTH", "RISING_ROWS", "is_diverging", "reference_loss"]

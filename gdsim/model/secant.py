"""The derivative as a limit: the slope of the secant through x and x + h, (L(x + h) − L(x)) / h,
which tends to the tangent's slope L′(x) as h shrinks (for L = x² at x = 2: 5, 4.1, 4.01, … → 4)."""

import numpy as np

# The secant's h, from 1 down to 0.0001 in tenths of a decade: h = 10^(−i/10) for i = 0 … SECANT_STEPS.
SECANT_STEPS = 40


def secant_h(position: int) -> float:
    """h for a slider position 0 … SECANT_STEPS: 1, 0.794, 0.631, 0.5, …, 0.1, …, 0.0001."""
    return float(10.0 ** (-position / 10))


def secant(problem, x: float, h: float) -> tuple[float, float, float]:
    """(L(x), L(x + h), slope) for a problem of one parameter: the secant's two heights and its slope."""
    losses = problem.loss(np.array([[x], [x + h]], dtype=float))
    low, high = float(losses[0]), float(losses[1])
    with np.errstate(all="ignore"):
        return low, high, (high - low) / h

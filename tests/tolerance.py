"""Tolerances for comparing floating-point results, each derived from the size of the numbers involved.

Two computations agree bit for bit, on every CPU, when they apply the same correctly rounded
operations (+ − × ÷ √) to the same inputs in the same order: IEEE 754 fixes each result. Such
comparisons stay exact in the tests. Two computations may differ, by a CPU-dependent amount, where

- a sum is taken in another order: a BLAS kernel picks its order by CPU and by the shape of the
  product (K starts at once against one start alone), and numpy's SIMD loops pick theirs by CPU;
- a transcendental function (exp, log, log1p, tanh, sin, cos, pow) is evaluated: libm and numpy's
  SIMD versions differ by CPU by a few ulps;
- a formula is grouped differently (a hand calculation against the engine, or PyTorch).

Those comparisons use the bounds below. A BLAS gives the same bits for the same call (same shapes,
same inputs), so a run compared with a rerun of itself stays exact.
"""

import numpy as np

EPS = float(np.finfo(float).eps)  # 2⁻⁵², one ulp of 1: a rounding moves a value by ≤ ½ ulp ≤ EPS/2 of it

# glibc's exp, log, sin, … are within 1 ulp; numpy's SIMD versions (its own AVX2/AVX-512 exp and log,
# Intel SVML's "la" variants on AVX-512) are within 4 ulps.
TRANSCENDENTAL_ULPS = 4

# Two groupings of one optimizer update (the engine's against a transcription of the torch.optim
# pseudo-code): each side is at most 24 roundings (NAdam's, the longest), each at most ½ ulp of its
# own result. Products and quotients carry relative errors into the step in proportion, so the two
# sides differ by at most 24 ulps of the largest number in the step; counted at 1 ulp a rounding.
UPDATE_ULPS = 48


def ulps(n: float, scale=1.0):
    """n ulps of a number of size ``scale`` (n·EPS·|scale|). Count 1 per rounding (it is at most ½,
    which leaves room for second-order terms) and TRANSCENDENTAL_ULPS per transcendental function."""
    return n * EPS * np.abs(scale)


def reordering_bound(n: int, abs_sum):
    """How far two orders of summing n terms whose absolute values add up to ``abs_sum`` can be apart.

    Any order is within γₙ₋₁·Σ|xᵢ| of the exact sum, with γₖ = k·u/(1 − k·u) and u = EPS/2 (Higham,
    Accuracy and Stability of Numerical Algorithms, §4.2); a dot product of n products, rounded or
    fused, within γₙ·Σ|xᵢyᵢ| (§3.1). Two orders are within twice that, below (n + 1)·EPS·Σ|xᵢ|.
    """
    return (n + 1) * EPS * np.asarray(abs_sum)


def assert_sums_agree(actual, desired, n: int, abs_sum, err_msg: str = "") -> None:
    """actual and desired are one sum of n terms (or a dot product of length n), taken in two orders."""
    actual, desired = np.asarray(actual, float), np.asarray(desired, float)
    bound = reordering_bound(n, abs_sum)
    off = np.abs(actual - desired) > bound
    allowed = np.broadcast_to(bound, off.shape)[off][:3]
    assert not off.any(), (f"{err_msg} sums of {n} terms differ by more than (n + 1)·EPS·Σ|terms|: "
                           f"{actual[off][:3]} vs {desired[off][:3]}, allowed ±{allowed}")


def assert_trajectories_agree(actual, desired, per_step_ulps: float, steps: int, err_msg: str = "") -> None:
    """Rows 0…T of the same starts, (T+1, K) or (T+1, K, d), computed two ways that differ only in
    rounding, by at most ``per_step_ulps`` ulps per step of the numbers involved.

    The iterations compared here do not expand differences (a step size below 1/L on the curvature L,
    or a step whose size is set by η), so T steps add at most T such amounts. Every quantity is
    measured against the largest magnitude its start takes in the run, in any coordinate: a start's
    parameters share the rounding of its sums, and its loss and gradient norm are largest there.
    """
    actual, desired = np.asarray(actual, float), np.asarray(desired, float)
    assert actual.shape == desired.shape, (actual.shape, desired.shape)
    magnitudes = np.abs(desired).reshape(desired.shape[0], desired.shape[1], -1)
    scale = magnitudes.max(axis=(0, 2))  # (K,): each start's largest magnitude in the run
    bound = ulps((steps + 1) * per_step_ulps, scale)
    bound = bound.reshape((1, -1) + (1,) * (desired.ndim - 2))
    off = np.abs(actual - desired) > bound
    if off.any():
        row, start = np.argwhere(off)[0][:2]
        raise AssertionError(
            f"{err_msg} row {row}, start {start}: {actual[row, start]} vs {desired[row, start]}, "
            f"allowed ±{bound.ravel()[start]:.3g} ({steps + 1} evaluations × {per_step_ulps} ulps of "
            f"{scale[start]:.3g})")


def assert_runs_agree(a, b, terms: int, steps: int) -> None:
    """Two simulations of the same starts whose sums of ``terms`` terms (a dataset's N samples) may be
    taken in other orders, which changes each evaluation by at most (terms + 1) ulps of its magnitude
    (``reordering_bound``); params, loss and gradient norm row by row, statuses and stopping rows.

    A real disagreement (one start's data reaching another, a wrong row, a step too many) is of the
    size of a step; the bound is checked to be a million times smaller than each start's first step.
    """
    per_step = terms + 1
    first_step = np.abs(a.params[1] - a.params[0]).max(axis=1) if steps else np.zeros(0)
    scale = np.abs(a.params).max(axis=(0, 2))
    moving = first_step > 0
    assert np.all(ulps((steps + 1) * per_step, scale[moving]) < 1e-6 * first_step[moving]), \
        "the tolerance would not tell a wrong row from a right one"
    for name in ("params", "loss", "grad_norm"):
        assert_trajectories_agree(getattr(a, name), getattr(b, name), per_step, steps, err_msg=name)
    assert a.status == b.status
    np.testing.assert_array_equal(a.stopped_at, b.stopped_at)


def least_squares_error(A, y, z) -> float:
    """How far, in norm, a backward-stable least-squares solution of A·z ≈ y (numpy's lstsq, by SVD)
    may be from z, the exact one.

    A backward-stable solver solves a problem perturbed by about m·n·u relative (A of size m × n,
    u = EPS/2), which moves the solution by at most κ·ϵ·(2 + (κ + 1)·‖r‖/(‖A‖‖z‖))·‖z‖ (Higham, §20.1),
    with κ = cond₂(A) and r = A·z − y the residual; counted here with ϵ = m·n·EPS.
    """
    A, y, z = np.asarray(A, float), np.asarray(y, float), np.asarray(z, float)
    kappa, norm_a, norm_z = np.linalg.cond(A), np.linalg.norm(A, 2), np.linalg.norm(z)
    r = np.linalg.norm(A @ z - y)
    return float(kappa * A.size * EPS * (2 + (kappa + 1) * r / (norm_a * norm_z)) * norm_z)

"""Nesterov momentum: PyTorch's form, which the engine follows, is Ruder's look-ahead form under a change
of variables (``gdsim.engine.optimizers.ruder_nesterov``); the run exposes Ruder's points for the window."""

import numpy as np
import pytest

import gdsim
from gdsim import Schedule
from gdsim.engine import ANALYTIC_PROBLEMS, Run

from tolerance import UPDATE_ULPS, assert_trajectories_agree

CASES = [
    # ravine ½(x² + 20y²), a quadratic: curvature 1 and 20, η·20 = 0.8
    ("ravine", (-9.0, 2.0), 0.04, 0.9, 150),
    ("rosenbrock", (-1.2, 1.0), 0.0005, 0.6, 300),
    ("rosenbrock", (0.0, 0.0), 0.001, 0.9, 300),
]


def ruder(problem, start, steps: int, etas, mu: float):
    """Ruder's overview, eq. (5): v ← μ·v + η·∇L(φ − μ·v), φ ← φ − v, written out with numpy. With a
    schedule ηₜ the velocity is first rescaled to ηₜ/ηₜ₋₁ of itself and φ moved to match (see the
    docstring of ruder_nesterov); with a constant η that changes nothing. Rows 0…T of φ, of the look-ahead
    point φ − μ·v where it evaluates the gradient, and of v."""
    phi, v = np.array(start, float), np.zeros(len(start))
    positions, lookaheads, velocities = [phi.copy()], [phi.copy()], [v.copy()]
    for t in range(1, steps + 1):
        if t > 1 and etas[t - 1] != etas[t - 2]:
            lookahead = phi - mu * v
            v = v * (etas[t - 1] / etas[t - 2])
            phi = lookahead + mu * v
        point = phi - mu * v
        _, g = problem.loss_and_grad(point[None, :])
        v = mu * v + etas[t - 1] * g[0]
        phi = phi - v
        positions.append(phi.copy())
        lookaheads.append(phi - mu * v)
        velocities.append(v.copy())
    return np.array(positions), np.array(lookaheads), np.array(velocities)


@pytest.mark.parametrize(("name", "start", "lr", "mu", "steps"), CASES)
def test_nesterov_pytorch_form_is_ruders_look_ahead_form(name, start, lr, mu, steps):
    problem = ANALYTIC_PROBLEMS[name]
    sim = gdsim.simulate(name, "nesterov", start, steps, lr=lr, momentum=mu, tol=0)
    positions, lookaheads, _ = ruder(problem, start, steps, [lr] * steps, mu)
    assert np.abs(positions[-1] - positions[0]).max() > 0.1  # the runs went somewhere
    # θₜ (PyTorch) = φₜ − μ·vₜ (Ruder). Each side rounds its own way: Ruder's takes φ − μv before the
    # gradient and accumulates η·g, PyTorch's accumulates g and scales by η; at most UPDATE_ULPS a step.
    assert_trajectories_agree(sim.params, lookaheads[:, None, :], UPDATE_ULPS, steps)
    # The bound tells the look-ahead point from Ruder's φ, which is η·μ·b away.
    gap = np.abs(positions[1:] - lookaheads[1:]).max()
    with pytest.raises(AssertionError):
        assert_trajectories_agree(sim.params, positions[:, None, :], UPDATE_ULPS, steps)
    assert gap > 1e-6


@pytest.mark.parametrize(("name", "start", "lr", "mu", "steps"), CASES[:2])
def test_run_next_update_gives_ruders_points(name, start, lr, mu, steps):
    problem = ANALYTIC_PROBLEMS[name]
    positions, lookaheads, velocities = ruder(problem, start, steps, [lr] * steps, mu)
    run = Run(problem, "nesterov", start, {"lr": lr, "momentum": mu}, tol=0)
    for t in range(steps):
        update = run.next_update()
        points = update.lookahead
        # Where the gradient of the next update is evaluated is the run's current point, exactly.
        np.testing.assert_array_equal(points.lookahead, run.params)
        np.testing.assert_array_equal(update.gradient, run.gradient)
        np.testing.assert_array_equal(points.position, run.params + mu * (lr * update.before["b"]))
        np.testing.assert_array_equal(points.position_after, update.params + mu * (lr * update.after["b"]))
        if t % 50 == 0:  # against Ruder's own numbers, within the rounding of t steps
            assert_trajectories_agree(points.position[None], positions[t][None, None], UPDATE_ULPS, t)
            assert_trajectories_agree(points.velocity[None], velocities[t][None, None], UPDATE_ULPS, t)
            assert_trajectories_agree(points.position_after[None], positions[t + 1][None, None],
                                      UPDATE_ULPS, t + 1)
        run.advance(1)
    other = Run(problem, "momentum", start, {"lr": lr, "momentum": mu})
    assert other.next_update().lookahead is None


def test_nesterov_with_a_schedule_is_ruders_form_with_the_velocity_rescaled():
    problem = ANALYTIC_PROBLEMS["ravine"]
    schedule = Schedule("step", decay_steps=20, gamma=0.5, warmup=5)
    steps, lr, mu = 120, 0.04, 0.9
    sim = gdsim.simulate("ravine", "nesterov", (-9.0, 2.0), steps, lr=lr, momentum=mu, tol=0,
                         schedule=schedule)
    etas = list(sim.lr[1:])
    _, lookaheads, _ = ruder(problem, (-9.0, 2.0), steps, etas, mu)
    assert_trajectories_agree(sim.params, lookaheads[:, None, :], UPDATE_ULPS, steps)
    # Without the rescaling (Ruder's form with ηₜ put in as it is) the paths part: the two forms are one
    # method only for a constant η.
    phi, v, rows = np.array([-9.0, 2.0]), np.zeros(2), [np.array([-9.0, 2.0])]
    for t in range(1, steps + 1):
        _, g = problem.loss_and_grad((phi - mu * v)[None, :])
        v = mu * v + etas[t - 1] * g[0]
        phi = phi - v
        rows.append(phi - mu * v)
    assert np.abs(np.array(rows) - sim.params[:, 0]).max() > 1e-3

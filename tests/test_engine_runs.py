"""Runs: K starts at once versus one at a time, stopping rules, the recorded history, mini-batches,
mid-run changes and bad input."""

import io
import tracemalloc
import warnings
import weakref
from dataclasses import replace

import numpy as np
import pytest

import gdsim
from gdsim import InputError
from gdsim.engine import ANALYTIC_PROBLEMS, Run, make_problem
from gdsim.engine.run import DIVERGENCE_LIMIT
from gdsim.engine.simulate import estimated_bytes
from gdsim.engine.workspace import Workspace

from tolerance import (
    TRANSCENDENTAL_ULPS,
    UPDATE_ULPS,
    assert_runs_agree,
    assert_sums_agree,
    reordering_bound,
    ulps,
)

PARABOLA = ANALYTIC_PROBLEMS["parabola"]
N_PASS_FAIL = 40  # samples in the pass-fail dataset: the length of the sums in its loss and gradient


def assert_same_simulation(a, b):
    """Two simulations of the same starts agree bit for bit: arrays, statuses and stopping rows."""
    np.testing.assert_array_equal(a.params, b.params)
    np.testing.assert_array_equal(a.loss, b.loss)
    np.testing.assert_array_equal(a.grad_norm, b.grad_norm)
    assert a.status == b.status
    np.testing.assert_array_equal(a.stopped_at, b.stopped_at)


def geometric_rtol(steps: int) -> float:
    """x ← x − η·2x against x₀·rᵗ computed with **: each step rounds η·2x and the difference, and η
    itself is ½ ulp off its decimal, so xₜ drifts by at most 2 ulps a step; rᵗ carries r's ½ ulp t
    times, pow adds TRANSCENDENTAL_ULPS and the product with x₀ one more."""
    return ulps(2 * steps + TRANSCENDENTAL_ULPS + 2)


def one_at_a_time(problem, optimizer, starts, steps, **kw):
    """simulate() for each start alone, stacked as if it were one run of K starts."""
    sims = [gdsim.simulate(problem, optimizer, [s], steps, **kw) for s in starts]
    return gdsim.Simulation(
        sims[0].problem, optimizer, sims[0].hyperparameters,
        np.concatenate([s.params for s in sims], axis=1),
        np.concatenate([s.loss for s in sims], axis=1),
        np.concatenate([s.grad_norm for s in sims], axis=1),
        [st for s in sims for st in s.status],
        np.concatenate([s.stopped_at for s in sims]),
    )


# --- (a) K starts at once == each start alone ------------------------------------------------------
# The analytic problems are element-wise arithmetic, the same for one start as for K, so they agree
# bit for bit. The dataset models sum over their samples with np.matmul, whose BLAS kernel may pick
# another order for K rows than for one: they agree up to the rounding of those sums.

MIXED_CASES = [
    # parabola, x ← x(1 − 2η) = −1.02x: 0 and 1e-7 converge at once, 1 and −3 oscillate outwards
    # slowly (step limit), 1e49 overflows the divergence limit first.
    ("parabola", "sgd", [[0.0], [1e-7], [1.0], [1e49], [-3.0]], 300, {"lr": 1.01}),
    ("parabola", "momentum", [[0.0], [2.0], [-2.5], [1e40]], 300, {"lr": 0.9, "momentum": 0.3}),
    ("parabola", "nesterov", [[1e-8], [2.0], [3.0]], 200, {"lr": 0.4}),
    ("parabola", "adam", [[0.0], [1.0], [2.5], [-3.0]], 300, {"lr": 0.5}),
    ("parabola", "adagrad", [[0.0], [1.0], [-2.0]], 150, {"lr": 1.0}),
    # saddle, x ← 0.8x, y ← 1.2y: y = 0 converges, y = 1 and 1e-10 diverge at different steps,
    # the origin, the saddle point itself, is stuck from the start.
    ("saddle", "sgd", [[1.0, 0.0], [1.0, 1.0], [-1.0, 1e-10], [0.0, 0.0], [1.5, -0.3]], 700, {"lr": 0.1}),
    ("saddle", "rmsprop", [[1.0, 0.0], [1.0, 1.0], [0.5, -0.01]], 300, {"lr": 0.05, "momentum": 0.5}),
    ("himmelblau", "sgd", [[0.0, 0.0], [-1.0, 1.0], [-2.0, -2.0], [2.0, -1.0], [4.0, 4.0]], 400,
     {"lr": 0.01}),
    ("himmelblau", "nadam", [[0.0, 0.0], [-4.0, 4.0], [3.0, 2.0]], 300, {"lr": 0.1}),
    ("rosenbrock", "nesterov", [[-1.2, 1.0], [0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [1.5, -1.0]], 500,
     {"lr": 0.002}),
    ("rosenbrock", "adadelta", [[-1.2, 1.0], [1.0, 1.0], [0.5, 0.5]], 200, {}),
    ("rosenbrock", "amsgrad", [[-1.2, 1.0], [1.0, 1.0], [0.5, 2.0]], 200, {"lr": 0.05}),
    ("beale", "adamax", [[1.0, 1.4], [3.0, 0.5], [-2.0, 2.0]], 200, {"lr": 0.05}),
    ("double-well", "sgd", [[2.0], [-2.0], [0.2], [2.2]], 300, {"lr": 0.05}),
]


@pytest.mark.parametrize(("problem", "optimizer", "starts", "steps", "hp"), MIXED_CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in MIXED_CASES])
def test_run_k_starts_equal_each_start_alone(problem, optimizer, starts, steps, hp):
    together = gdsim.simulate(problem, optimizer, starts, steps, **hp)
    assert together.params.shape == (steps + 1, len(starts), len(starts[0]))
    assert_same_simulation(together, one_at_a_time(problem, optimizer, starts, steps, **hp))
    # The same starts in reverse order give the same rows, reversed.
    backwards = gdsim.simulate(problem, optimizer, starts[::-1], steps, **hp)
    np.testing.assert_array_equal(backwards.params, together.params[:, ::-1])
    assert backwards.status == together.status[::-1]


def test_run_mixed_cases_cover_every_ending():
    # The cases above are only worth something if starts really end differently within one run.
    endings = set()
    for problem, optimizer, starts, steps, hp in MIXED_CASES[:1] + MIXED_CASES[5:6]:
        sim = gdsim.simulate(problem, optimizer, starts, steps, **hp)
        assert len(set(sim.status)) >= 3, sim.status
        assert len(set(sim.stopped_at.tolist())) >= 3
        endings.update(sim.status)
    assert endings == {"converged", "diverged", "step limit", "stuck"}


@pytest.mark.parametrize(("problem", "optimizer", "starts", "steps", "hp"), [
    # x ← −1.02x from 10⁴⁵ … 10⁴⁹·⁹: all diverge, at rows spread over 500 steps.
    ("parabola", "sgd", (10.0 ** np.linspace(45.0, 49.9, 200) * (-1.0) ** np.arange(200))[:, None], 700,
     {"lr": 1.01}),
    # 49 of 160 converge, from row 150 on; the others reach the step limit.
    ("rosenbrock", "adam", np.random.default_rng(5).uniform([-2.0, -1.0], [2.0, 3.0], size=(160, 2)), 1500,
     {"lr": 0.05, "tol": 1e-2}),
], ids=["parabola-diverging", "rosenbrock-converging"])
def test_run_many_starts_stopping_one_by_one_equal_each_start_alone(problem, optimizer, starts, steps, hp):
    # Rows of this many starts go straight into simulate's record, and starts that stop stay among the
    # working rows (stepped to no use, their columns ignored by the checks) until more than a quarter
    # have stopped; then they are dropped. Neither may change any number of the others, or their own.
    together = gdsim.simulate(problem, optimizer, starts, steps, **hp)
    stopped = together.stopped_at[together.stopped_at >= 0]
    assert len(stopped) > len(starts) / 4 and len(set(stopped.tolist())) > 20
    assert_same_simulation(together, one_at_a_time(problem, optimizer, starts, steps, **hp))


@pytest.mark.parametrize("optimizer", ["sgd", "adam", "momentum"])
def test_run_k_starts_equal_each_start_alone_dataset_model(optimizer):
    starts = [[-1.0, 0.0], [2.0, -3.0], [0.5, 0.5], [8.0, -2.0]]
    kw = {"data": "pass-fail", "activation": "sigmoid", "loss": "bce"}
    together = gdsim.simulate("neuron", optimizer, starts, 150, **kw)
    assert_runs_agree(together, one_at_a_time("neuron", optimizer, starts, 150, **kw), N_PASS_FAIL, 150)


def test_runs_agree_fails_for_a_wrong_row_or_start():
    # The rounding allowance is no room for a real mistake: a row off by one step or two starts'
    # numbers swapped are far outside it.
    kw = {"data": "pass-fail", "activation": "sigmoid", "loss": "bce"}
    sim = gdsim.simulate("neuron", "momentum", [[-1.0, 0.0], [2.0, -3.0]], 150, **kw)
    late = replace(sim, params=np.concatenate([sim.params[:1], sim.params[:-1]]))
    swapped = replace(sim, loss=sim.loss[:, ::-1])
    for wrong in (late, swapped):
        with pytest.raises(AssertionError):
            assert_runs_agree(wrong, sim, N_PASS_FAIL, 150)


# --- (b) the parabola from x = 2 -----------------------------------------------------------------


def test_parabola_converges_with_lr_0_1():
    sim = gdsim.simulate("parabola", "sgd", [2.0], steps=200, lr=0.1)
    # x ← 0.8x; the run stops at the first row with |f'(x)| = 2|x| < 1e-6.
    assert sim.status == ["converged"]
    last = int(sim.stopped_at[0])
    assert 0 < last < 200
    assert abs(sim.params[-1, 0, 0]) < 1e-6
    assert sim.grad_norm[last, 0] < 1e-6 <= sim.grad_norm[last - 1, 0]
    expected = 2.0 * 0.8 ** np.arange(last + 1)
    np.testing.assert_allclose(sim.params[: last + 1, 0, 0], expected, rtol=geometric_rtol(last))
    # Rows after the stop repeat the final point.
    np.testing.assert_array_equal(sim.params[last:, 0, 0], sim.params[last, 0, 0])


def test_parabola_oscillates_with_lr_1():
    # x ← x − 1·2x = −x: exactly ±2 forever.
    sim = gdsim.simulate("parabola", "sgd", [2.0], steps=50, lr=1.0)
    assert sim.status == ["step limit"]
    assert sim.stopped_at[0] == -1
    np.testing.assert_array_equal(sim.params[:, 0, 0], 2.0 * (-1.0) ** np.arange(51))
    np.testing.assert_array_equal(sim.loss[:, 0], 4.0)
    np.testing.assert_array_equal(sim.grad_norm[:, 0], 4.0)


def test_parabola_diverges_with_lr_1_1():
    # x ← x − 1.1·2x = −1.2x: computed here row by row until the divergence limit is passed.
    xs = [2.0]
    while abs(xs[-1]) <= DIVERGENCE_LIMIT and xs[-1] ** 2 <= DIVERGENCE_LIMIT:
        xs.append(xs[-1] - 2 * xs[-1] * 1.1)
    last_finite = len(xs) - 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sim = gdsim.simulate("parabola", "sgd", [2.0], steps=5000, lr=1.1)
    assert sim.status == ["diverged"]
    assert sim.stopped_at[0] == last_finite
    assert sim.last_step == last_finite
    assert np.isfinite(sim.params).all() and np.isfinite(sim.loss).all() and np.isfinite(sim.grad_norm).all()
    np.testing.assert_array_equal(sim.params[: last_finite + 1, 0, 0], xs[:-1])
    np.testing.assert_array_equal(sim.params[last_finite:, 0, 0], xs[-2])
    np.testing.assert_array_equal(sim.loss[last_finite:, 0], xs[-2] * xs[-2])  # x·x, as the kernel: not pow


def test_run_diverged_start_keeps_gradient_of_its_last_finite_point():
    run = Run(PARABOLA, "sgd", [[2.0], [1.0]], {"lr": 1.1}, step_limit=2000)
    run.advance(2000)
    assert run.status_names == ["diverged", "diverged"]
    assert run.stopped_at[0] < run.stopped_at[1]
    loss, grad = PARABOLA.loss_and_grad(run.params)
    np.testing.assert_array_equal(run.loss, loss)
    np.testing.assert_array_equal(run.gradient, grad)
    np.testing.assert_array_equal(run.grad_norm, np.abs(grad[:, 0]))  # √(g·g) rounds back to |g| exactly


def test_run_reports_converged_start_at_step_0():
    sim = gdsim.simulate("rosenbrock", "adam", [[1.0, 1.0], [-1.2, 1.0]], steps=10)
    assert sim.status == ["converged", "step limit"]
    assert sim.stopped_at.tolist() == [0, -1]
    np.testing.assert_array_equal(sim.params[:, 0], 1.0)


def test_run_tolerance_zero_never_converges():
    sim = gdsim.simulate("parabola", "sgd", [2.0], steps=30, lr=0.5, tol=0)
    # x₁ = 2 − 0.5·4 = 0 exactly; with tol 0 a zero gradient is not "below" it.
    assert sim.status == ["step limit"]
    np.testing.assert_array_equal(sim.params[1:, 0, 0], 0.0)


# --- (c) changing a hyperparameter mid-run -------------------------------------------------------


def test_run_set_lr_changes_the_next_step():
    run = Run(PARABOLA, "sgd", [2.0], {"lr": 0.1})
    run.advance(1)
    # The decimals 0.1 and 1.6, the product and the difference: four roundings.
    assert run.params[0, 0] == pytest.approx(1.6, rel=ulps(4))  # 2 − 0.1·4
    run.set_hyperparameter("lr", 0.25)
    run.advance(1)
    assert run.params[0, 0] == pytest.approx(0.8, rel=ulps(4))  # 1.6 − 0.25·3.2 = 1.6/2, exactly
    run.set_hyperparameter("lr", "0.5")
    run.advance(1)
    assert run.params[0, 0] == 0.0  # 0.8 − 0.5·1.6
    assert run.status_names == ["converged"] and run.stopped_at[0] == 3


def test_run_set_momentum_keeps_the_buffer():
    run = Run(PARABOLA, "momentum", [2.0], {"lr": 0.1, "momentum": 0.9})
    run.advance(1)  # b₁ = 4, x₁ = 1.6
    np.testing.assert_array_equal(run.state.buffers["b"], [[4.0]])
    run.set_hyperparameter("momentum", 0.5)
    run.advance(1)  # b₂ = 0.5·4 + 3.2 = 5.2, x₂ = 1.6 − 0.52 = 1.08
    # Counting the decimals 0.1, 1.6, 5.2 and 1.08 and each operation: at most 8 roundings, of numbers
    # up to 5.2.
    assert run.state.buffers["b"][0, 0] == pytest.approx(5.2, abs=ulps(8, 5.2))
    assert run.params[0, 0] == pytest.approx(1.08, abs=ulps(8, 5.2))
    assert run.hyperparameters == {"lr": 0.1, "momentum": 0.5}


def test_run_set_lr_mid_run_adam():
    # Adam's moments carry over; only γ of the next step changes.
    run = Run(PARABOLA, "adam", [2.0], {"lr": 0.1})
    run.advance(1)
    x1 = run.params[0, 0]
    m = 0.9 * 0.4 + 0.1 * (2 * x1)
    v = 0.999 * 0.016 + 0.001 * (2 * x1) ** 2
    run.set_hyperparameter("lr", 0.3)
    run.advance(1)
    expected = x1 - 0.3 * (m / (1 - 0.9**2)) / (np.sqrt(v / (1 - 0.999**2)) + 1e-8)
    # Two steps of the update, each grouped two ways (see test_engine_optimizers.assert_steps).
    assert run.params[0, 0] == pytest.approx(expected, abs=ulps(2 * UPDATE_ULPS, 2.0))
    assert run.state.step == 2


# --- (d) step limits, advance, history -----------------------------------------------------------


def test_run_advance_stops_at_the_step_limit():
    run = Run(PARABOLA, "sgd", [[2.0], [-1.0]], {"lr": 0.001}, step_limit=10)
    assert run.running and run.step == 0
    assert run.advance(4) == 4 and run.step == 4
    assert run.advance(100) == 6 and run.step == 10
    assert not run.running
    assert run.advance(5) == 0 and run.step == 10
    assert run.status_names == ["step limit", "step limit"]
    assert run.stopped_at.tolist() == [10, 10]
    assert run.history().step.tolist() == list(range(11))


def test_run_advance_returns_steps_taken_until_all_stopped():
    run = Run(PARABOLA, "sgd", [[2.0], [1e-3]], {"lr": 0.1})
    taken = run.advance(1000)
    assert taken == run.step
    assert taken < 1000
    assert not run.running
    assert run.status_names == ["converged", "converged"]
    assert run.stopped_at[1] < run.stopped_at[0] <= run.step
    assert run.advance(10) == 0


def test_run_set_step_limit_below_current_step_stops():
    run = Run(PARABOLA, "sgd", [2.0], {"lr": 0.001})
    run.advance(20)
    run.set_step_limit(5)
    assert not run.running and run.status_names == ["step limit"]
    assert run.advance(3) == 0


def test_run_raising_the_step_limit_lets_held_starts_go_on():
    run = Run(PARABOLA, "sgd", [[2.0], [1e-6]], {"lr": 0.1}, step_limit=10)
    run.advance(100)
    assert run.status_names == ["step limit", "converged"]
    run.set_step_limit(12)
    assert run.running and run.status_names == ["running", "converged"]
    assert run.advance(100) == 2
    # the same numbers as a run that never stopped: x₁₂ = 2 · 0.8¹²
    assert run.params[0, 0] == pytest.approx(2 * 0.8**12, rel=geometric_rtol(12))
    straight = Run(PARABOLA, "sgd", [[2.0], [1e-6]], {"lr": 0.1}, step_limit=12)
    straight.advance(100)
    np.testing.assert_array_equal(run.params, straight.params)
    np.testing.assert_array_equal(run.history().params, straight.history().params)
    assert run.status_names == ["step limit", "converged"]


def test_run_history_pads_stopped_starts():
    run = Run(PARABOLA, "sgd", [[2.0], [1e-3], [0.0]], {"lr": 0.1}, step_limit=100)
    run.advance(100)
    h = run.history()
    assert h.step.tolist() == list(range(len(h.step)))
    assert h.params.shape == (len(h.step), 3, 1)
    for k in range(3):
        stop = run.stopped_at[k]
        assert run.status_names[k] == "converged"
        after = h.params[stop:, k]
        np.testing.assert_array_equal(after, np.broadcast_to(run.params[k], after.shape))
        np.testing.assert_array_equal(h.loss[stop:, k], run.loss[k])
        np.testing.assert_array_equal(h.grad_norm[stop:, k], run.grad_norm[k])
    # Before its stop, start 1 follows x ← 0.8x.
    stop = run.stopped_at[1]
    np.testing.assert_allclose(h.params[: stop + 1, 1, 0], 1e-3 * 0.8 ** np.arange(stop + 1),
                               rtol=geometric_rtol(stop))


def test_run_history_max_rows_keeps_first_and_last():
    run = Run(PARABOLA, "sgd", [[2.0], [-1.0]], {"lr": 0.0001}, tol=0, step_limit=1000)
    run.advance(1000)
    full = run.history()
    assert len(full.step) == 1001
    for max_rows in (2, 3, 10, 77, 1001, 5000):
        h = run.history(max_rows)
        assert len(h.step) <= max_rows
        assert h.step[0] == 0 and h.step[-1] == 1000
        assert np.all(np.diff(h.step) > 0)
        np.testing.assert_array_equal(h.params, full.params[h.step])
        np.testing.assert_array_equal(h.loss, full.loss[h.step])
    gaps = np.diff(run.history(10).step)
    assert gaps.max() - gaps.min() <= 1  # evenly thinned


def test_run_small_history_thins_and_matches_simulate():
    starts = [[2.0], [0.0], [-1.5]]
    run = Run(PARABOLA, "sgd", starts, {"lr": 0.001}, tol=0, step_limit=100, history_rows=16)
    buffers = run.trajectory.params
    nbytes = buffers.nbytes
    everies = []
    for chunk in (7, 50, 43):
        run.advance(chunk)
        everies.append(run.recorded_every)
    assert run.trajectory.params is buffers and buffers.nbytes == nbytes
    every = run.recorded_every
    assert every > 1 and every & (every - 1) == 0  # a power of two
    assert everies == sorted(everies)
    h = run.history()
    assert len(h.step) <= 16
    assert h.step[0] == 0
    np.testing.assert_array_equal(np.diff(h.step), every)
    assert h.step[-1] > 100 - every
    sim = gdsim.simulate("parabola", "sgd", starts, steps=100, lr=0.001, tol=0)
    np.testing.assert_array_equal(h.params, sim.params[h.step])
    np.testing.assert_array_equal(h.loss, sim.loss[h.step])
    np.testing.assert_array_equal(h.grad_norm, sim.grad_norm[h.step])


def test_run_thinned_history_with_a_stopped_start_matches_simulate():
    starts = [[2.0], [1e-3]]
    run = Run(PARABOLA, "sgd", starts, {"lr": 0.1}, step_limit=300, history_rows=8, tol=1e-12)
    run.advance(300)
    h = run.history()
    sim = gdsim.simulate("parabola", "sgd", starts, steps=300, lr=0.1, tol=1e-12)
    assert sim.status == run.status_names == ["converged", "converged"]
    np.testing.assert_array_equal(h.params, sim.params[h.step])


@pytest.mark.parametrize("optimizer", list(gdsim.OPTIMIZERS))
def test_run_next_params_is_the_next_step_and_moves_nothing(optimizer):
    problem = ANALYTIC_PROBLEMS["rosenbrock"]
    starts = [[-1.2, 1.0], [1.0, 1.0], [0.5, 0.2]]  # the second is converged from the start
    run = Run(problem, optimizer, starts)
    twin = Run(problem, optimizer, starts)
    run.advance(3)
    twin.advance(3)
    ahead = run.next_params()
    ahead_again = run.next_params()
    np.testing.assert_array_equal(ahead, ahead_again)
    np.testing.assert_array_equal(ahead[1], [1.0, 1.0])
    assert not np.array_equal(ahead[[0, 2]], run.params[[0, 2]])
    run.advance(1)
    twin.advance(1)
    np.testing.assert_array_equal(run.params, ahead)
    np.testing.assert_array_equal(run.params, twin.params)
    np.testing.assert_array_equal(run.history().params, twin.history().params)


def test_run_next_params_with_batches():
    problem = make_problem("neuron", "pass-fail", "sigmoid", "mse")
    run = Run(problem, "momentum", [[-1.0, 0.0], [2.0, -1.0]], {"lr": 0.5}, batch_size=6, seed=3)
    for _ in range(9):  # crosses an epoch (7 batches of up to 6 of the 40 samples)
        ahead = run.next_params()
        run.advance(1)
        np.testing.assert_array_equal(run.params, ahead)


def test_run_next_params_when_all_stopped():
    run = Run(PARABOLA, "sgd", [[2.0], [-1.0]], {"lr": 0.1}, step_limit=2)
    run.advance(2)
    np.testing.assert_array_equal(run.next_params(), run.params)


def test_simulate_default_start_and_shapes():
    sim = gdsim.simulate("rosenbrock", "sgd", steps=7)
    assert sim.params.shape == (8, 1, 2)
    assert sim.loss.shape == sim.grad_norm.shape == (8, 1)
    np.testing.assert_array_equal(sim.params[0, 0], ANALYTIC_PROBLEMS["rosenbrock"].start)
    loss, grad = ANALYTIC_PROBLEMS["rosenbrock"].loss_and_grad(sim.params[:, 0])
    np.testing.assert_array_equal(sim.loss[:, 0], loss)
    # Both are √(g₁² + g₂²): a single addition, so no order to differ in.
    np.testing.assert_array_equal(sim.grad_norm[:, 0], np.linalg.norm(grad, axis=1))


def test_many_starts_written_into_the_record_equal_a_few_at_a_time():
    # 300 starts are written straight into the record while all run; 10 at a time go through the
    # block's buffers. Some converge, at different steps, and then the rest are copied column-wise.
    starts = np.random.default_rng(5).uniform(-4.0, 4.0, size=(300, 2))
    hp = {"lr": 0.002, "tol": 1e-4}
    together = gdsim.simulate("himmelblau", "sgd", starts, 300, **hp)
    assert len(set(together.stopped_at.tolist())) > 100 and "step limit" in together.status
    chunks = [gdsim.simulate("himmelblau", "sgd", starts[i : i + 10], 300, **hp) for i in range(0, 300, 10)]
    np.testing.assert_array_equal(together.params, np.concatenate([c.params for c in chunks], axis=1))
    np.testing.assert_array_equal(together.loss, np.concatenate([c.loss for c in chunks], axis=1))
    np.testing.assert_array_equal(together.grad_norm, np.concatenate([c.grad_norm for c in chunks], axis=1))
    np.testing.assert_array_equal(together.stopped_at, np.concatenate([c.stopped_at for c in chunks]))


# Each case: the problem, simulate()'s keyword arguments besides tol, and the tolerance.
EQUALITY_CASES = {
    "plain": ("himmelblau", {}, 1e-2),
    # η warms up for 20 updates, then decays: blocks of steps carry their own ηₜ, and so do replays.
    "scheduled": ("himmelblau", {"schedule": gdsim.Schedule("cosine", decay_steps=250, warmup=20)}, 1e-2),
    # Mini-batches of 5 of the line's samples in the order seed 2 sets, with η halved every 60 updates.
    "mini-batches": ("linreg", {"batch_size": 5, "seed": 2,
                                "schedule": gdsim.Schedule("step", decay_steps=60, gamma=0.5)}, 3.0),
}


@pytest.mark.parametrize("case", list(EQUALITY_CASES))
@pytest.mark.parametrize("k", [5, 300])  # 300 starts' rows go straight into the record, 5 through buffers
@pytest.mark.parametrize("optimizer", list(gdsim.engine.OPTIMIZERS))
def test_simulate_equals_run_advance_with_history_on_and_off(optimizer, k, case):
    # From starts spread over [−4, 4]² (on Himmelblau's function starts converge on many different rows;
    # with some optimizers the rest are held at the step limit).
    problem, kw, tol = EQUALITY_CASES[case]
    starts = np.random.default_rng(11).uniform(-4.0, 4.0, size=(k, 2))
    prob, steps = make_problem(problem), 300
    sim = gdsim.simulate(problem, optimizer, starts, steps, tol=tol, **kw)
    full = Run(prob, optimizer, starts, tol=tol, step_limit=steps, history_rows=steps + 1, **kw)
    thinned = Run(prob, optimizer, starts, tol=tol, step_limit=steps, history_rows=16, **kw)  # history "off"
    for run in (full, thinned):
        assert run.advance(steps) == steps or not run.running
        assert run.status_names == sim.status
        np.testing.assert_array_equal(np.where(run.status == gdsim.engine.STEP_LIMIT, -1, run.stopped_at),
                                      sim.stopped_at)
        h = run.history()
        rows = np.minimum(h.step, steps)
        np.testing.assert_array_equal(h.params, sim.params[rows])
        np.testing.assert_array_equal(h.loss, sim.loss[rows])
        np.testing.assert_array_equal(h.grad_norm, sim.grad_norm[rows])
        np.testing.assert_array_equal(run.params, sim.params[-1])
        np.testing.assert_array_equal(run.loss, sim.loss[-1])
        np.testing.assert_array_equal(run.grad_norm, sim.grad_norm[-1])
        np.testing.assert_array_equal(run.lr_at(np.arange(1, steps + 1)), sim.lr[1:])
    assert np.isnan(sim.lr[0]) and sim.schedule == kw.get("schedule")
    if "schedule" in kw:
        assert len(set(sim.lr[1:].tolist())) >= 5  # η really changed from update to update
    # Every row up to the last step reached (a block may record past it), or every 16th or so.
    assert full.history().step.tolist()[: sim.last_step + 1] == list(range(sim.last_step + 1))
    assert thinned.recorded_every > 1
    if k == 300:  # starts stop on many different rows (with a schedule, for the slow optimizers, a few)
        assert len(set(sim.stopped_at.tolist())) > (20 if case == "plain" else 1)


def test_run_finish_hands_over_its_record_in_place():
    # x ← 0.8x: 1e-3 converges at step 35 and 0 at once; 2 and −1 are held at the step limit, 40.
    run = Run(PARABOLA, "sgd", [[2.0], [1e-3], [0.0], [-1.0]], {"lr": 0.1}, step_limit=40, history_rows=61)
    run.advance(100)
    copied = run.history()
    h = run.finish(61)
    assert np.shares_memory(h.params, run.trajectory.params)  # the record itself, not a copy
    assert h.params.shape == (61, 4, 1) and h.loss.shape == h.grad_norm.shape == (61, 4)
    assert h.step.tolist() == list(range(61))
    np.testing.assert_array_equal(h.params[:41], copied.params)
    np.testing.assert_array_equal(h.loss[:41], copied.loss)
    np.testing.assert_array_equal(h.grad_norm[:41], copied.grad_norm)
    assert run.stopped_at.tolist() == [40, 35, 0, 40]
    for k, stop in enumerate(run.stopped_at):
        np.testing.assert_array_equal(h.params[stop:, k], np.broadcast_to(run.params[k], (61 - stop, 1)))
        np.testing.assert_array_equal(h.loss[stop:, k], run.loss[k])
        np.testing.assert_array_equal(h.grad_norm[stop:, k], run.grad_norm[k])
    # The run is over: it takes no more steps, so nothing writes into the arrays handed over.
    kept = h.params.copy()
    with pytest.raises(InputError, match="finished"):
        run.set_step_limit(100)
    assert run.advance(10) == 0 and not run.running
    np.testing.assert_array_equal(h.params, kept)


def test_run_finish_needs_a_record_of_every_row():
    run = Run(PARABOLA, "sgd", [2.0], {"lr": 0.001}, tol=0, history_rows=8)
    run.advance(20)  # the record is thinned: its slots are not rows 0, 1, 2, …
    with pytest.raises(InputError, match="keeps every 4th"):
        run.finish(8)
    assert run.running and run.advance(1) == 1
    whole = Run(PARABOLA, "sgd", [2.0], {"lr": 0.001}, tol=0, history_rows=8)
    with pytest.raises(InputError, match="the rows handed over must be a whole number from 1 to 8"):
        whole.finish(9)


def test_simulate_returns_params_in_a_layout_numpy_takes_as_it_is():
    sim = gdsim.simulate("rosenbrock", "adam", [[-1.2, 1.0], [0.5, 2.0], [1.5, -0.5]], 20, lr=0.02)
    c = np.ascontiguousarray(sim.params)
    np.testing.assert_array_equal(sim.params, c)
    assert sim.params[7].flags.f_contiguous and sim.params[7, :, 1].flags.c_contiguous  # as documented
    np.testing.assert_array_equal(sim.params.reshape(-1, 2), c.reshape(-1, 2))
    np.testing.assert_array_equal(sim.params[:, 1] - sim.params[-1, 1], c[:, 1] - c[-1, 1])
    saved = io.BytesIO()
    np.save(saved, sim.params)
    saved.seek(0)
    np.testing.assert_array_equal(np.load(saved), c)
    assert not np.shares_memory(sim.params, sim.loss) and sim.params.flags.writeable


def traced_peak(call):
    """The most memory (numpy's arrays included) allocated at once during call(), and its result."""
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        result = call()
        return tracemalloc.get_traced_memory()[1] - before, result
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(("problem", "optimizer", "k", "steps", "kw"), [
    # Cases of 10–40 MB, where a block's buffers (up to about 3 MB, used once a start stops) are small.
    ("rosenbrock", "adam", 2000, 1000, {"lr": 0.02}),
    ("himmelblau", "sgd", 2000, 600, {"lr": 0.01, "tol": 1e-4}),  # all converge, at 67 different rows
    ("rosenbrock", "nadam", 20, 30_000, {"lr": 0.01}),  # a long record of few starts
    ("neuron", "adam", 1000, 400, {"batch_size": 8, "data": "pass-fail", "activation": "sigmoid"}),
    ("linreg", "momentum", 3000, 200, {"lr": 0.001}),
])
def test_simulate_memory_is_what_it_returns_and_what_its_guard_expects(problem, optimizer, k, steps, kw):
    prob = make_problem(problem, kw.get("data"), kw.get("activation"), kw.get("loss"))
    starts = np.random.default_rng(0).uniform(-2.0, 2.0, size=(k, prob.dim))
    peak, sim = traced_peak(lambda: gdsim.simulate(problem, optimizer, starts, steps, **kw))
    returned = sim.params.nbytes + sim.loss.nbytes + sim.grad_norm.nbytes
    estimate = estimated_bytes(prob, optimizer, k, steps, kw.get("batch_size"))
    assert returned <= peak and abs(estimate - peak) <= 0.2 * peak, (estimate, peak)
    if problem not in ("neuron", "linreg") and k > 100:  # a model's (K, N) scratch is not small beside
        assert peak <= 1.3 * returned                    # a short record, nor are row numbers for a few


def test_workspace_scratch_of_a_new_shape_replaces_the_old():
    # A run's kernel asks for scratch sized by its running starts; as they stop, block by block, each
    # count must not keep its own set (10,000 starts of Adam stopping in 350 blocks kept 37 MB).
    ws = Workspace()
    first = ws.scratch(4, (1000,))
    assert all(a is b for a, b in zip(ws.scratch(4, (1000,)), first, strict=True))
    gone = [weakref.ref(a) for a in first]
    del first
    smaller = ws.scratch(4, (999,))
    assert [a.shape for a in smaller] == [(999,)] * 4 and len({id(a) for a in smaller}) == 4
    assert all(ref() is None for ref in gone)


def test_simulate_in_pieces_gives_the_rows_of_simulate():
    starts = np.random.default_rng(3).uniform(-4.0, 4.0, size=(50, 2))
    sim = gdsim.simulate("himmelblau", "adam", starts, 500, tol=1e-2)
    pieces = gdsim.engine.simulate_in_pieces("himmelblau", "adam", starts, 500, rows=64, tol=1e-2)
    taken = list(pieces)
    assert [len(p.step) for p in taken[:-1]] == [65] + [64] * (len(taken) - 2)  # row 0 comes with the first
    step = np.concatenate([p.step for p in taken])
    assert step.tolist() == list(range(sim.last_step + 1)) and pieces.last_step == sim.last_step < 500
    for name in ("params", "loss", "grad_norm"):
        np.testing.assert_array_equal(np.concatenate([getattr(p, name) for p in taken]),
                                      getattr(sim, name)[: sim.last_step + 1])
    assert pieces.status == sim.status
    np.testing.assert_array_equal(pieces.stopped_at, sim.stopped_at)
    np.testing.assert_array_equal(pieces.final_loss, sim.loss[-1])


def test_simulate_refuses_more_memory_than_its_limit_before_taking_any():
    starts = np.zeros((10_000, 2))

    def too_long():
        with pytest.raises(InputError, match=r"needs 3\.0 GiB \(limit 2 GiB\)"):
            gdsim.simulate("rosenbrock", "adam", starts, 10_000)

    peak, _ = traced_peak(too_long)
    assert peak < 2**20


# --- (e) mini-batches ----------------------------------------------------------------------------

BATCH_KW = {"data": "pass-fail", "activation": "sigmoid", "loss": "mse"}


def test_batches_same_seed_gives_identical_runs():
    a = gdsim.simulate("neuron", "sgd", [-1.0, 0.0], 60, batch_size=8, seed=3, lr=0.5, **BATCH_KW)
    b = gdsim.simulate("neuron", "sgd", [-1.0, 0.0], 60, batch_size=8, seed=3, lr=0.5, **BATCH_KW)
    assert_same_simulation(a, b)


def test_batches_different_seed_gives_different_runs():
    a = gdsim.simulate("neuron", "sgd", [-1.0, 0.0], 60, batch_size=8, seed=3, lr=0.5, **BATCH_KW)
    b = gdsim.simulate("neuron", "sgd", [-1.0, 0.0], 60, batch_size=8, seed=4, lr=0.5, **BATCH_KW)
    full = gdsim.simulate("neuron", "sgd", [-1.0, 0.0], 60, lr=0.5, **BATCH_KW)
    assert not np.allclose(a.params[1:], b.params[1:])
    assert not np.allclose(a.params[1:], full.params[1:])


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_batches_of_all_samples_equal_full_batch_descent(optimizer):
    n = len(make_problem("neuron", "pass-fail").dataset.y)
    a = gdsim.simulate("neuron", optimizer, [-1.0, 0.0], 80, batch_size=n, seed=5, **BATCH_KW)
    b = gdsim.simulate("neuron", optimizer, [-1.0, 0.0], 80, **BATCH_KW)
    # The whole data as one batch, in a shuffled order: the same sums in another order.
    assert_runs_agree(a, b, N_PASS_FAIL, 80)


def test_batches_one_epoch_sums_to_the_full_gradient():
    # With a tiny η the point hardly moves, so one epoch of mini-batch steps moves it by
    # −η·Σ (batch gradients) ≈ −η·(full gradient): every sample is used exactly once per epoch.
    problem = make_problem("linreg", "line", loss="sse")
    n = len(problem.dataset.y)
    start = np.array([0.3, -0.2])
    eta = 1e-9
    _, grad = problem.loss_and_grad(start[None, :])
    A = np.column_stack([problem.dataset.X, np.ones(n)])
    terms = np.abs(A @ start - problem.dataset.y) @ np.abs(A)  # Σ|(ŷ − y)·(x, 1)| over the samples
    for size in (1, 4, 7, n):
        epoch = -(-n // size)
        sim = gdsim.simulate("linreg", "sgd", start, epoch, data="line", loss="sse", batch_size=size,
                             lr=eta, tol=0)
        moved = sim.params[-1, 0] - start
        # How far the sum of the batch gradients may be from the full gradient: within the epoch the
        # point moves by at most η·‖Σ|terms|‖, which changes each batch's gradient by at most its
        # curvature ‖A_bᵀA_b‖ times that, and these add up to at most trace(AᵀA) (to first order in η);
        # the sums are taken in other orders; each of the epoch's steps rounds the parameters (an ulp
        # of them, divided by η in the quotient), and η and the quotient round once each.
        drift = eta * np.trace(A.T @ A) * np.linalg.norm(terms)
        rounding = (reordering_bound(n, terms) + ulps(2, grad[0])
                    + epoch * ulps(1, np.abs(start) + np.abs(sim.params[-1, 0])) / eta)
        assert np.all(drift + rounding < 1e-3 * terms / n)  # a sample missed or used twice shows
        np.testing.assert_array_less(np.abs(moved / -eta - grad[0]), drift + rounding)


def _batch_order(seed: int, epochs: int) -> np.ndarray:
    """Which sample each step of a batch-size-1 run used, read off the steps themselves: on linreg with
    sse one sample's gradient is (ŷ − y)·(x, 1), so a step's Δw/Δb is that sample's x."""
    X = np.linspace(0.1, 1.2, 12)
    y = np.random.default_rng(0).normal(size=12)
    sim = gdsim.simulate("linreg", "sgd", [0.3, -0.2], 12 * epochs, data=(X, y), loss="sse", batch_size=1,
                         seed=seed, lr=0.01, tol=0)
    old, new = sim.params[:-1, 0], sim.params[1:, 0]
    steps = new - old
    x_used = steps[:, 0] / steps[:, 1]
    index = np.abs(x_used[:, None] - X[None, :]).argmin(axis=1)
    # Each step is the difference of two rounded parameters, so off by at most an ulp of them; the
    # products η·(ŷ − y)·x and the quotient add four roundings of x.
    rtol = ulps(4) + ulps(1, (np.abs(old) + np.abs(new)) / np.abs(steps)).sum(axis=1)
    assert rtol.max() < 1e-3  # far below the gap between two samples' x (0.1 in at most 1.2)
    np.testing.assert_array_less(np.abs(x_used - X[index]), rtol * X[index])
    return index.reshape(epochs, 12)


def test_batches_each_epoch_is_a_fresh_permutation():
    order = _batch_order(seed=1, epochs=3)
    for epoch in order:
        assert sorted(epoch) == list(range(12))  # every sample exactly once per epoch
    assert len({tuple(epoch) for epoch in order}) == 3  # reshuffled every epoch
    assert not np.array_equal(order[0], np.arange(12))
    np.testing.assert_array_equal(_batch_order(seed=1, epochs=3), order)
    assert not np.array_equal(_batch_order(seed=2, epochs=3), order)


def test_batches_record_the_loss_on_all_the_data():
    sim = gdsim.simulate("neuron", "sgd", [-1.0, 0.0], 20, batch_size=5, seed=1, lr=0.5, **BATCH_KW)
    points = sim.params[:, 0]
    loss, grad = sim.problem.loss_and_grad(points)
    # All 21 rows at once against one at a time in the run: the same sums over the 40 samples, maybe
    # in other orders. The loss's terms (ŷ − y)²/N are positive, so Σ|terms| is the loss; the
    # gradient's are (2/N)(ŷ − y)·ŷ(1 − ŷ)·(x, 1), and its norm moves by at most as much as it does
    # (plus the norm's own two roundings).
    data = sim.problem.dataset
    A = np.column_stack([data.X, np.ones(len(data.y))])
    yhat = 1 / (1 + np.exp(-(points @ A.T)))
    terms = (2 / len(data.y)) * np.abs((yhat - data.y) * yhat * (1 - yhat)) @ np.abs(A)
    assert_sums_agree(sim.loss[:, 0], loss, N_PASS_FAIL, loss)
    gnorm = np.linalg.norm(grad, axis=1)
    bound = np.linalg.norm(reordering_bound(N_PASS_FAIL, terms), axis=1) + ulps(4, gnorm)
    np.testing.assert_array_less(np.abs(sim.grad_norm[:, 0] - gnorm), bound)


@pytest.mark.parametrize("optimizer", ["sgd", "rmsprop", "nadam"])
def test_batches_k_starts_equal_each_start_alone(optimizer):
    starts = [[-1.0, 0.0], [3.0, -2.0], [0.5, 0.1]]
    kw = dict(batch_size=6, seed=2, **BATCH_KW)
    together = gdsim.simulate("neuron", optimizer, starts, 100, **kw)
    assert_runs_agree(together, one_at_a_time("neuron", optimizer, starts, 100, **kw), N_PASS_FAIL, 100)


@pytest.mark.parametrize("size", [0, -1, 41, 1000, 2.5, True, "8"])
def test_batches_bad_size_raises_input_error(size):
    n = len(make_problem("neuron", "pass-fail").dataset.y)
    assert n == 40
    with pytest.raises(InputError, match=r"batch size.*1 to 40"):
        gdsim.simulate("neuron", "sgd", None, 5, batch_size=size, **BATCH_KW)


def test_batches_need_a_dataset_model():
    with pytest.raises(InputError, match="dataset model"):
        gdsim.simulate("parabola", "sgd", [2.0], 5, batch_size=1)


@pytest.mark.parametrize("seed", [-1, 1.5, "x"])
def test_batches_bad_seed_raises_input_error(seed):
    with pytest.raises(InputError, match="seed"):
        gdsim.simulate("neuron", "sgd", None, 5, batch_size=4, seed=seed, **BATCH_KW)


# --- (f) bad starts and other input --------------------------------------------------------------


@pytest.mark.parametrize("start", [[1.0, 2.0], [[1.0, 2.0]], [], [[]], np.zeros((2, 3))])
def test_run_start_of_wrong_dimension_raises_input_error(start):
    with pytest.raises(InputError, match=r"problem 'parabola' has 1 parameter \(x\)"):
        Run(PARABOLA, "sgd", start)
    with pytest.raises(InputError, match="parameter"):
        gdsim.simulate("rosenbrock", "sgd", [1.0], 5)


@pytest.mark.parametrize("start", [[float("nan")], [float("inf")], [[1.0], [-float("inf")]], ["two"]])
def test_run_non_finite_start_raises_input_error(start):
    with pytest.raises(InputError, match="start"):
        Run(PARABOLA, "sgd", start)


@pytest.mark.parametrize(("problem", "start"), [("parabola", [1e200]), ("rosenbrock", [1e80, 0.0]),
                                                ("parabola", [1e60])])
def test_run_start_with_non_finite_or_huge_loss_raises_input_error(problem, start):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(InputError, match="start"):
            gdsim.simulate(problem, "sgd", start, 5)


@pytest.mark.parametrize("steps", [-1, 2.5, True, "10"])
def test_simulate_bad_steps_raises_input_error(steps):
    with pytest.raises(InputError, match="steps"):
        gdsim.simulate("parabola", "sgd", [2.0], steps)


@pytest.mark.parametrize("tol", [-1e-6, "tight", float("nan")])
def test_run_bad_tolerance_raises_input_error(tol):
    with pytest.raises(InputError, match="tolerance"):
        Run(PARABOLA, "sgd", [2.0], tol=tol)


@pytest.mark.parametrize("limit", [-1, 2.5, "10", True])
def test_run_bad_step_limit_raises_input_error(limit):
    with pytest.raises(InputError, match="step limit"):
        Run(PARABOLA, "sgd", [2.0], step_limit=limit)


def test_simulate_unknown_names_raise_input_error():
    with pytest.raises(InputError, match=r"unknown optimizer 'adamw'.*sgd.*amsgrad"):
        gdsim.simulate("parabola", "adamw")
    with pytest.raises(InputError, match=r"unknown problem 'sphere'.*parabola.*neuron"):
        gdsim.simulate("sphere", "sgd")
    with pytest.raises(InputError, match="fixed function"):
        gdsim.simulate("parabola", "sgd", data="line")


def test_simulate_takes_none_as_the_default_hyperparameter():
    a = gdsim.simulate("parabola", "sgd", steps=3, lr=None)
    b = gdsim.simulate("parabola", "sgd", steps=3)
    np.testing.assert_array_equal(a.params, b.params)
    assert a.hyperparameters["lr"] == 0.1


# --- stuck: a zero gradient at a point that is no minimum --------------------------------------------


def test_run_a_dead_relu_or_the_step_function_is_stuck_at_step_zero_not_converged():
    for activation in ("relu", "step"):
        sim = gdsim.simulate("neuron", "sgd", [-1.0, 0.0], 50, activation=activation, lr=0.3)
        # every h = −x < 0: ŷ = 0 and f′ = 0 at all 40 samples; the 22 passes are wrong (½·22 = 11)
        assert sim.status == ["stuck"] and sim.stopped_at.tolist() == [0]
        assert sim.loss[0, 0] == 11.0 and sim.grad_norm[0, 0] == 0.0
    tanh = gdsim.simulate("neuron", "sgd", [-1.0, 0.0], 50, activation="tanh", lr=0.3)
    assert tanh.status == ["step limit"]  # tanh has a slope there: it moves


def test_run_a_saturated_sigmoid_is_stuck():
    # h = 100x + 100 ≥ 130: σ(h) = 1.0 exactly, so f′ = σ(1 − σ) = 0 and the 18 fails are wrong.
    sim = gdsim.simulate("neuron", "sgd", [100.0, 100.0], 10, activation="sigmoid", lr=0.3)
    assert sim.status == ["stuck"] and sim.loss[0, 0] == 9.0 and sim.grad_norm[0, 0] == 0.0
    # With bce the gradient (ŷ − y)/N·x does not go through f′: the same point moves.
    bce = gdsim.simulate("neuron", "sgd", [100.0, 100.0], 10, activation="sigmoid", loss="bce", lr=0.3)
    assert bce.status == ["step limit"]


def test_run_a_real_minimum_converges_and_is_not_stuck():
    fit = gdsim.simulate("neuron", "sgd", [-1.0, 0.0], 3000, activation="sigmoid", lr=0.3)
    assert fit.status == ["converged"]  # the errors balance out: Σ (ŷ − y)·f′(h)·x = 0, f′ ≠ 0
    line = gdsim.simulate("linreg", "sgd", [-1.0, 0.0], 1000, lr=0.005)
    assert line.status == ["converged"]
    # The step function classifying every sample right: loss 0, a true minimum.
    perfect = gdsim.simulate("neuron", "sgd", [1.0, -0.5], 5, data=([[0.0], [1.0]], [0.0, 1.0]),
                             activation="step")
    assert perfect.status == ["converged"] and perfect.loss[0, 0] == 0.0


def test_run_gets_stuck_mid_run_at_its_own_row_among_k_starts():
    # ReLU on targets −1 that it can never reach, η = 0.05. From (1, 0): h = (1, 2), r = ŷ − y = (2, 3),
    # ∇L = (2·1 + 3·2, 2 + 3) = (8, 5) → (0.6, −0.25); h = (0.35, 0.95), ∇L = (5.25, 3.3) →
    # (0.3375, −0.415); h = (−0.0775, 0.26), only the second sample has a slope, ∇L = (2.52, 1.26) →
    # (0.2115, −0.478), where both h < 0: ŷ = 0, both errors −1, f′ = 0: stuck at step 3. From (0, 0)
    # h = 0 and f′(0) = 0: stuck at once; (3, 1) gets stuck at step 6, and (−1, 5) is still going at the
    # step limit 10.
    data = ([[1.0], [2.0]], [-1.0, -1.0])
    starts = [[1.0, 0.0], [0.0, 0.0], [3.0, 1.0], [-1.0, 5.0]]
    sim = gdsim.simulate("neuron", "sgd", starts, 10, data=data, activation="relu", lr=0.05)
    assert sim.status == ["stuck", "stuck", "stuck", "step limit"]
    assert sim.stopped_at.tolist() == [3, 0, 6, -1]
    # three steps of a few roundings each on numbers below 8
    np.testing.assert_allclose(sim.params[-1, 0], [0.2115, -0.478], rtol=0, atol=ulps(12) * 8)
    assert sim.loss[-1, 0] == 1.0 and sim.grad_norm[-1, 0] == 0.0  # ½·(1 + 1), and no slope at all
    assert_same_simulation(sim, one_at_a_time("neuron", "sgd", starts, 10, data=data, activation="relu",
                                               lr=0.05))


def test_run_a_known_saddle_point_is_stuck_exactly_there_and_converged_near_it():
    saddle = ANALYTIC_PROBLEMS["saddle"]
    assert saddle.stuck_at([[0.0, 0.0], [-0.0, 0.0], [1e-300, 0.0], [1.0, 1.0]]).tolist() == [
        True, True, False, False]
    sim = gdsim.simulate("saddle", "sgd", [[0.0, 0.0], [1.5, 0.0]], 200, lr=0.1)
    # Exactly on the saddle point: ∇L = 0 at no minimum. From (1.5, 0), x ← 0.8x approaches it and
    # converges (a stationary point, as lesson 9 shows), ‖∇L‖ = 2·1.5·0.8ⁿ < 1e-6 first at n = 67.
    assert sim.status == ["stuck", "converged"] and sim.stopped_at.tolist() == [0, 67]
    # η = 0.5 lands exactly on the saddle point in one step: x ← x − 0.5·2x = 0.
    assert gdsim.simulate("saddle", "sgd", [1.5, 0.0], 10, lr=0.5).status == ["stuck"]


def test_stuck_needs_every_wrong_sample_on_a_flat_stretch():
    problem = make_problem("neuron", ([[1.0], [2.0], [3.0]], [0.0, 1.0, 1.0]), "relu", "sse")
    # (1, −1.5): h = (−0.5, 0.5, 1.5): the first sample is right (ŷ = 0 = y) and flat, the others
    # have a slope 1 and errors 0.5 and −0.5 that balance: a stationary point, not stuck.
    # (0, −1): every h < 0, the two passes are wrong and flat: stuck.
    # (0, 1): every h > 0, slope 1 everywhere: not stuck (whatever the gradient is).
    assert problem.stuck_at([[1.0, -1.5], [0.0, -1.0], [0.0, 1.0]]).tolist() == [False, True, False]
    bce = make_problem("neuron", ([[1.0], [2.0]], [0.0, 1.0]), "sigmoid", "bce")
    assert bce.stuck_at([[100.0, 100.0]]).tolist() == [False]


# --- switching the problem of a run ------------------------------------------------------------------


def test_switch_problem_keeps_point_step_state_and_eta_and_descends_the_new_problem():
    sigmoid = make_problem("neuron", "pass-fail", "sigmoid", "sse")
    tanh = make_problem("neuron", "pass-fail", "tanh", "sse")
    run = Run(sigmoid, "momentum", [-1.0, 0.0], {"lr": 0.3, "momentum": 0.5}, tol=0.0)
    run.advance(10)
    params, velocity, history = run.params.copy(), run.state.buffers["b"].copy(), run.history()
    run.switch_problem(tanh)
    assert run.problem is tanh and run.step == 10 and run.hyperparameters["lr"] == 0.3
    np.testing.assert_array_equal(run.params, params)
    np.testing.assert_array_equal(run.state.buffers["b"], velocity)
    loss, grad = tanh.loss_and_grad(params)
    np.testing.assert_array_equal(run.loss, loss)
    np.testing.assert_array_equal(run.gradient, grad)
    np.testing.assert_array_equal(run.history().params, history.params)  # the record so far is kept
    run.advance(1)
    b = 0.5 * velocity + grad  # momentum on, with tanh's gradient: the engine's two roundings
    np.testing.assert_array_equal(run.params, params - 0.3 * b)
    assert run.history().step.tolist() == list(range(12))


def test_switch_problem_refuses_other_parameters_or_a_point_it_cannot_evaluate():
    run = Run(ANALYTIC_PROBLEMS["rosenbrock"], "adam", [-1.2, 1.0])
    run.advance(3)
    before = (run.params.copy(), run.step, run.problem)
    with pytest.raises(InputError, match=r"'parabola' has the parameters \(x\); the run has \(x, y\)"):
        run.switch_problem(PARABOLA)
    line = make_problem("linreg", "line")
    neuron = Run(make_problem("neuron", "line", "tanh"), "sgd", [1e60, 0.0], tol=0.0)
    with pytest.raises(InputError, match=r"cannot go on from the point \(1e\+60, 0.0\) reached so far"):
        neuron.switch_problem(line)  # ½ Σ (1e60·x − y)² is about 1e120
    assert neuron.problem.activation.name == "tanh"
    np.testing.assert_array_equal(run.params, before[0])
    assert (run.step, run.problem) == before[1:]


@pytest.mark.parametrize(("optimizer", "lr", "tol"), [("momentum", 0.001, 0.5), ("adam", 0.02, 0.5),
                                                 ("nadam", 0.02, 0.5), ("adadelta", 1.0, 1.0)])
def test_switch_problem_revives_a_converged_start_exactly_where_it_stopped(optimizer, lr, tol):
    # Rosenbrock then Beale, both over (x, y): element-wise arithmetic, so a start replayed alone
    # gives the same numbers as in its block. With a large tol the start converges inside a block.
    rosenbrock, beale = ANALYTIC_PROBLEMS["rosenbrock"], ANALYTIC_PROBLEMS["beale"]
    run = Run(rosenbrock, optimizer, [-1.2, 1.0], {"lr": lr}, tol=tol, step_limit=5000)
    run.advance(5000)
    assert run.status_names == ["converged"]
    stop = int(run.stopped_at[0])
    assert stop % 64 not in (0, 63) and run.step > stop  # inside a block, which ran on past it
    # The same run stepped exactly `stop` times: its state is the one the start had on that row.
    same = Run(rosenbrock, optimizer, [-1.2, 1.0], {"lr": lr}, tol=0.0, step_limit=stop)
    same.advance(stop)
    same.tol = tol
    run.switch_problem(beale)
    same.switch_problem(beale)
    assert run.status_names == ["running"] and run.step == stop == same.step
    for name, buf in same.state.buffers.items():
        np.testing.assert_array_equal(run.state.buffers[name], buf)
    assert run.state.scalars == same.state.scalars and run.state.step == same.state.step
    run.set_step_limit(stop + 100)
    same.set_step_limit(stop + 100)
    run.advance(100)
    same.advance(100)
    h, g = run.history(), same.history()
    np.testing.assert_array_equal(h.step, g.step)
    np.testing.assert_array_equal(h.params, g.params)
    np.testing.assert_array_equal(h.loss, g.loss)
    assert h.step.tolist() == list(range(stop + 101))  # no row twice, none missing


def test_switch_problem_a_stuck_start_learns_with_a_smooth_activation():
    # Lesson 5's scene: the step function is stuck at step 0; with the sigmoid the same start learns,
    # exactly as a sigmoid run from that start would.
    step = make_problem("neuron", "pass-fail", "step", "sse")
    sigmoid = make_problem("neuron", "pass-fail", "sigmoid", "sse")
    run = Run(step, "adam", [1.0, -1.0], {"lr": 0.05})
    assert run.status_names == ["stuck"]
    run.switch_problem(sigmoid)
    assert run.status_names == ["running"] and run.step == 0
    fresh = Run(sigmoid, "adam", [1.0, -1.0], {"lr": 0.05})
    run.advance(50)
    fresh.advance(50)
    np.testing.assert_array_equal(run.history().params, fresh.history().params)
    run.switch_problem(step)  # back to the step function: stuck again, where it is now
    assert run.status_names == ["stuck"] and run.stopped_at.tolist() == [50]


def test_switch_problem_with_k_starts_judges_each_again():
    # On x² with η = 1.01, x ← −1.02x: 0 converges at once, 1 swings slowly outwards, 9e49 diverges
    # when its square passes 1e100, at step 6 (9e49·1.02⁶ > 1e50).
    run = Run(PARABOLA, "sgd", [[0.0], [1.0], [9e49]], {"lr": 1.01}, step_limit=20)
    run.advance(10)
    assert run.status_names == ["converged", "running", "diverged"]
    diverged = (run.params[2].copy(), int(run.stopped_at[2]))
    waiting = run.history()
    run.switch_problem(ANALYTIC_PROBLEMS["double-well"])  # f′(0) = 1: the first start has a slope now
    assert run.status_names == ["running", "running", "diverged"] and run.step == 10
    assert diverged[1] == 5
    run.advance(1)
    h = run.history()
    np.testing.assert_array_equal(h.params[:11, :2], waiting.params[:, :2])  # it waited at 0 until now
    assert h.params[11, 0, 0] == -1.01  # −η·f′(0), its first step on the double well
    assert run.status_names[2] == "diverged"  # a diverged start stays as it ended
    np.testing.assert_array_equal(run.params[2], diverged[0])
    assert int(run.stopped_at[2]) == diverged[1]


def test_switch_problem_with_mini_batches_goes_on_with_the_same_batches():
    sse = make_problem("neuron", "pass-fail", "sigmoid", "sse")
    mse = make_problem("neuron", "pass-fail", "sigmoid", "mse")
    run = Run(sse, "sgd", [-1.0, 0.0], {"lr": 0.3}, batch_size=8, seed=3, tol=0.0)
    run.advance(7)
    run.switch_problem(mse)
    point = run.params[0]
    run.advance(1)
    X, y = run._batches.at(7)  # the batch of step 8, as before the switch
    _, grad = make_problem("neuron", (X, y), "sigmoid", "mse").loss_and_grad(point)
    # mse on the batch of 8 against mse on all 40 through evaluate_on: the same 8 terms, scaled by 2/8
    np.testing.assert_allclose(run.params[0], point - 0.3 * grad[0], rtol=0, atol=ulps(16) * 8)


def test_mini_batches_set_mid_run_are_those_a_run_built_with_them_uses_from_that_step():
    from gdsim.engine.run import advance_together
    from gdsim.engine.workspace import Workspace
    from gdsim.model.build import build
    from gdsim.model.lessons import shipped_lessons

    neuron = build(next(lesson for lesson in shipped_lessons() if lesson.number == 4).setup).problem
    built = Run(neuron, "momentum", [0.5, -1.0], batch_size=3, seed=5)
    changed = Run(neuron, "momentum", [0.5, -1.0])
    assert changed.next_batch_rows() is None
    changed.set_batches(3, 5)
    for run in (built, changed):
        run.advance(17)
    np.testing.assert_array_equal(built.history().params, changed.history().params)
    # the rows named are the samples the next update takes: its gradient is theirs
    rows = changed.next_batch_rows()
    assert len(rows) == 3 and len(set(rows.tolist())) == 3
    X, y = neuron.dataset.X[rows], neuron.dataset.y[rows]
    g = np.empty((1, 2))
    neuron.evaluate_on(X, y, changed.params.copy(), np.empty(1), g, Workspace())
    per_sample = np.empty((len(rows), 2))
    for i in range(len(rows)):
        neuron.evaluate_on(X[i:i + 1], y[i:i + 1], changed.params.copy(), np.empty(1), per_sample[i:i + 1],
                           Workspace())
    # One sum of 3 per-sample terms, taken by two BLAS kernels (the run's and this call's) in their own
    # order; each term also goes through h = w·x + b (fused or not) and f(h), f′(h), a few ulps each.
    assert_sums_agree(changed.next_update().gradient, g, len(rows) + TRANSCENDENTAL_ULPS,
                      np.abs(per_sample).sum(axis=0))
    # an epoch goes through every sample once
    seen = np.concatenate([changed._batches.rows_at(s) for s in range(changed._batches.per_epoch)])
    assert sorted(seen.tolist()) == list(range(len(neuron.dataset.y)))
    # back to the whole data, also side by side with another run
    changed.set_batches(None)
    whole = Run(neuron, "sgd", [0.5, -1.0])
    advance_together([changed, whole], 5)
    assert changed.next_batch_rows() is None and changed.batch_size is None
    with pytest.raises(InputError, match="batch size"):
        changed.set_batches(10_000)
    assert changed.batch_size is None and changed._batches is None

"""Basin maps: a grid of starts advanced together ends, start by start, where a Run of it alone ends."""

import numpy as np
import pytest

import gdsim
from gdsim import InputError
from gdsim.engine import ANALYTIC_PROBLEMS, Run, Schedule, make_problem, typed_function
from gdsim.engine.swarm import (
    DIVERGED_LABEL,
    MOVING_LABEL,
    STUCK_LABEL,
    Swarm,
    grid_starts,
)

HIMMELBLAU = ANALYTIC_PROBLEMS["himmelblau"]


def alone(problem, optimizer, start, steps, hyperparameters=None, schedule=None):
    """A Run of one start, as the window's normal run takes it: its end point, status and last row."""
    run = Run(problem, optimizer, np.asarray(start)[None, :], hyperparameters, schedule=schedule,
              step_limit=steps)
    run.advance(steps)
    last = run.step if run.status_names[0] == "step limit" else int(run.stopped_at[0])
    return run.params[0], run.status_names[0], last


def test_basins_himmelblau_gradient_descent_has_four_basins_that_single_runs_agree_with():
    result = gdsim.basins("himmelblau", "sgd", grid=100, steps=1000)
    assert result.grid == 100 and result.starts.shape == (10_000, 2)
    assert result.names[:4] == ["minimum 1", "minimum 2", "minimum 3", "minimum 4"]
    counts, shares = result.counts, result.shares
    assert counts[:4].sum() == 10_000 and np.all(counts[:4] > 1000), counts
    assert shares.sum() == pytest.approx(1.0, abs=1e-12)
    assert len(result.minima) == 4 and result.known == 4
    # 100 cells, each run alone from its centre with the engine's normal Run, end at the minimum the
    # map gives them
    cells = np.random.default_rng(13).choice(10_000, size=100, replace=False)
    for cell in cells:
        end, status, last = alone(HIMMELBLAU, "sgd", result.starts[cell], 1000)
        assert status == "converged"
        nearest = int(np.argmin(np.linalg.norm(np.array(HIMMELBLAU.minima) - end, axis=1)))
        assert np.linalg.norm(np.array(HIMMELBLAU.minima[nearest]) - end) < 1e-6
        assert result.labels[cell] == nearest, cell
        np.testing.assert_array_equal(result.end_points[cell], end)
        assert result.steps[cell] == last


@pytest.mark.parametrize("optimizer, hyperparameters, schedule", [
    ("sgd", {"lr": 0.02}, None),  # some diverge
    ("momentum", {"lr": 0.01, "momentum": 0.9}, None),
    ("adam", {"lr": 0.3}, None),
    ("nadam", {"lr": 0.2}, None),  # a scalar in its state
    ("rmsprop", {"lr": 0.05, "momentum": 0.5}, Schedule("cosine", decay_steps=50, warmup=5)),
])
def test_swarm_ends_each_start_where_a_run_of_it_alone_ends_bit_for_bit(optimizer, hyperparameters, schedule):
    starts = grid_starts(((-5.0, 5.0), (-5.0, 5.0)), 12)
    # a start at a minimum stops at row 0; one far out diverges under plain descent
    starts = np.concatenate([starts, [[3.0, 2.0], [8.0, 8.0]]])
    swarm = Swarm(HIMMELBLAU, optimizer, starts, hyperparameters, schedule=schedule, chunk=7, threads=2)
    swarm.advance(150)
    swarm.advance(50)
    swarm.finish()
    statuses = set()
    for i, start in enumerate(starts):
        end, status, last = alone(HIMMELBLAU, optimizer, start, 200, hyperparameters, schedule)
        np.testing.assert_array_equal(swarm.end_points[i], end, err_msg=str(start))
        assert (swarm.status[i], swarm.steps[i]) == (gdsim.engine.STATUS_NAMES.index(status), last)
        statuses.add(status)
    if optimizer == "sgd":
        assert statuses >= {"converged", "diverged"}


def test_swarm_chunks_and_threads_do_not_change_the_numbers():
    starts = grid_starts(((-5.0, 5.0), (-5.0, 5.0)), 40)
    results = []
    for chunk, threads in ((100_000, 1), (333, 2), (64, 3)):
        swarm = Swarm(HIMMELBLAU, "adam", starts, {"lr": 0.1}, chunk=chunk, threads=threads)
        swarm.advance(300)
        swarm.finish()
        results.append((swarm.end_points, swarm.status, swarm.steps))
    for other in results[1:]:
        for a, b in zip(results[0], other, strict=True):
            np.testing.assert_array_equal(a, b)


def test_swarm_points_mid_run_are_the_running_and_the_stopped_starts():
    starts = grid_starts(((-5.0, 5.0), (-5.0, 5.0)), 10)
    swarm = Swarm(HIMMELBLAU, "sgd", starts, {"lr": 0.01}, chunk=16)
    swarm.advance(40)
    points = swarm.points()
    for i in (0, 37, 99):
        run = Run(HIMMELBLAU, "sgd", starts[i], {"lr": 0.01})
        run.advance(40)
        np.testing.assert_array_equal(points[i], run.params[0])
    swarm.close()


def test_basins_six_hump_camel_has_six_minima_each_with_a_basin():
    result = gdsim.basins("six-hump-camel", "sgd", grid=60, steps=3000)
    assert len(ANALYTIC_PROBLEMS["six-hump-camel"].minima) == 6
    assert result.known == 6
    counts = result.counts
    assert np.all(counts[:6] > 0), counts
    assert counts[:6].sum() + counts[6:].sum() == 3600


def test_basins_double_well_splits_the_line_into_two_intervals():
    result = gdsim.basins("double-well", "sgd", grid=200, steps=3000)
    labels = result.label_map()[0]
    assert labels.shape == (200,)
    assert set(labels.tolist()) == {0, 1}
    # one interval each: the label changes once along x, at the local maximum of x⁴ − 3x² + x
    change = np.flatnonzero(np.diff(labels))
    assert len(change) == 1
    roots = np.roots([4.0, 0.0, -6.0, 1.0]).real
    peak = roots[np.abs(roots - 0.17) < 0.1][0]
    x = result.starts[:, 0]
    assert x[change[0]] < peak < x[change[0] + 1]
    left = (np.array(result.minima)[:, 0] < 0).nonzero()[0][0]
    assert labels[0] == left


def test_basins_of_a_typed_function_cluster_the_minima_and_find_the_saddle_stuck():
    problem = typed_function("(x^2 - 1)^2 + y^2", [[-3, 3], [-2, 2]])
    assert problem.minima == ()
    result = gdsim.basins(problem, "sgd", grid=11, steps=2000, lr=0.02)
    assert result.known == 0 and len(result.minima) == 2
    np.testing.assert_allclose(sorted(result.minima[:, 0]), [-1.0, 1.0], atol=1e-6)
    np.testing.assert_allclose(result.minima[:, 1], 0.0, atol=1e-6)
    # the column x = 0 (the 6th of 11 cells) descends to the saddle point (0, 0): stuck
    on_axis = np.flatnonzero(result.starts[:, 0] == 0.0)
    assert len(on_axis) == 11
    assert np.all(result.labels[on_axis] == STUCK_LABEL)
    left, right = result.starts[:, 0] < 0, result.starts[:, 0] > 0
    assert len(set(result.labels[left].tolist())) == 1 and len(set(result.labels[right].tolist())) == 1
    assert set(result.labels[left].tolist()) != set(result.labels[right].tolist())


def test_basins_labels_diverged_and_still_moving():
    result = gdsim.basins("himmelblau", "sgd", grid=20, steps=1000, lr=0.03)
    assert np.any(result.labels == DIVERGED_LABEL)
    slow = gdsim.basins("himmelblau", "sgd", grid=20, steps=5, lr=0.001, region=[[-1, 1], [-1, 1]])
    assert np.all(slow.labels == MOVING_LABEL)
    assert np.all(slow.steps == 5)
    assert slow.counts[-1] == 400 and slow.names[-1] == "still moving"


def test_basins_adam_still_moving_near_a_minimum_counts_as_there():
    result = gdsim.basins("himmelblau", "adam", grid=20, steps=200, lr=0.1)
    near = np.flatnonzero((np.array(result.status) == "step limit") & (result.labels >= 0))
    assert len(near)
    ends = result.end_points[near]
    minima = np.array(HIMMELBLAU.minima)[result.labels[near]]
    assert np.all(np.linalg.norm(ends - minima, axis=1) <= result.radius)


def test_basins_cloud_is_seeded_and_within_the_region():
    a = gdsim.basins("himmelblau", "sgd", cloud=500, seed=3, region=[[0, 5], [-5, 0]], steps=10)
    b = gdsim.basins("himmelblau", "sgd", cloud=500, seed=3, region=[[0, 5], [-5, 0]], steps=10)
    c = gdsim.basins("himmelblau", "sgd", cloud=500, seed=4, region=[[0, 5], [-5, 0]], steps=10)
    np.testing.assert_array_equal(a.starts, b.starts)
    assert not np.array_equal(a.starts, c.starts)
    assert a.grid is None and a.starts.shape == (500, 2)
    x, y = a.starts.T
    assert np.all((x >= 0) & (x <= 5) & (y >= -5) & (y <= 0))
    with pytest.raises(InputError, match="no map"):
        a.label_map()


def test_basins_a_dataset_model_clusters_its_end_points():
    result = gdsim.basins("linreg", "sgd", grid=10, steps=2000)
    problem = make_problem("linreg")
    assert result.known == 1 and np.all(result.labels == 0)
    np.testing.assert_allclose(result.minima[0], problem.minima[0])


@pytest.mark.parametrize("kwargs, message", [
    ({"grid": 9}, "the grid must be a whole number from 10 to 300, got 9"),
    ({"grid": 301}, "from 10 to 300"),
    ({"grid": 2.5}, "the grid must be"),
    ({"grid": 20, "cloud": 100}, "a grid or a cloud"),
    ({"cloud": 0}, "the starts of a cloud must be a whole number from 1 to 90000"),
    ({"cloud": 90_001}, "from 1 to 90000"),
    ({"region": [[5, -5], [-5, 5]]}, "low < high"),
    ({"region": [[-5, 5]]}, "2 pairs"),
    ({"region": [[-5, np.inf], [-5, 5]]}, "finite"),
    ({"steps": -1}, "steps must be a whole number from 0 to 1000000"),
    ({"radius": 0}, "the radius must be > 0"),
    ({"radius": "wide"}, "the radius must be a number"),
    ({"lr": -1}, "learning rate"),
    ({"tol": -1}, "tolerance"),
    ({"threads": 0}, "the threads"),
])
def test_basins_refuses_bad_input_saying_what_is_allowed(kwargs, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        gdsim.basins("himmelblau", "sgd", **kwargs)


def test_basins_refuses_a_problem_of_more_than_two_parameters():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 1.0]])
    with pytest.raises(InputError, match="1 or 2 parameters; 'linreg' has 3"):
        gdsim.basins("linreg", data=(X, np.array([1.0, 2.0, 3.0, 4.0])))
    with pytest.raises(InputError, match="unknown optimizer"):
        gdsim.basins("himmelblau", "adamw")


def test_basins_a_start_where_the_loss_is_undefined_diverges_at_once():
    problem = typed_function("log(x) + y^2", [[-1, 3], [-1, 1]])
    result = gdsim.basins(problem, "sgd", grid=10, steps=50, lr=0.01)
    left = result.starts[:, 0] < 0
    assert np.all(result.labels[left] == DIVERGED_LABEL) and np.all(result.steps[left] == 0)

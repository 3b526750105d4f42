"""Landscapes in stages: exact and at once where that is quick; for a large dataset a coarse grid on a
seeded subsample first, then finer and from more samples, each estimate unbiased and saying from how
many samples it comes; slices of a large dataset estimated through the exact point."""

import numpy as np
import pytest

from gdsim.engine import make_problem
from gdsim.engine.progress import Cancelled, reporting
from gdsim.model import landscape, samples
from gdsim.model.landscape import GRID, Stage


def neuron(n: int, loss: str = "sse", activation: str = "sigmoid"):
    rng = np.random.default_rng(n)
    x = rng.uniform(0, 10, n)
    y = (x + rng.normal(0, 2, n) > 5).astype(float)
    return make_problem("neuron", (x, y), activation, loss)


def test_subsamples_are_seeded_sorted_and_nested():
    small, large = samples.rows(10_000, 100), samples.rows(10_000, 1000)
    np.testing.assert_array_equal(small, samples.rows(10_000, 100))
    assert (np.diff(large) > 0).all() and set(small) <= set(large)
    np.testing.assert_array_equal(samples.rows(50, 100), np.arange(50))


@pytest.mark.parametrize("n, plan", [
    (40, [(200, 40)]),
    (1_000, [(50, 1_000), (100, 1_000), (200, 1_000)]),
    (5_000, [(50, 2_000), (100, 5_000), (200, 5_000)]),
    (20_000, [(50, 2_000), (100, 10_000), (200, 10_000), (200, 20_000)]),
    (1_000_000, [(50, 2_000), (100, 10_000), (200, 10_000), (200, 100_000)]),
])
def test_a_neurons_landscape_comes_in_stages_by_the_size_of_its_data(n, plan):
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 10, n)
    problem = make_problem("neuron", (x, (x > 5).astype(float)))
    assert [(s.grid, s.samples) for s in landscape.stages(problem)] == plan
    assert all(s.total == n for s in landscape.stages(problem))


def test_quadratic_losses_and_fixed_functions_are_exact_at_once():
    x = np.linspace(0, 1, 1_000_000)
    assert landscape.stages(make_problem("linreg", (x, 2 * x + 1))) == (Stage(GRID, 1_000_000, 1_000_000),)
    assert landscape.stages(make_problem("rosenbrock")) == (Stage(GRID, 0, 0),)


@pytest.mark.parametrize("loss", ["sse", "mse", "bce"])
def test_an_estimate_is_unbiased_the_estimates_of_a_partition_average_to_the_exact_loss(loss):
    problem = neuron(4000, loss)
    points = np.random.default_rng(2).normal(size=(7, 2))
    blocks = np.array_split(np.random.default_rng(3).permutation(4000), 4)  # sizes 1000 each
    estimates = [problem.loss_estimate(points, np.sort(rows)) for rows in blocks]
    np.testing.assert_allclose(np.mean(estimates, axis=0), problem.loss(points), rtol=1e-12)
    np.testing.assert_array_equal(problem.loss_estimate(points, np.arange(4000)), problem.loss(points))


def test_refining_ends_with_the_exact_landscape_when_the_data_allow(monkeypatch):
    monkeypatch.setattr(landscape, "LADDER", ((50, 300), (200, 300), (200, 600)))
    problem = neuron(1500)
    stages = list(landscape.refine(problem))
    assert [(s.image.shape, s.samples, s.total) for s in stages] == [
        ((50, 50), 300, 1500), ((200, 200), 300, 1500), ((200, 200), 600, 1500)]
    assert all(s.estimated for s in stages)
    monkeypatch.setattr(landscape, "LADDER", ((50, 300), (200, 1500)))
    final = list(landscape.refine(problem))[-1]
    assert not final.estimated
    np.testing.assert_array_equal(final.image, landscape.compute(problem).image)


def test_an_estimated_landscape_is_close_to_the_exact_one():
    problem = neuron(3000)
    estimated = landscape.surface(problem, Stage(60, 1000, 3000))
    exact = landscape.surface(problem, Stage(60, 3000, 3000))
    assert estimated.log_scale == exact.log_scale
    lo, hi = exact.levels
    assert np.abs(estimated.image - exact.image).max() < 0.05 * (hi - lo)  # 5 % of the colour range


def test_refining_reports_the_fraction_of_all_stages_and_stops_when_cancelled():
    problem = neuron(20_000)
    heard = []

    def stop_after_a_while(done):
        heard.append(done)
        if len(heard) == 40:
            raise Cancelled

    stages = []
    with pytest.raises(Cancelled), reporting(stop_after_a_while):
        for surface in landscape.refine(problem):
            stages.append(surface)
    assert len(stages) == 1 and stages[0].image.shape == (50, 50)  # the coarse one came first
    assert heard == sorted(heard) and heard[-1] < 0.1  # the later stages are most of the work


def test_a_slice_of_a_large_dataset_is_estimated_through_the_exact_point():
    problem = neuron(5000)
    at = np.array([0.8, -4.0])
    exact_at = float(problem.loss(at)[0])
    points = np.repeat(at[None, :], 21, axis=0)
    points[:, 0] = np.linspace(0.3, 1.3, 21)
    along, used = landscape.loss_along(problem, points, at, exact_at)
    assert used == landscape.SLICE_SAMPLES
    assert along[10] == exact_at  # points[10] is the point itself
    exact = problem.loss(points)
    assert (np.abs(along - exact) <= 0.1 * exact).all()  # 1,000 of 5,000 samples: within a few per cent
    small = neuron(500)
    along, used = landscape.loss_along(small, points, at, float(small.loss(at)[0]))
    assert used == 500
    np.testing.assert_array_equal(along, small.loss(points))  # exact for small data


def test_building_a_problem_works_out_what_the_views_ask_of_it(tmp_path):
    """The background job that reads a file builds its problem, and with it the gradient's size at
    the start and the order of the samples, so that the window's thread does not wait for them."""
    from gdsim.model import prepare
    from gdsim.model.build import build
    from gdsim.model.setup import Setup

    rng = np.random.default_rng(5)
    x = rng.uniform(0, 10, 3001)  # a count no other test uses: its order is worked out here
    path = tmp_path / "data.csv"
    path.write_text("x,y\n" + "".join(f"{a:.4f},{int(a > 5)}\n" for a in x), encoding="ascii")
    samples._permutation.cache_clear()
    problem = build(Setup(problem="neuron", data=str(path))).problem
    assert problem in prepare._norms and samples._permutation.cache_info().currsize == 1
    _, grad = problem.loss_and_grad(np.asarray(problem.start, float))
    assert prepare.gradient_norm_at_start(problem) == float(np.linalg.norm(grad)) > 0
    assert prepare.gradient_norm_at_start(make_problem("rosenbrock")) > 0


def test_a_chosen_plane_of_many_parameters_is_refined_in_stages_too(monkeypatch):
    """With more than two parameters the stages hold the others where asked, say from how many samples
    they come, and end with the exact landscape of that plane."""
    monkeypatch.setattr(landscape, "LADDER", ((40, 300), (60, 1500)))
    rng = np.random.default_rng(7)
    X = rng.uniform(0, 10, (1500, 2))
    problem = make_problem("neuron", (X, (X[:, 0] - X[:, 1] + rng.normal(0, 2, 1500) > 0).astype(float)))
    assert problem.dim == 3
    held = np.array([0.3, -0.2, 0.5])
    stages = list(landscape.refine(problem, plane=(1, 2), held=held))
    assert [(s.image.shape, s.samples, s.plane, s.held) for s in stages] == [
        ((40, 40), 300, (1, 2), tuple(held)), ((60, 60), 1500, (1, 2), tuple(held))]
    coarse, final = stages
    assert coarse.estimated and not final.estimated
    # a grid point's loss is the problem's at the held point with w2 and b there: exact, or estimated
    point = held.copy()
    point[1], point[2] = final.x[10], final.y[20]
    assert final.loss_of(final.image[10, 20]) == pytest.approx(problem.loss(point)[0], rel=1e-4)
    point[1], point[2] = coarse.x[10], coarse.y[20]
    estimate = problem.loss_estimate(point[None, :], samples.rows(1500, 300))[0]
    assert coarse.loss_of(coarse.image[10, 20]) == pytest.approx(estimate, rel=1e-4)
    np.testing.assert_array_equal(final.image, landscape.compute(problem, 60, plane=(1, 2), held=held).image)
    # another plane, or none chosen: the first weight and the bias; a held point not finite: nothing
    assert list(landscape.refine(problem, plane=(1, 1), held=held))[-1].plane == (0, 2)
    assert list(landscape.refine(problem, held=[np.nan, 0, 0])) == []

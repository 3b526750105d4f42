"""Several runs stepped side by side (advance_together) give each run the numbers it gets alone."""

import numpy as np
import pytest

from gdsim import InputError
from gdsim.engine import OPTIMIZERS, Run, make_problem
from gdsim.engine.run import advance_together
from gdsim.engine.schedules import Schedule
from gdsim.model.build import build
from gdsim.model.lessons import shipped_lessons


def assert_same_run(a: Run, b: Run) -> None:
    """Bit for bit: the record, the statuses and stopping rows, the point, the optimizer's state and
    the step about to be taken."""
    ha, hb = a.history(), b.history()
    for name in ("step", "params", "loss", "grad_norm"):
        np.testing.assert_array_equal(getattr(ha, name), getattr(hb, name), err_msg=name)
    assert (a.step, a.status_names, a.stopped_at.tolist()) == (b.step, b.status_names, b.stopped_at.tolist())
    np.testing.assert_array_equal(a.params, b.params)
    assert a.state.step == b.state.step and a.state.scalars == b.state.scalars
    for name, buf in a.state.buffers.items():
        np.testing.assert_array_equal(buf, b.state.buffers[name], err_msg=name)
    np.testing.assert_array_equal(a.next_update().params, b.next_update().params)


def lesson(number: int):
    return next(lesson for lesson in shipped_lessons() if lesson.number == number)


@pytest.mark.parametrize("chunks", [[5000], [1, 2, 3, 64, 65, 777, 5000], [37] * 140])
def test_lesson_8_side_by_side_equals_each_run_alone(chunks):
    # seven optimizers on Beale's function: four converge at their own steps inside blocks, two are
    # held at the step limit
    alone, together = build(lesson(10).setup).runs, build(lesson(10).setup).runs
    for n in chunks:
        steps = max(run.advance(n) for run in alone)
        assert advance_together(together, n) == steps
    for a, b in zip(alone, together, strict=True):
        assert_same_run(a, b)
    assert [run.status_names[0] for run in together] == lesson(10).expect["status"]
    assert [int(run.stopped_at[0]) for run in together] == lesson(10).expect["stopped_at"]


@pytest.mark.parametrize("problem", ["rosenbrock", "rastrigin", "himmelblau", "double-well"])
def test_every_optimizer_side_by_side_with_several_starts_equals_each_alone(problem):
    # several starts per run, stopping (converging, diverging) at different rows, and runs with other
    # step limits: each gets the numbers it gets alone
    p = make_problem(problem)
    rng = np.random.default_rng(7)
    (lo, hi), *rest = p.domain
    starts = rng.uniform(lo, hi, size=(3, p.dim))

    def runs():
        return [Run(p, name, starts, {"lr": 0.3} if i % 3 == 0 else None, tol=1e-2,
                    step_limit=None if i % 4 else 150 + i)
                for i, name in enumerate(OPTIMIZERS)]

    alone, together = runs(), runs()
    for n in (1, 50, 200, 13, 400):
        steps = max(run.advance(n) for run in alone)
        assert advance_together(together, n) == steps
    for a, b in zip(alone, together, strict=True):
        assert_same_run(a, b)
    assert {s for run in together for s in run.status_names} >= {"converged", "step limit"}


def test_runs_that_cannot_share_an_evaluation_step_alone_with_their_own_numbers():
    # a dataset model (its sums over the samples may be ordered otherwise for more rows), mini-batches,
    # and a run of another problem among them
    setup = lesson(4).setup  # the sigmoid neuron on its data
    neuron = build(setup).problem
    parabola = make_problem("parabola")

    def runs():
        return [Run(neuron, "sgd", [0.5, -1.0]), Run(neuron, "adam", [0.5, -1.0]),
                Run(neuron, "momentum", [0.5, -1.0], batch_size=5, seed=3), Run(parabola, "sgd", [2.0])]

    alone, together = runs(), runs()
    for n in (10, 64, 300):
        assert advance_together(together, n) == max(run.advance(n) for run in alone)
    for a, b in zip(alone, together, strict=True):
        assert_same_run(a, b)


def test_a_run_revived_by_a_new_problem_goes_on_side_by_side_from_its_own_step():
    # Rosenbrock, then Beale over the same (x, y): a run that converged on the first goes on from its
    # own (earlier) step, beside one that never stopped
    rosenbrock, beale = make_problem("rosenbrock"), make_problem("beale")

    def runs():
        return [Run(rosenbrock, "sgd", [1.0, 1.0], step_limit=400), Run(rosenbrock, "adam", [-1.0, 1.5],
                                                                        {"lr": 0.01}, step_limit=400)]

    alone, together = runs(), runs()
    for group in (alone, together):
        advance_together(group, 100) if group is together else [run.advance(100) for run in group]
        assert group[0].status_names == ["converged"]  # (1, 1) is Rosenbrock's minimum
        assert (group[0].step, group[1].step) == (0, 100)
        for run in group:
            run.switch_problem(beale)
    for n in (50, 500):
        assert advance_together(together, n) == max(run.advance(n) for run in alone)
    for a, b in zip(alone, together, strict=True):
        assert_same_run(a, b)
    assert together[0].status_names != ["converged"]  # it went on, on Beale's function


def test_advance_together_refuses_a_bad_number_of_steps():
    runs = build(lesson(10).setup).runs
    with pytest.raises(InputError, match="number of steps"):
        advance_together(runs, -1)
    assert all(run.step == 0 for run in runs)


@pytest.mark.parametrize("problem", ["parabola", "rosenbrock", "beale"])
def test_scheduled_runs_side_by_side_equal_each_alone(problem):
    # each run its own schedule (and one without), changed mid-run along with lr; starts that stop
    # inside a block are replayed with their own η per update
    p = make_problem(problem)
    starts = np.random.default_rng(3).uniform(*p.domain[0], size=(3, p.dim))
    schedules = [None, "step", "exponential", "inverse-time", "cosine", "cosine"]
    names = ["sgd", "momentum", "nesterov", "adam", "rmsprop", "adagrad"]

    def runs():
        made = [Run(p, name, starts, {"lr": 0.002 if problem != "parabola" else 0.3}, tol=1e-3,
                    schedule=schedule) for name, schedule in zip(names, schedules, strict=True)]
        made[5].set_schedule(Schedule("cosine", decay_steps=200, warmup=20))
        return made

    alone, together = runs(), runs()
    for n in (1, 70, 130):
        assert advance_together(together, n) == max(run.advance(n) for run in alone)
    for group in (alone, together):
        group[1].set_hyperparameter("lr", 0.001)
        group[2].set_schedule("exponential")
    for n in (300, 9):
        assert advance_together(together, n) == max(run.advance(n) for run in alone)
    for a, b in zip(alone, together, strict=True):
        assert_same_run(a, b)
        np.testing.assert_array_equal(a.lr_at(np.arange(1, a.step + 2)), b.lr_at(np.arange(1, b.step + 2)))
    # the schedules did change η, so this compared scheduled steps
    assert together[4].lr_at(150) < together[4].lr_at(1)


def test_mini_batch_runs_with_schedules_side_by_side_equal_each_alone():
    neuron = build(lesson(4).setup).problem

    def runs():
        return [Run(neuron, "sgd", [0.5, -1.0], {"lr": 0.5}, schedule="inverse-time", batch_size=1, seed=2),
                Run(neuron, "momentum", [0.5, -1.0], schedule="cosine", batch_size=4, seed=0),
                Run(neuron, "sgd", [0.5, -1.0], {"lr": 0.5}, schedule="step")]

    alone, together = runs(), runs()
    for n in (5, 200, 77):
        assert advance_together(together, n) == max(run.advance(n) for run in alone)
    for a, b in zip(alone, together, strict=True):
        assert_same_run(a, b)

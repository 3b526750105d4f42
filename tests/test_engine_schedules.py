"""Learning-rate schedules: each factor λ(t) against its formula, worked examples, the η of every
single update of a run (also inside the engine's blocks), every optimizer, changes mid-run and bad
input."""

import math

import numpy as np
import pytest

import gdsim
from gdsim import InputError, Schedule
from gdsim.engine import ANALYTIC_PROBLEMS, OPTIMIZERS, SCHEDULES, Run, make_problem
from gdsim.engine.optimizers import coefficients
from gdsim.engine.workspace import Workspace, column_major

from tolerance import TRANSCENDENTAL_ULPS, ulps

PARABOLA = ANALYTIC_PROBLEMS["parabola"]
ROSENBROCK = ANALYTIC_PROBLEMS["rosenbrock"]


def formula(name: str, t: int, p: dict) -> float:
    """λ(t) written out from the docs with Python's math module, one update at a time."""
    w = p["warmup"]
    if w and t <= w:
        return t / w
    s = t - w - 1
    if name == "constant":
        return 1.0
    if name == "step":
        return p["gamma"] ** (s // p["decay_steps"])
    if name == "exponential":
        return p["gamma"] ** s
    if name == "inverse-time":
        return 1.0 / (1.0 + p["decay"] * s)
    if name == "cosine":
        T, floor = p["decay_steps"], p["floor"]
        return floor + (1.0 - floor) * 0.5 * (1.0 + math.cos(math.pi * min(s, T) / T))
    raise AssertionError(name)


CASES = [
    Schedule("constant"),
    Schedule("constant", warmup=5),
    Schedule("step", decay_steps=7, gamma=0.3),
    Schedule("step", decay_steps=1, gamma=0.9, warmup=3),
    Schedule("exponential", gamma=0.97),
    Schedule("exponential", gamma=0.5, warmup=10),
    Schedule("inverse-time", decay=0.25),
    Schedule("inverse-time", decay=0.0, warmup=2),
    Schedule("cosine", decay_steps=40),
    Schedule("cosine", decay_steps=25, floor=0.1, warmup=8),
]


@pytest.mark.parametrize("schedule", CASES, ids=str)
def test_schedule_factor_equals_its_formula(schedule):
    t = np.arange(1, 121)
    got = schedule(t)
    expected = np.array([formula(schedule.name, int(i), schedule.parameters) for i in t])
    # pow and cos within TRANSCENDENTAL_ULPS on either side (numpy's against libm's), and up to 4
    # roundings of the sums and products around them, of numbers at most 1.
    np.testing.assert_allclose(got, expected, rtol=0, atol=ulps(2 * TRANSCENDENTAL_ULPS + 8))
    assert schedule(7) == got[6]  # one update alone: the same number as among many


def test_schedule_worked_examples():
    # Values a teacher can check by hand.
    assert Schedule("step", decay_steps=3, gamma=0.5)(np.arange(1, 11)).tolist() == \
        [1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125]
    assert Schedule("exponential", gamma=0.5)(np.arange(1, 5)).tolist() == [1, 0.5, 0.25, 0.125]
    assert Schedule("inverse-time", decay=1.0)(np.arange(1, 5)).tolist() == [1, 1 / 2, 1 / 3, 1 / 4]
    # Warm-up over 4 updates reaches lr at update 4; the schedule then starts afresh at update 5.
    assert Schedule("step", decay_steps=2, gamma=0.5, warmup=4)(np.arange(1, 10)).tolist() == \
        [0.25, 0.5, 0.75, 1, 1, 1, 0.5, 0.5, 0.25]
    cosine = Schedule("cosine", decay_steps=4, floor=0.2)(np.arange(1, 9))
    assert cosine[0] == 1.0 and cosine[2] == pytest.approx(0.6, abs=ulps(4))  # halfway: (1 + φ)/2
    assert cosine[4:].tolist() == [0.2] * 4  # at the floor from update T + 1 on, and held there


def test_schedule_every_kind_is_listed_and_starts_at_one():
    assert set(SCHEDULES) == {"constant", "step", "exponential", "inverse-time", "cosine"}
    for name in SCHEDULES:
        assert Schedule(name)(1) == 1.0
    assert Schedule("constant").is_constant and not Schedule("constant", warmup=2).is_constant


def test_schedule_is_immutable_data():
    a = Schedule("cosine", decay_steps=100, warmup=10)
    assert a == Schedule("cosine", warmup=10.0, decay_steps=100) and hash(a) == hash(Schedule(
        "cosine", decay_steps=100, warmup=10))
    assert a != Schedule("cosine", decay_steps=100)
    assert a.parameters == {"decay_steps": 100, "floor": 0.0, "warmup": 10}
    assert isinstance(a.parameters["warmup"], int)
    with pytest.raises(AttributeError):
        a.name = "step"
    assert eval(repr(a), {"Schedule": Schedule}) == a
    assert str(a) == "cosine(decay_steps=100, floor=0, warmup=10)"


@pytest.mark.parametrize(("name", "settings", "says"), [
    ("linear", {}, "unknown schedule 'linear'; choose one of: constant, step, exponential, inverse-time, "
                   "cosine"),
    (None, {}, "unknown schedule None"),
    ("step", {"step_size": 3}, "the schedule step has no parameter 'step_size'; its parameters are: "
                               "decay_steps, gamma, warmup"),
    ("constant", {"gamma": 0.5}, "the schedule constant has no parameter 'gamma'; its parameters are: "
                                 "warmup"),
    ("step", {"gamma": 0}, "gamma must be in (0, 1], got 0"),
    ("exponential", {"gamma": 1.5}, "gamma must be in (0, 1], got 1.5"),
    ("exponential", {"gamma": "half"}, "gamma must be a number, got 'half'"),
    ("exponential", {"gamma": True}, "gamma must be a number"),
    ("inverse-time", {"decay": -0.1}, "decay must be in [0, ∞), got -0.1"),
    ("inverse-time", {"decay": math.inf}, "decay must be a finite number"),
    ("cosine", {"floor": 1.5}, "floor must be in [0, 1], got 1.5"),
    ("cosine", {"decay_steps": 0}, "decay_steps must be a whole number from 1 to 1000000000, got 0"),
    ("cosine", {"decay_steps": 2.5}, "decay_steps must be a whole number from 1"),
    ("step", {"decay_steps": "ten"}, "decay_steps must be a whole number from 1"),
    ("step", {"warmup": -1}, "warmup must be a whole number from 0 to 1000000000, got -1"),
    ("step", {"warmup": 10**10}, "warmup must be a whole number from 0"),
])
def test_schedule_bad_input_says_what_is_allowed(name, settings, says):
    with pytest.raises(InputError) as e:
        Schedule(name, **settings)
    assert says in str(e.value)


def test_schedule_whole_numbers_may_be_written_as_text_or_floats():
    # The command line hands over text; a TOML or JSON file may hold 100.0.
    assert Schedule("step", decay_steps="10", warmup=" 3 ") == Schedule("step", decay_steps=10.0, warmup=3)


# --- runs with a schedule ----------------------------------------------------------------------


def stepped_by_hand(problem, optimizer: str, start, steps: int, hp: dict, etas) -> np.ndarray:
    """The run written as the plain loop: evaluate, Optimizer.update with lr = ηₜ, one update at a time."""
    opt = OPTIMIZERS[optimizer]
    p = column_major(1, problem.dim)
    p[...] = start
    grad, loss = column_major(1, problem.dim), np.empty(1)
    ws = Workspace()
    state = opt.init(p)
    rows = [p.copy()]
    for t in range(1, steps + 1):
        problem.kernel(p, loss, grad, ws)
        opt.update(grad, state, p, coefficients({**hp, "lr": etas[t - 1]}), ws)
        rows.append(p.copy())
    return np.array(rows)


@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
def test_run_uses_the_schedules_eta_at_every_single_update(optimizer):
    # 300 updates: several of the engine's blocks of 64, with the warm-up ending and the decay
    # stepping inside blocks. The run must equal the plain loop bit for bit.
    opt = OPTIMIZERS[optimizer]
    lr = {"plain": 0.001, "unit": 1.0}.get(opt.lr_kind, 0.01)
    schedule = Schedule("step", decay_steps=37, gamma=0.7, warmup=21)
    sim = gdsim.simulate("rosenbrock", optimizer, [-1.2, 1.0], 300, lr=lr, schedule=schedule, tol=0)
    hp = opt.resolve(lr)
    etas = [lr * schedule(t) for t in range(1, 301)]
    np.testing.assert_array_equal(sim.lr[1:], etas)
    expected = stepped_by_hand(ROSENBROCK, optimizer, [-1.2, 1.0], 300, hp, etas)
    np.testing.assert_array_equal(sim.params[:, 0], expected[:, 0])
    # ...and differs from the run without the schedule.
    plain = gdsim.simulate("rosenbrock", optimizer, [-1.2, 1.0], 300, lr=lr, tol=0)
    assert np.abs(plain.params[-1] - sim.params[-1]).max() > 1e-6


def test_run_schedule_does_not_depend_on_how_the_steps_are_taken():
    schedule = Schedule("cosine", decay_steps=150, floor=0.05, warmup=13)
    whole = Run(ROSENBROCK, "adam", [-1.2, 1.0], {"lr": 0.05}, schedule=schedule, tol=0)
    whole.advance(400)
    piecemeal = Run(ROSENBROCK, "adam", [-1.2, 1.0], {"lr": 0.05}, schedule=schedule, tol=0)
    for n in [1, 5, 63, 64, 65, 2, 200]:
        assert piecemeal.next_update().lr == piecemeal.lr_at(piecemeal.step + 1) == piecemeal.current_lr
        piecemeal.advance(n)
    np.testing.assert_array_equal(whole.history().params, piecemeal.history().params)
    # K starts at once (other block lengths) give each start's numbers alone.
    starts = [[-1.2, 1.0], [0.5, 0.5], [2.0, -1.0]]
    together = gdsim.simulate("rosenbrock", "adam", starts, 400, lr=0.05, schedule=schedule, tol=0)
    for i, s in enumerate(starts):
        alone = gdsim.simulate("rosenbrock", "adam", [s], 400, lr=0.05, schedule=schedule, tol=0)
        np.testing.assert_array_equal(together.params[:, i], alone.params[:, 0])


def test_run_next_update_uses_the_next_eta():
    # Plain descent on x²: x ← x − ηₜ·2x, so the next point tells the η used.
    run = Run(PARABOLA, "sgd", [2.0], {"lr": 0.4}, schedule=Schedule("exponential", gamma=0.5))
    run.advance(3)
    update = run.next_update()
    assert update.lr == 0.4 * 0.5**3 == run.current_lr
    x = run.params[0, 0]
    assert update.params[0, 0] == x - update.lr * (2 * x)
    run.advance(1)
    assert run.params[0, 0] == update.params[0, 0]


def test_a_constant_schedule_is_the_run_without_one():
    for schedule in [None, "constant", Schedule("constant")]:
        sim = gdsim.simulate("rosenbrock", "momentum", [-1.2, 1.0], 200, lr=0.001, schedule=schedule)
        plain = gdsim.simulate("rosenbrock", "momentum", [-1.2, 1.0], 200, lr=0.001)
        np.testing.assert_array_equal(sim.params, plain.params)
        assert np.isnan(sim.lr[0]) and np.all(sim.lr[1:] == 0.001)
    assert gdsim.simulate("parabola", "sgd", schedule="cosine").schedule == Schedule("cosine")


def test_lr_at_remembers_changes_of_lr_and_schedule():
    run = Run(PARABOLA, "sgd", [2.0], {"lr": 0.1}, tol=0)
    run.advance(10)
    run.set_hyperparameter("lr", 0.2)
    run.advance(5)
    run.set_schedule(Schedule("step", decay_steps=2, gamma=0.5))
    run.advance(4)
    run.set_schedule(None)
    assert run.lr_at(np.arange(1, 22)).tolist() == [0.1] * 10 + [0.2] * 5 + [
        0.2 * 0.5**7, 0.2 * 0.5**8, 0.2 * 0.5**8, 0.2 * 0.5**9] + [0.2] * 2
    # The schedule counts the run's own t: update 16 is s = 15, so ⌊15/2⌋ = 7 halvings.
    assert run.current_lr == 0.2 and run.lr_at(19) == 0.2 * 0.5**9 and run.lr_at(20) == 0.2
    # Changed twice before any step: only the last counts.
    run.set_hyperparameter("lr", 0.3)
    run.set_hyperparameter("lr", 0.25)
    assert run.current_lr == 0.25 and run.lr_at(19) == 0.2 * 0.5**9


def test_lr_at_after_a_revived_run_goes_back():
    # Every start converged, then a new problem revives them: the run goes back to the last row any
    # start reached, and the η of the updates from there is the current one.
    run = Run(PARABOLA, "sgd", [2.0], {"lr": 0.3}, schedule=Schedule("exponential", gamma=0.99))
    run.advance(100)
    stop = int(run.stopped_at[0])
    run.set_hyperparameter("lr", 0.1)  # after the run stopped: applies from update run.step + 1
    run.switch_problem(ANALYTIC_PROBLEMS["double-well"])
    assert run.step == stop
    assert run.lr_at(stop) == 0.3 * 0.99 ** (stop - 1)
    assert run.current_lr == 0.1 * 0.99**stop


def test_schedule_with_a_start_that_stops_inside_a_block_keeps_its_exact_state():
    # Replaying a block for a start that converged in it must use the schedule's η too: the revived
    # start then goes on exactly like a run stepped up to that row.
    schedule = Schedule("inverse-time", decay=0.01, warmup=5)
    run = Run(ROSENBROCK, "momentum", [-1.2, 1.0], {"lr": 0.001}, schedule=schedule, tol=0.5,
              step_limit=5000)
    run.advance(5000)
    stop = int(run.stopped_at[0])
    assert run.status_names == ["converged"] and stop % 64 not in (0, 63) and run.step > stop
    same = Run(ROSENBROCK, "momentum", [-1.2, 1.0], {"lr": 0.001}, schedule=schedule, tol=0.0,
               step_limit=stop)
    same.advance(stop)
    same.tol = 0.5
    beale = ANALYTIC_PROBLEMS["beale"]
    run.switch_problem(beale)
    same.switch_problem(beale)
    np.testing.assert_array_equal(run.state.buffers["b"], same.state.buffers["b"])
    for r in (run, same):
        r.set_step_limit(stop + 100)
        r.advance(100)
    np.testing.assert_array_equal(run.history().params, same.history().params)


def test_schedule_with_mini_batches():
    kw = {"data": "pass-fail", "activation": "sigmoid", "loss": "mse", "batch_size": 8, "seed": 2, "tol": 0}
    schedule = Schedule("exponential", gamma=0.995, warmup=10)
    sim = gdsim.simulate("neuron", "sgd", [0.0, 0.0], 150, lr=0.5, schedule=schedule, **kw)
    run = Run(make_problem("neuron", "pass-fail", "sigmoid", "mse"), "sgd", [0.0, 0.0], {"lr": 0.5},
              schedule=schedule, batch_size=8, seed=2, tol=0)
    for _ in range(150):
        run.advance(1)
    np.testing.assert_array_equal(run.history().params, sim.params)


@pytest.mark.parametrize("t", [0, -1, 1.5, np.array([1, 0]), "3"])
def test_lr_at_refuses_what_is_no_update(t):
    run = Run(PARABOLA, "sgd", [2.0])
    with pytest.raises(InputError, match="lr_at needs update numbers t ≥ 1"):
        run.lr_at(t)


def test_run_bad_schedule_changes_nothing():
    run = Run(PARABOLA, "sgd", [2.0], {"lr": 0.1}, schedule="cosine")
    run.advance(3)
    with pytest.raises(InputError, match="unknown schedule 'cosinus'"):
        run.set_schedule("cosinus")
    assert run.schedule == Schedule("cosine") and run.current_lr == 0.1 * Schedule("cosine")(4)
    with pytest.raises(InputError, match="unknown schedule 'warm'"):
        Run(PARABOLA, "sgd", [2.0], schedule="warm")
    with pytest.raises(InputError, match="unknown schedule"):
        gdsim.simulate("parabola", "sgd", schedule=["cosine"])

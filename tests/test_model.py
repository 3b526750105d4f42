"""The window's model without Qt: a setup's transitions and what they keep, building a setup once into
its problem and runs, and the snapshots taken of the runs."""

import numpy as np
import pytest

from gdsim.engine import CONVERGED, STEP_LIMIT, InputError, Run, Schedule, make_problem
from gdsim.engine.run import Batches
from gdsim.model import snapshot
from gdsim.model.build import build, check, problem_on_the_same_data
from gdsim.model.setup import MAX_CONTENDERS, Contender, Setup, setup_from_dict, setup_to_dict

# --- transitions ------------------------------------------------------------------------------------


def test_setup_another_dataset_model_keeps_the_data_and_the_loss():
    neuron = Setup("neuron", data="line", activation="tanh", loss="mse", start=(1.0, 2.0),
                   contenders=(Contender("adam", {"lr": 0.3, "beta1": 0.8}),))
    linreg = neuron.with_problem("linreg")
    assert (linreg.problem, linreg.data, linreg.loss, linreg.activation) == ("linreg", "line", "mse", None)
    assert linreg.start is None  # the new problem's own start
    assert linreg.contenders == (Contender("adam", {"beta1": 0.8}),)  # η is the new problem's
    back = linreg.with_problem("neuron")
    assert (back.data, back.loss, back.activation) == ("line", "mse", None)


def test_setup_a_fixed_function_drops_the_data_loss_and_activation():
    neuron = Setup("neuron", data="line", activation="tanh", loss="mse")
    parabola = neuron.with_problem("parabola")
    assert (parabola.data, parabola.loss, parabola.activation) == (None, None, None)
    assert parabola.with_problem("neuron").data is None  # from a fixed function: the default data


def test_setup_new_data_starts_from_the_problems_own_start():
    setup = Setup("linreg", start=(0.5, 0.5)).with_data("pass-fail")
    assert (setup.data, setup.start) == ("pass-fail", None)


def test_setup_contenders_keep_the_runs_of_optimizers_still_ticked():
    race = Setup(contenders=(Contender("sgd", {"lr": 0.02}), Contender("sgd", {"lr": 1.1}),
                             Contender("adam", {"lr": 0.1})))
    kept = race.with_contenders(["sgd", "momentum"])
    assert kept.contenders == (Contender("sgd", {"lr": 0.02}), Contender("sgd", {"lr": 1.1}),
                               Contender("momentum"))
    with pytest.raises(InputError, match="choose at least one optimizer"):
        race.with_contenders([])


def test_setup_the_watched_run_stays_watched_while_it_runs():
    race = Setup(contenders=(Contender("sgd", {"lr": 0.02}), Contender("sgd", {"lr": 1.1}),
                             Contender("adam")), watched=2)
    assert race.with_contenders(["adam", "momentum"]).watched == 0  # Adam, now first
    assert race.with_contenders(["sgd", "adam", "nadam"]).watched == 2
    assert race.with_contenders(["sgd"]).watched == 1  # Adam has gone: the nearest run that is left
    assert race.with_watched(1).with_contenders(["adam"]).watched == 0
    assert race.with_problem("ravine").with_hyperparameter(0, "lr", 0.5).watched == 2
    with pytest.raises(ValueError, match="watched must index one of the 3 contenders, got 3"):
        race.with_watched(3)


def test_setup_values_are_checked_by_the_engines_rules():
    setup = Setup(contenders=(Contender("sgd"), Contender("adam")))
    changed = setup.with_hyperparameter(1, "beta1", "0.5")
    assert changed.contenders[1].hyperparameters == {"beta1": 0.5}
    assert setup.contenders[1].hyperparameters == {}  # a transition makes a new setup
    with pytest.raises(InputError, match=r"beta1 must be in \[0, 1\)"):
        setup.with_hyperparameter(1, "beta1", 1.0)
    with pytest.raises(InputError, match="has no hyperparameter 'beta1'"):
        setup.with_hyperparameter(0, "beta1", 0.5)
    with pytest.raises(InputError, match="the tolerance must be ≥ 0"):
        setup.with_tolerance(-1)
    with pytest.raises(InputError, match="step limit must be a whole number from 1 to 1,000,000,000, got 0"):
        setup.with_step_limit(0)
    with pytest.raises(InputError, match="whole number from 1 to 1,000,000,000, got 2.5"):
        setup.with_step_limit(2.5)
    with pytest.raises(InputError, match="step limit must be a whole number from 1 to 1,000,000,000, got 10"):
        setup.with_step_limit(10**9 + 1)
    assert (setup.with_step_limit(3.0).step_limit, setup.with_tolerance("0").tol) == (3, 0.0)
    assert setup.with_start([1, 2]).start == (1.0, 2.0) and setup.with_start(None).start is None


def test_setup_survives_a_round_trip_through_a_dict():
    setup = Setup("himmelblau", contenders=(Contender("sgd"), Contender("adam", {"lr": 0.02})),
                  start=(1.5, -2.0), speed=None, step_limit=500, tol=0.0, watched=1)
    assert setup_from_dict(setup_to_dict(setup)) == setup


def test_setup_each_contender_keeps_its_schedule_and_its_batches_while_the_data_stays():
    cosine = Schedule("cosine", decay_steps=30, warmup=3)
    setup = Setup("neuron", data="pass-fail", contenders=(
        Contender("sgd", {"lr": 0.5}, cosine, 4, 2), Contender("adam", {"lr": 0.1})))
    linreg = setup.with_problem("linreg").with_hyperparameter(0, "lr", 0.2)
    assert linreg.contenders[0] == Contender("sgd", {"lr": 0.2}, cosine, 4, 2)
    assert setup.with_activation("tanh").keeping_lr(build(setup).problem).contenders[0].schedule == cosine
    parabola = setup.with_problem("parabola")  # no data: no mini-batches, the schedule stays
    assert parabola.contenders[0] == Contender("sgd", {}, cosine, None, 0)
    assert setup_from_dict(setup_to_dict(setup)) == setup


def test_setup_with_schedule_and_with_batches_change_one_contender():
    setup = Setup("linreg", contenders=(Contender("sgd"), Contender("sgd")))
    decayed = setup.with_schedule(1, "exponential").with_batches(0, 1, seed=9)
    assert decayed.contenders == (Contender("sgd", {}, None, 1, 9),
                                  Contender("sgd", {}, Schedule("exponential")))
    assert decayed.with_schedule(1, None).with_batches(0, None).contenders == setup.contenders
    with pytest.raises(InputError, match="unknown schedule 'cos'"):
        setup.with_schedule(0, "cos")
    with pytest.raises(InputError, match="the batch size must be a whole number ≥ 1, got 0"):
        setup.with_batches(0, 0)
    with pytest.raises(InputError, match="the seed must be a whole number ≥ 0"):
        setup.with_batches(0, 2, seed=-1)


# --- building -----------------------------------------------------------------------------------------


def test_build_gives_the_problem_and_one_run_per_contender_from_one_start():
    setup = Setup("ravine", contenders=(Contender("sgd"), Contender("momentum", {"lr": 0.01})),
                  start=(-9.0, 2.0), step_limit=7, tol=1e-3)
    built = build(setup)
    assert built.setup is setup and built.problem.name == "ravine"
    assert [run.optimizer.name for run in built.runs] == ["sgd", "momentum"]
    assert all(run.problem is built.problem for run in built.runs)
    for run in built.runs:
        assert run.params.tolist() == [[-9.0, 2.0]]
        assert (run.step_limit, run.tol) == (7, 1e-3)
    assert built.runs[1].hyperparameters["lr"] == 0.01


def test_build_gives_each_run_its_contenders_schedule_and_batches():
    step = Schedule("step", decay_steps=5, gamma=0.5)
    built = build(Setup("neuron", data="pass-fail", contenders=(
        Contender("sgd", {"lr": 0.5}, step, 1, 3), Contender("sgd", {"lr": 0.5}))))
    noisy, full = built.runs
    assert (noisy.schedule, noisy.batch_size, noisy.seed) == (step, 1, 3)
    assert (full.schedule, full.batch_size) == (None, None)
    for run in built.runs:
        run.advance(20)
    assert noisy.lr_at(20) == 0.5 * 0.5**3 and full.lr_at(20) == 0.5
    assert not np.array_equal(noisy.params, full.params)  # one sample a step is another path
    with pytest.raises(InputError, match="the batch size must be a whole number from 1 to 40, got 41"):
        build(Setup("neuron", data="pass-fail", contenders=(Contender("sgd", {}, None, 41),)))


def test_snapshot_carries_eta_per_step_and_nesterovs_look_ahead():
    built = build(Setup("ravine", contenders=(
        Contender("sgd", {"lr": 0.04}, Schedule("step", decay_steps=2, gamma=0.5, warmup=2)),
        Contender("nesterov", {"lr": 0.04})), start=(-9.0, 2.0), step_limit=100, tol=0.0))
    for run in built.runs:
        run.advance(6)
    starts = built.setup.starts_of(built.problem)
    decayed, nesterov = snapshot.take(built.runs, 0, False, 100, starts, 0).tracks
    assert decayed.history_step.tolist() == list(range(7))
    assert decayed.history_lr.tolist() == [0.02, 0.02, 0.04, 0.04, 0.04, 0.02, 0.02]  # row 0: η₁
    assert decayed.lr == 0.01 and decayed.lookahead is None
    assert nesterov.history_lr.tolist() == [0.04] * 7 and nesterov.lr == 0.04
    points = nesterov.lookahead
    np.testing.assert_array_equal(points.lookahead, nesterov.params)
    np.testing.assert_array_equal(points.position, nesterov.params + 0.9 * points.velocity)
    assert points.position.shape == (2,) and np.abs(points.velocity).max() > 0


def test_build_refuses_what_the_engine_refuses():
    with pytest.raises(InputError, match="a start with 1 number does not fit"):
        build(Setup("ravine", start=(1.0,)))
    with pytest.raises(InputError, match="unknown problem"):
        check(Setup("nope"))
    with pytest.raises(InputError, match="needs an activation whose output lies in"):
        check(Setup("neuron", activation="tanh", loss="bce"))
    assert check(Setup("neuron")).name == "neuron"


def test_build_on_a_problem_built_before_reads_no_data_again(tmp_path):
    csv = tmp_path / "points.csv"
    csv.write_text("x,y\n0,1\n1,3\n2,5.5\n", encoding="utf-8")
    setup = Setup("linreg", data=str(csv))
    first = build(setup)
    csv.unlink()
    again = build(setup.with_start((0.0, 0.0)), first.problem)
    assert again.problem is first.problem and again.problem.dataset.y.tolist() == [1.0, 3.0, 5.5]
    with pytest.raises(InputError, match="points.csv"):
        build(setup)  # without the problem, the data is read: it is gone


def test_runs_built_hold_at_the_step_limit_and_go_on_when_it_is_raised():
    run = build(Setup(step_limit=3, tol=0.0)).runs[0]
    run.advance(100)
    assert (run.step, run.status[0]) == (3, STEP_LIMIT)
    run.set_step_limit(5)
    assert run.running
    run.advance(100)
    assert (run.step, run.status[0]) == (5, STEP_LIMIT)


# --- snapshots ----------------------------------------------------------------------------------------


def test_snapshot_carries_the_problem_the_start_and_each_runs_state():
    built = build(Setup(contenders=(Contender("sgd", {"lr": 0.5}), Contender("sgd", {"lr": 0.1})),
                        start=(2.0,), step_limit=4))
    for run in built.runs:
        run.advance(10)
    snap = snapshot.take(built.runs, generation=3, playing=False, max_rows=100,
                         starts=built.setup.starts_of(built.problem), watched=1)
    assert snap.problem is built.problem and snap.start == (2.0,) and snap.generation == 3
    converged, held = snap.tracks
    assert (converged.status, converged.step, converged.stopped_at) == ("converged", 1, 1)
    assert built.runs[0].status[0] == CONVERGED
    assert (held.status, held.step) == ("step limit", 4)
    np.testing.assert_allclose(held.params, [2.0 * 0.8**4], rtol=1e-15)
    assert held.history_step.tolist() == [0, 1, 2, 3, 4]
    assert snap.finished and snap.lead is converged and snap.watched_track is held
    snap.tracks[1].params[0] = 99.0  # a copy: the run is untouched
    assert built.runs[1].params[0, 0] != 99.0


def _diverging_after(setup: Setup, steps: int) -> list[bool]:
    built = build(setup)
    for run in built.runs:
        run.advance(steps)
    starts = built.setup.starts_of(built.problem)
    return [t.diverging for t in snapshot.take(built.runs, 0, True, 1000, starts, 0).tracks]


def test_snapshot_warns_of_divergence_once_the_loss_has_grown_a_thousandfold():
    # x ← (1 − 2η)x on x²: the loss 4·1.44ⁿ at η = 1.1 passes 1000 × 4 at step 19 (4·1.44¹⁸ ≈ 2826)
    race = Setup(contenders=(Contender("sgd", {"lr": 1.1}), Contender("sgd", {"lr": 1.0}),
                             Contender("sgd", {"lr": 0.3})), start=(2.0,))
    assert _diverging_after(race, 18) == [False, False, False]
    assert _diverging_after(race, 19) == [True, False, False]  # long before 10¹⁰⁰, at step 628
    assert _diverging_after(race, 400) == [True, False, False]


def test_snapshot_gives_no_divergence_warning_for_a_run_that_leaves_a_minimum_it_started_at():
    # Adam's first steps are about η whatever the gradient: from 10⁻⁶ the loss grows ten-billionfold,
    # but stays far below the loss at the problem's own start (4), so nothing is diverging
    near = Setup(contenders=(Contender("adam", {"lr": 0.1}),), start=(1e-6,))
    assert not any(_diverging_after(near, n)[0] for n in range(1, 40))


def test_snapshot_gives_no_divergence_warning_for_a_stopped_run():
    # η = 2.5 on x²: ×(−4) a step, the engine's limit is met within a few hundred steps
    gone = Setup(contenders=(Contender("sgd", {"lr": 2.5}),), start=(2.0,))
    built = build(gone)
    built.runs[0].advance(1000)
    track = snapshot.take(built.runs, 0, False, 1000, built.setup.starts_of(built.problem), 0).lead
    assert track.status == "diverged" and not track.diverging


@pytest.mark.parametrize("watched", [0, 1])
def test_snapshot_slices_and_model_curve_go_through_the_watched_runs_point(watched):
    built = build(Setup("neuron", contenders=(Contender("sgd", {"lr": 0.3}), Contender("adam", {"lr": 0.3}))))
    for run in built.runs:
        run.advance(5)
    snap = snapshot.take(built.runs, 0, False, 100, built.setup.starts_of(built.problem), watched)
    point = snap.tracks[watched].params
    assert not np.array_equal(snap.tracks[0].params, snap.tracks[1].params)
    for sl in snap.slices:
        # the slice holds the other parameter where the watched run is: at its own value, its loss
        at = np.argmin(np.abs(sl.values - point[sl.index]))
        held = point.copy()
        held[sl.index] = sl.values[at]
        # the same sums over the 40 samples, perhaps grouped otherwise: 40 ulps of the loss
        assert sl.loss[at] == pytest.approx(built.problem.loss(held[None])[0], rel=40 * np.finfo(float).eps)
    w, b = point
    yhat = 1 / (1 + np.exp(-(w * snap.model_x + b)))
    np.testing.assert_allclose(snap.model_y, yhat, rtol=0, atol=8 * np.finfo(float).eps)


# --- a new activation or loss under running runs ----------------------------------------------------


def test_setup_keeping_lr_writes_each_runs_eta_out_and_names_the_new_suggestions():
    setup = Setup("neuron", contenders=(Contender("sgd"), Contender("adam", {"lr": 0.3})))
    sigmoid = build(setup).problem
    kept = setup.keeping_lr(sigmoid)
    assert [c.hyperparameters["lr"] for c in kept.contenders] == [sigmoid.lr, 0.3]
    assert kept.suggested_lr(sigmoid) == {1: sigmoid.adaptive_lr}  # Adam's 0.3 is not the suggestion
    tanh = build(kept.with_activation("tanh")).problem
    assert tanh.lr != sigmoid.lr
    moved = kept.with_activation("tanh")
    assert moved.hyperparameters_of(0, tanh)["lr"] == sigmoid.lr  # η stays …
    assert moved.suggested_lr(tanh) == {0: tanh.lr, 1: tanh.adaptive_lr}  # … and the new one is named


def test_the_same_model_on_other_terms_reads_no_data_again(tmp_path):
    csv = tmp_path / "points.csv"
    csv.write_text("x,y\n0,0\n1,0\n2,1\n3,1\n", encoding="utf-8")
    setup = Setup("neuron", data=str(csv))
    problem = build(setup).problem
    csv.unlink()
    tanh = problem_on_the_same_data(setup.with_activation("tanh"), problem)
    assert tanh.activation.name == "tanh" and tanh.dataset is problem.dataset
    with pytest.raises(InputError, match="needs an activation whose output lies in"):
        problem_on_the_same_data(setup.with_activation("relu").with_loss("bce"), problem)


# --- what the window can show: η within its field, speeds a timer can take ---------------------------


def test_setup_refuses_an_eta_outside_the_windows_field():
    """The η field spans LR_RANGE: a setup holding another η would show one number and run another."""
    from gdsim.model.setup import LR_RANGE

    setup = Setup()
    for bad in (0, 0.0, 1e-6, 10.5, 1000):
        with pytest.raises(InputError, match=r"η \(lr\) must be from 1e-05 to 10 in the window, got"):
            setup.with_hyperparameter(0, "lr", bad)
    assert setup.with_hyperparameter(0, "lr", LR_RANGE[0]).contenders[0].hyperparameters["lr"] == 1e-5
    assert setup.with_hyperparameter(0, "lr", LR_RANGE[1]).contenders[0].hyperparameters["lr"] == 10.0
    with pytest.raises(InputError, match=r"eps must be 0 or from 1e-300 to 1e\+300 in the window, got 1e-32"):
        Setup(contenders=(Contender("adam"),)).with_hyperparameter(0, "eps", 1e-320)
    assert Setup(contenders=(Contender("adam"),)).with_hyperparameter(0, "eps", 0).contenders[0] == Contender(
        "adam", {"eps": 0.0})


def test_every_problem_suggests_an_eta_the_window_can_show():
    from gdsim.engine import OPTIMIZERS, PROBLEM_NAMES
    from gdsim.model.build import problem_of
    from gdsim.model.setup import LR_RANGE

    for name in PROBLEM_NAMES:
        setup = Setup(contenders=tuple(Contender(o) for o in OPTIMIZERS)).with_problem(name)
        problem = problem_of(setup)
        for i in range(len(setup.contenders)):
            assert LR_RANGE[0] <= setup.hyperparameters_of(i, problem)["lr"] <= LR_RANGE[1]


@pytest.mark.parametrize("bad, says", [
    (0, "got 0"), (-1, "got -1"), (1e-7, "got 1e-07"), (0.09, "got 0.09"), (1000.5, "got 1000.5"),
    (1e9, "got 1000000000.0"), (float("nan"), "got nan"), (float("inf"), "got inf"), ("fast", "got 'fast'"),
    (True, "got True"), ([10], "got [10]"),
])
def test_setup_refuses_a_speed_a_timer_cannot_keep(bad, says):
    with pytest.raises(InputError) as caught:
        Setup().with_speed(bad)
    message = str(caught.value)
    assert message.startswith('the speed must be a number of steps per second from 0.1 to 1,000, or "max" '
                              "(as fast as possible); ") and message.endswith(says), message


def test_setup_takes_any_speed_in_its_range_or_none():
    for speed in (0.1, 0.25, 1, 999.5, 1000):
        assert Setup().with_speed(speed).speed == speed
    assert Setup(speed=3.0).with_speed(None).speed is None


def test_a_contender_of_its_own_start_runs_from_it_and_a_new_start_is_everyones():
    own = Contender("sgd", {"lr": 0.01}, start=(-2.0,))
    setup = Setup("double-well", contenders=(Contender("sgd", {"lr": 0.01}), own), start=(2.0,))
    built = build(setup)
    assert setup.starts_of(built.problem) == ((2.0,), (-2.0,))
    assert [run.params[0, 0] for run in built.runs] == [2.0, -2.0]
    snap = snapshot.take(built.runs, 0, False, 10, setup.starts_of(built.problem), 1)
    assert snap.start == (-2.0,) and [t.start for t in snap.tracks] == [(2.0,), (-2.0,)]
    assert setup_from_dict(setup_to_dict(setup)) == setup  # kept in the settings too
    for moved in (setup.with_start((1.0,)), setup.with_start(None), setup.with_problem("parabola"),
                  setup.with_data(None)):
        assert all(c.start is None for c in moved.contenders)
    assert setup.with_start((1.0,)).starts_of(built.problem) == ((1.0,), (1.0,))


def test_a_run_on_mini_batches_says_which_rows_its_last_update_took_across_a_change_of_batches():
    problem = make_problem("linreg", "line")
    run = Run(problem, "sgd", problem.start, {"lr": 0.001}, batch_size=1, seed=0)
    first = Batches(problem.dataset.X, problem.dataset.y, 1, 0)
    assert run.last_batch_rows() is None and run.next_batch_rows().tolist() == first.rows_at(0).tolist()
    run.advance(2)
    assert run.last_batch_rows().tolist() == first.rows_at(1).tolist()
    run.set_batches(3, 5)  # from the next update on: the last one still took seed 0's sample
    assert run.last_batch_rows().tolist() == first.rows_at(1).tolist()
    run.advance(1)
    second = Batches(problem.dataset.X, problem.dataset.y, 3, 5)
    assert run.last_batch_rows().tolist() == second.rows_at(2).tolist()
    run.set_batches(None)
    run.advance(1)
    assert run.last_batch_rows() is None  # the whole data


def test_a_copy_of_a_run_is_watched_and_removing_runs_keeps_the_watched_one_watched():
    setup = Setup(contenders=(Contender("sgd"), Contender("adam", {"lr": 0.02})), watched=1)
    copied = setup.with_copy_of(1)
    assert copied.contenders == setup.contenders + (Contender("adam", {"lr": 0.02}),) and copied.watched == 2
    assert copied.without(0).watched == 1 and copied.without(2).watched == 1
    assert copied.with_watched(0).without(0).contenders[0].optimizer == "adam"
    full = Setup(contenders=(Contender("sgd"),) * MAX_CONTENDERS)
    with pytest.raises(InputError, match=f"at most {MAX_CONTENDERS} runs go side by side"):
        full.with_copy_of(0)
    with pytest.raises(InputError, match="the only run cannot be removed"):
        Setup().without(0)

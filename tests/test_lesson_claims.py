"""The claims of the shipped lessons' notes that their [expect] tables cannot state, one test each,
named after its lesson and claim. Together with [expect] (checked in test_lessons.py), every claim
the notes make about the runs is checked here; the notes' words are quoted in each docstring."""

from dataclasses import replace

import numpy as np
import pytest

import gdsim
from gdsim.engine import Run, make_problem
from gdsim.model.build import build
from gdsim.model.lessons import shipped_lessons
from gdsim.model.setup import Contender

EPS = np.finfo(float).eps


@pytest.fixture(scope="module")
def lessons():
    return {lesson.number: lesson for lesson in shipped_lessons()}


def runs_of(lesson, setup=None, steps=None):
    """The lesson's runs (or those of a setup changed from it), each run to the step limit."""
    setup = setup or lesson.setup
    runs = build(setup, None if setup.problem != lesson.setup.problem or setup.data != lesson.setup.data
                 or setup.activation != lesson.setup.activation else lesson.problem).runs
    for run in runs:
        run.advance(setup.step_limit if steps is None else steps)
    return runs


def steps_of(run) -> np.ndarray:
    """(R − 1, d) the steps taken, one per recorded row after the first."""
    return np.diff(run.history().params[:, 0], axis=0)


def notes(lesson) -> str:
    return lesson.text("notes", "en")


# --- lesson 1 ---------------------------------------------------------------------------------------


def test_lesson_1_the_slope_at_the_start_is_4(lessons):
    """"Start at x = 2, where the tangent has slope L′(2) = 4"."""
    lesson = lessons[1]
    assert lesson.setup.start == (2.0,) and "L′(2) = 4" in notes(lesson)
    _, grad = lesson.problem.loss_and_grad([2.0])
    assert grad[0, 0] == 4.0


def test_lesson_1_every_step_goes_against_the_slope_and_is_shorter_than_the_last(lessons):
    """"Each step moves x by −η·L′(x), against the slope … the steps get shorter as the curve
    flattens, although η never changes: every step multiplies x by 0.8"."""
    (run,) = runs_of(lessons[1])
    h = run.history()
    x, steps = h.params[: run.stopped_at[0] + 1, 0, 0], steps_of(run)[: run.stopped_at[0]]
    _, grad = lessons[1].problem.loss_and_grad(x[:-1, None])
    assert np.all(np.sign(steps[:, 0]) == -np.sign(grad[:, 0]))
    assert np.all(np.abs(steps[1:, 0]) < np.abs(steps[:-1, 0]))
    np.testing.assert_allclose(x[1:] / x[:-1], 0.8, rtol=4 * EPS)  # η·2x and the difference, rounded


# --- lesson 2 ---------------------------------------------------------------------------------------


def test_lesson_2_each_step_keeps_the_same_share_of_the_loss(lessons):
    """"On the log-scale loss plot each run is a straight line, since every step keeps the same
    share (1 − 2η)² of the loss"."""
    lesson = lessons[2]
    assert lesson.view.log_scale
    for contender, run in zip(lesson.setup.contenders, runs_of(lesson), strict=True):
        lr = contender.hyperparameters["lr"]
        loss = run.history().loss[: min(run.stopped_at[0], 600) + 1, 0]
        # x² of a geometric x: each ratio within a few ulps, however many steps before it
        np.testing.assert_allclose(loss[1:] / loss[:-1], (1 - 2 * lr) ** 2, rtol=16 * EPS)


def test_lesson_2_eta_one_half_lands_on_the_minimum_in_one_step(lessons):
    """"set η = 0.5 and ask why it lands exactly on the minimum in one step"."""
    lesson = lessons[2]
    setup = replace(lesson.setup, contenders=(Contender("sgd", {"lr": 0.5}),))
    (run,) = runs_of(lesson, setup)
    assert run.status_names == ["converged"] and run.stopped_at.tolist() == [1]
    assert run.params[0, 0] == 0.0  # 2 − 0.5·4, exactly


def test_lesson_2_eta_1_1_blows_up_at_step_628(lessons):
    """"η = 1.1 overshoots further every time until the numbers blow up at step 628" (the window
    says "diverged at step 628": its last finite step is 627)."""
    run = runs_of(lessons[2])[3]
    x = run.history().params[:628, 0, 0]
    assert np.all(np.abs(x[1:]) > np.abs(x[:-1])) and np.all(x[1:] * x[:-1] < 0)
    assert run.status_names == ["diverged"] and run.stopped_at[0] + 1 == 628


# --- lesson 3 ---------------------------------------------------------------------------------------


def test_lesson_3_the_loss_and_its_partial_derivatives_are_the_ones_written(lessons):
    """"its height is the loss L = ½ Σ (w·x + b − y)² … ∂L/∂w = Σ (ŷ − y)·x and ∂L/∂b = Σ (ŷ − y)"."""
    problem = lessons[3].problem
    x, y = problem.dataset.X[:, 0], problem.dataset.y
    for w, b in ((-1.0, 0.0), (1.3, 1.2), (3.0, -2.0)):
        r = w * x + b - y
        loss, grad = problem.loss_and_grad([w, b])
        scale = np.sum(np.abs(w * x) + np.abs(b) + np.abs(y))  # the size of what is summed
        assert loss[0] == pytest.approx(0.5 * r @ r, abs=64 * EPS * scale**2)
        np.testing.assert_allclose(grad[0], [r @ x, r.sum()], rtol=0, atol=64 * EPS * scale * (1 + x.max()))


def test_lesson_3_the_loss_falls_almost_all_the_way_in_the_first_step_then_creeps(lessons):
    """"the loss falls almost all the way in the first step, while the path then creeps for hundreds
    of steps along a long, narrow valley"."""
    lesson = lessons[3]
    (run,) = runs_of(lesson)
    loss = run.history().loss[:, 0]
    least = lesson.problem.loss([lesson.problem.minima[0]])[0]
    assert loss[1] - least < 0.05 * (loss[0] - least)
    assert run.stopped_at[0] >= 300


def test_lesson_3_in_the_valley_w_and_b_trade_against_each_other(lessons):
    """"a steeper line with a lower intercept fits almost as well, so w and b can trade against each
    other": the loss's flattest direction (the valley floor) raises w and lowers b, and the valley is
    long and narrow (the curvatures differ more than tenfold)."""
    X = lessons[3].problem.dataset.X[:, 0]
    A = np.column_stack([X, np.ones_like(X)])
    curvatures, directions = np.linalg.eigh(A.T @ A)  # the Hessian of ½‖A(w, b) − y‖²
    flattest = directions[:, 0]
    assert flattest[0] * flattest[1] < 0
    assert curvatures[1] > 10 * curvatures[0]


def test_lesson_3_eta_0_01_zig_zags_across_the_valley_and_arrives_sooner(lessons):
    """"Then try η = 0.01: the path zig-zags across that valley, yet arrives in fewer steps (207)"."""
    lesson = lessons[3]
    (slow,) = runs_of(lesson)
    setup = replace(lesson.setup, contenders=(Contender("sgd", {"lr": 0.01}),))
    (fast,) = runs_of(lesson, setup)
    assert fast.status_names == ["converged"] and fast.stopped_at[0] == 207 < slow.stopped_at[0]
    X = lesson.problem.dataset.X[:, 0]
    A = np.column_stack([X, np.ones_like(X)])
    across = np.linalg.eigh(A.T @ A)[1][:, 1]  # the steep direction, across the valley
    for run, zig_zags in ((fast, True), (slow, False)):
        signs = np.sign(steps_of(run)[:20] @ across)
        assert np.all(signs[1:] != signs[:-1]) == zig_zags


def test_lesson_3_the_tutorial_s_formulas_beside_sse_and_mse_at_the_start(lessons):
    """"The formula panel sets the tutorial's ∂C/∂w = (1/N) Σ (wx + b − y)·x, the gradient of half-mse,
    beside SSE's (N = 30 times it) and MSE's (2 times)" (at the start, say, and what the panel adds:
    the derivative of C itself, 60 times it)."""
    from gdsim.engine.models import square_loss_gradients

    lesson = lessons[3]
    problem = lesson.problem
    x, y = problem.dataset.X[:, 0], problem.dataset.y
    n = len(y)
    assert n == 30 and lesson.setup.start == (-1.0, 0.0) and "N = 30" in notes(lesson)
    r = -1.0 * x + 0.0 - y  # wx + b − y
    tutorial = np.array([r @ x / n, r.sum() / n])  # the tutorial's formulas, written out
    grads = square_loss_gradients(problem, lesson.setup.start)
    np.testing.assert_allclose(grads["half-mse"], tutorial, rtol=1e-13)
    np.testing.assert_allclose(grads["half-mse"], [-13.69, -5.707], atol=0.005)
    np.testing.assert_allclose(grads["sse"], 30 * tutorial, rtol=1e-13)
    np.testing.assert_allclose(grads["mse"], 2 * tutorial, rtol=1e-13)
    c = np.array([2 * r @ x, 2 * r.sum()])  # ∂/∂(w, b) of C = Σ (wx + b − y)², written out
    np.testing.assert_allclose(c, 60 * tutorial, rtol=1e-13)


def test_lesson_3_half_mse_with_thirty_times_eta_takes_the_same_path_and_stops_sooner(lessons):
    """"the gradient of half-mse … SSE's (N = 30 times it)": so half-mse with η = 30 × 0.005 takes the
    same path (it stops sooner, at step 322, as its gradient falls below the tolerance sooner)."""
    lesson = lessons[3]
    (sse,) = runs_of(lesson)
    setup = replace(lesson.setup, loss="half-mse", contenders=(Contender("sgd", {"lr": 0.15}),))
    (half,) = build(setup).runs
    half.advance(setup.step_limit)
    assert half.status_names == ["converged"] and half.stopped_at[0] == 322 < sse.stopped_at[0] == 422
    a, b = sse.history(), half.history()
    np.testing.assert_allclose(b.params[:, 0], a.params[: len(b.params), 0], rtol=0, atol=1e-5)
    np.testing.assert_allclose(b.grad_norm[:50] * 30, a.grad_norm[:50], rtol=1e-6)
    assert b.grad_norm[-1, 0] < 1e-6 <= a.grad_norm[len(b.grad_norm) - 1, 0]


# --- lesson 4 ---------------------------------------------------------------------------------------


def test_lesson_4_one_gradient_step_is_the_delta_rule(lessons):
    """"With L = ½ Σ (y − ŷ)², one gradient step is exactly the delta rule Δw = η·Σ δ·x, Δb = η·Σ δ
    with δ = (y − ŷ)·f′(h) and f′(h) = f(h)·(1 − f(h))"."""
    lesson = lessons[4]
    (run,) = runs_of(lesson, steps=3)
    h = run.history()
    x, y = lesson.problem.dataset.X[:, 0], lesson.problem.dataset.y
    for t in range(3):
        w, b = h.params[t, 0]
        f = 1 / (1 + np.exp(-(w * x + b)))
        delta = (y - f) * f * (1 - f)
        step = 0.3 * np.array([delta @ x, delta.sum()])
        # the engine's sums and exp against these: 64 ulps of the sums' size, plus the step's rounding
        bound = (64 * EPS * 0.3 * np.sum((1 + np.abs(y)) * (1 + x))
                 + 2 * EPS * np.abs(h.params[t + 1, 0]).max())
        np.testing.assert_allclose(h.params[t + 1, 0] - h.params[t, 0], step, rtol=0, atol=bound)


def test_lesson_4_delta_is_small_for_a_confident_answer_right_or_wrong(lessons):
    """"point at δ and ask when it is small (for a confident right answer, but also for a confident
    wrong one)"."""
    for h in (-12.0, 12.0):
        f = 1 / (1 + np.exp(-h))
        for y in (0.0, 1.0):
            assert abs((y - f) * f * (1 - f)) < 1e-5  # right (ŷ near y) or wrong (ŷ near 1 − y)
    f = 0.5  # an unsure answer, h = 0
    assert abs((1.0 - f) * f * (1 - f)) > 0.1


def test_lesson_4_the_pass_mark_ends_near_2_9_hours(lessons):
    """"The neuron converges at step 2585 with its pass mark at −b/w ≈ 2.9 hours"."""
    (run,) = runs_of(lessons[4])
    w, b = run.params[0]
    assert run.status_names == ["converged"] and round(-b / w, 1) == 2.9


def test_lesson_4_tanh_moves_but_ends_calling_every_student_a_pass(lessons):
    """"tanh, whose outputs run from −1 to 1, moves but ends up calling every student a pass"
    (after R and the new activation, η still 0.3)."""
    lesson = lessons[4]
    (run,) = runs_of(lesson, replace(lesson.setup, activation="tanh"))
    assert run.hyperparameters["lr"] == 0.3 and run.step == lesson.setup.step_limit
    w, b = run.params[0]
    assert not np.allclose(run.params[0], lesson.setup.start)
    yhat = np.tanh(w * run.problem.dataset.X[:, 0] + b)
    assert yhat.min() > 0.99  # every student a pass


@pytest.mark.parametrize("activation", ["relu", "step"])
def test_lesson_4_relu_and_the_step_are_stuck_at_step_0_since_every_h_is_negative(lessons, activation):
    """"ReLU and the step do not move at all — from this start every h is negative, where both have
    slope 0, so the gradient is zero and gdsim reports the run stuck at step 0"."""
    lesson = lessons[4]
    w, b = lesson.setup.start
    assert np.all(w * lesson.problem.dataset.X[:, 0] + b < 0)
    (run,) = runs_of(lesson, replace(lesson.setup, activation=activation))
    assert run.status_names == ["stuck"] and run.stopped_at.tolist() == [0]
    assert run.grad_norm[0] == 0.0 and run.params[0].tolist() == [w, b]


# --- lesson 5 ---------------------------------------------------------------------------------------


def test_lesson_5_the_start_calls_an_hour_or_more_a_pass_and_gets_eleven_wrong(lessons):
    """"It starts by calling everyone who studied an hour or more a pass, so eleven students are
    wrong and the loss is 5.5"."""
    lesson = lessons[5]
    x, y = lesson.problem.dataset.X[:, 0], lesson.problem.dataset.y
    w, b = lesson.setup.start
    yhat = (w * x + b >= 0).astype(float)
    np.testing.assert_array_equal(yhat, x >= 1.0)
    assert int(np.sum(yhat != y)) == 11
    assert lesson.problem.loss([lesson.setup.start])[0] == 5.5


def test_lesson_5_the_gradient_is_zero_everywhere_and_the_loss_is_terraces(lessons):
    """"every δ = (y − ŷ)·f′(h) is 0 and so is the gradient, although eleven errors are not; the loss
    surface is a set of flat terraces": ½ per wrong student, the same all over a step."""
    problem = lessons[5].problem
    (x0, x1), (y0, y1) = problem.domain
    grid = np.stack(np.meshgrid(np.linspace(x0, x1, 41), np.linspace(y0, y1, 41)), -1).reshape(-1, 2)
    loss, grad = problem.loss_and_grad(grid)
    assert np.all(grad == 0.0)
    np.testing.assert_array_equal(loss * 2, np.round(loss * 2))  # multiples of ½: whole students wrong
    assert len(np.unique(loss)) > 5  # several terraces, no slope between them


def test_lesson_5_other_starts_never_move(lessons):
    """"Click a few other starts to show that it never moves"."""
    setup = lessons[5].setup
    starts = [[-2.0, 1.0], [0.5, -3.0], [3.0, -8.0], [1.0, 2.0], [-0.3, 0.2]]
    sim = gdsim.simulate("neuron", "sgd", starts, 10, data=setup.data, activation=setup.activation,
                         loss=setup.loss, lr=0.3)
    assert sim.status == ["stuck"] * len(starts)
    np.testing.assert_array_equal(sim.params[-1], starts)


def test_lesson_5_the_sigmoid_learns_from_the_same_start(lessons):
    """"then switch to the sigmoid, and from the same start the neuron learns"."""
    lesson = lessons[5]
    (run,) = build(lesson.setup, lesson.problem).runs
    assert run.status_names == ["stuck"]
    run.switch_problem(make_problem("neuron", lesson.problem.dataset, "sigmoid", "sse"))
    run.advance(lesson.setup.step_limit)
    assert run.status_names == ["step limit"] and run.loss[0] < 0.9 * 5.5  # moving, and fewer wrong
    full = Run(run.problem, "sgd", lesson.setup.start, {"lr": 0.3}, step_limit=3000)
    full.advance(3000)
    assert full.status_names == ["converged"]


# --- lesson 7 ---------------------------------------------------------------------------------------


def least_squares(problem) -> np.ndarray:
    """The normal equations' (w, b) on a dataset model's data, without gdsim's optimizers."""
    A = np.column_stack([problem.dataset.X[:, 0], np.ones(len(problem.dataset.y))])
    return np.linalg.solve(A.T @ A, A.T @ problem.dataset.y)


def distances(run, best) -> np.ndarray:
    return np.linalg.norm(run.history().params[:, 0] - best, axis=1)


def test_lesson_7_the_runs_differ_only_in_how_many_samples_a_step_takes(lessons):
    """"The three runs fit the same line to the same 30 points (mean squared error, η = 0.05, one start);
    each step's gradient is taken on 1 sample (stochastic), 5 (mini-batch) or all 30 (batch)"."""
    lesson = lessons[7]
    assert lesson.setup.loss == "mse" and len(lesson.problem.dataset.y) == 30
    assert [c.batch_size for c in lesson.setup.contenders] == [1, 5, None]
    assert {(c.optimizer, c.hyperparameters["lr"], c.schedule, c.start) for c in lesson.setup.contenders} == {
        ("sgd", 0.05, None, None)}
    # the stochastic run's first step: −η times the mean squared error's gradient on its one sample
    dataset, stochastic = lesson.problem.dataset, build(lesson.setup).runs[0]
    row = int(stochastic.next_batch_rows()[0])
    stochastic.advance(1)
    w, b = lesson.setup.start
    err = w * dataset.X[row, 0] + b - dataset.y[row]
    step = 0.05 * 2 * err * np.array([dataset.X[row, 0], 1.0])
    np.testing.assert_allclose(stochastic.params[0], [w, b] - step, rtol=1e-14)


def test_lesson_7_every_30_stochastic_steps_use_each_sample_once_in_a_new_order(lessons):
    """"The data plot rings the sample the last stochastic step used (solid) and the next one's (dashed);
    every 30 steps each sample has been used once" (the rings: test_gui_batches.py), in a new order."""
    run = build(lessons[7].setup).runs[0]
    used = []
    for _ in range(90):
        run.advance(1)
        used.append(int(run.last_batch_rows()[0]))
    epochs = [used[i:i + 30] for i in (0, 30, 60)]
    assert all(sorted(epoch) == list(range(30)) for epoch in epochs)
    assert epochs[0] != epochs[1] != epochs[2] != epochs[0]


def test_lesson_7_the_noise_of_one_sample_of_five_and_of_all(lessons):
    """"The stochastic run zig-zags, its loss rising at 301 of its 600 steps, and never settles (over its
    last 300 steps, 0.15 from the least-squares (w, b) on average; the mini-batch run 0.046); the batch
    run's loss falls at every step until step 516" (the step and the least-squares end: [expect])."""
    lesson = lessons[7]
    best = least_squares(lesson.problem)
    np.testing.assert_allclose(best, [1.368, 1.249], atol=5e-4)
    stochastic, mini, batch = runs_of(lesson)
    rises = np.diff(stochastic.history().loss[:, 0]) > 0
    assert len(rises) == 600 and rises.sum() == 301
    assert stochastic.status_names == mini.status_names == ["step limit"]
    far = [distances(run, best)[-300:].mean() for run in (stochastic, mini)]
    assert round(far[0], 2) == 0.15 and round(far[1], 3) == 0.046
    loss = batch.history().loss[: batch.stopped_at[0] + 1, 0]
    assert np.all(np.diff(loss) < 0)


def test_lesson_7_the_loss_after_the_same_60_sample_gradients(lessons):
    """"For the same 60 sample gradients (2 batch, 12 mini-batch or 60 stochastic steps) the loss is 1.87,
    0.34 and 0.84"."""
    lesson = lessons[7]
    n = len(lesson.problem.dataset.y)
    losses = []
    for run in build(lesson.setup).runs:
        size = run.batch_size or n
        assert len(run.next_batch_rows() if run.batch_size else range(n)) == size
        run.advance(60 // size)
        losses.append(round(float(run.loss[0]), 2))
    assert losses == [0.84, 0.34, 1.87]


def test_lesson_7_a_decaying_eta_lets_the_stochastic_run_settle(lessons):
    """"To let the stochastic run settle, choose the schedule 1/t decay with d = 0.02 for it and press R:
    its average distance falls to 0.025" (over its last 300 steps, as before)."""
    from gdsim.engine.schedules import Schedule

    lesson = lessons[7]
    setup = lesson.setup.with_schedule(0, Schedule("inverse-time", decay=0.02))
    run = runs_of(lesson, setup)[0]
    assert run.lr_at(600) == pytest.approx(0.05 / (1 + 0.02 * 599))
    assert round(distances(run, least_squares(lesson.problem))[-300:].mean(), 3) == 0.025


# --- lesson 8 ---------------------------------------------------------------------------------------


def test_lesson_8_the_valley_curves_twenty_times_more_across_and_0_1_is_the_edge(lessons):
    """"curves twenty times more sharply across (y) than along (x), and η = 0.095 is just below 0.1,
    from where plain descent would no longer settle in y"."""
    problem = lessons[8].problem
    eye = np.eye(2)
    hessian = np.array([(problem.loss_and_grad(e)[1][0] - problem.loss_and_grad(-e)[1][0]) / 2 for e in eye])
    np.testing.assert_array_equal(hessian, [[1.0, 0.0], [0.0, 20.0]])
    for lr, settles in ((0.095, True), (0.1, False), (0.105, False)):
        y = gdsim.simulate("ravine", "sgd", [0.0, 1.0], 200, lr=lr).params[-1, 0, 1]
        assert (abs(y) < 1e-3) == settles


def test_lesson_8_momentums_b_is_the_decaying_sum_of_past_gradients(lessons):
    """"Momentum keeps a decaying sum of past gradients, b ← μ·b + g, in which each gradient counts
    μ = 0.5 times as much as the one after it"."""
    lesson = lessons[8]
    momentum = lesson.setup.contenders[1]
    assert momentum.optimizer == "momentum" and momentum.hyperparameters["momentum"] == 0.5
    run = Run(lesson.problem, "momentum", lesson.setup.start, momentum.hyperparameters, tol=0.0)
    gradients = []
    for t in range(1, 9):
        gradients.append(run.gradient[0])
        run.advance(1)
        weights = 0.5 ** np.arange(t)[::-1]  # the newest gradient 1, the one before ½, …
        np.testing.assert_allclose(run.state.buffers["b"][0], weights @ np.array(gradients), rtol=0,
                                   atol=16 * EPS * np.abs(gradients).max())


def test_lesson_8_in_b_the_y_parts_partly_cancel_and_the_x_parts_add_up(lessons):
    """"the y parts, which flip sign, partly cancel in b, while the x parts, which keep their sign,
    add up"."""
    lesson = lessons[8]
    run = Run(lesson.problem, "momentum", lesson.setup.start, lesson.setup.contenders[1].hyperparameters,
              tol=0.0)
    g, b = [], []
    for _ in range(10):
        g.append(run.gradient[0])
        run.advance(1)
        b.append(run.state.buffers["b"][0].copy())
    g, b = np.array(g), np.array(b)
    assert np.all(np.sign(g[:, 0]) == np.sign(g[0, 0]))  # x keeps its sign …
    assert np.all(np.abs(b[1:, 0]) > np.abs(g[1:, 0]))  # … and adds up
    assert np.any(np.sign(g[1:, 1]) != np.sign(g[:-1, 1]))  # y flips …
    assert np.abs(b[1:, 1]).sum() < np.abs(g[1:, 1]).sum()  # … and partly cancels


def test_lesson_8_shows_the_parts_of_each_step(lessons):
    """"Point at the separate arrows of the momentum run"."""
    assert lessons[8].view.step_parts


def test_lesson_8_mu_0_9_overshoots_and_spirals_in_slowly(lessons):
    """"too much momentum overshoots the minimum along the valley and spirals in slowly, converging
    only at step 333"."""
    lesson = lessons[8]
    setup = replace(lesson.setup, step_limit=1000,
                    contenders=(Contender("momentum", {"lr": 0.095, "momentum": 0.9}),))
    (run,) = runs_of(lesson, setup)
    assert run.status_names == ["converged"] and run.stopped_at.tolist() == [333]
    path = run.history().params[:334, 0]
    assert path[:, 0].max() > 1.0  # from x = −9 it goes well past the minimum at 0
    for coordinate in (0, 1):  # round and round: both coordinates change sign again and again
        assert np.sum(np.diff(np.sign(path[:, coordinate])) != 0) >= 10


# --- lesson 9 ---------------------------------------------------------------------------------------


def test_lesson_9_the_origin_has_zero_gradient_but_is_no_minimum(lessons):
    """"at (0, 0) the gradient is zero although the point is no minimum"."""
    problem = lessons[9].problem
    loss, grad = problem.loss_and_grad([[0.0, 0.0], [0.0, 0.1], [0.1, 0.0]])
    assert np.all(grad[0] == 0.0) and loss[1] < loss[0] < loss[2]
    assert problem.stuck_at([[0.0, 0.0]]).tolist() == [True]


def test_lesson_9_the_steps_shrink_below_0_01_at_step_19_then_grow(lessons):
    """"its steps shrink, from 0.3 to under 0.01 at step 19, until it almost stalls there … Then y …
    takes over and the point escapes along y"."""
    (run,) = runs_of(lessons[9])
    lengths = np.linalg.norm(steps_of(run), axis=1)
    assert lengths[0] == pytest.approx(0.3, abs=1e-6)
    shortest = int(np.argmin(lengths))
    assert shortest + 1 == 19 and lengths[shortest] < 0.01
    assert np.all(np.diff(lengths[: shortest + 1]) < 0) and np.all(np.diff(lengths[shortest:]) > 0)


def test_lesson_9_the_loss_falls_at_every_step_and_the_point_stays_in_view(lessons):
    """"the loss keeps falling without end, so the run stops at step 41 while the point is still in
    view"."""
    lesson = lessons[9]
    (run,) = runs_of(lesson)
    assert np.all(np.diff(run.history().loss[:, 0]) < 0)
    for value, (low, high) in zip(run.params[0], lesson.problem.domain, strict=True):
        assert low <= value <= high


def test_lesson_9_from_y_0_it_converges_on_the_saddle_point_at_step_67(lessons):
    """"set the start to y = 0 exactly and the step limit to 100: descent settles on the saddle point
    and reports "converged" at step 67"."""
    lesson = lessons[9]
    (run,) = runs_of(lesson, replace(lesson.setup, start=(1.5, 0.0), step_limit=100))
    assert run.status_names == ["converged"] and run.stopped_at.tolist() == [67]
    assert np.linalg.norm(run.params[0]) < 1e-6  # at the saddle point, (0, 0)


# --- lesson 10 --------------------------------------------------------------------------------------


def test_lesson_10_the_minimum_is_at_3_0_5(lessons):
    """"the minimum is at (3, 0.5)"."""
    assert lessons[10].problem.minima == ((3.0, 0.5),)
    assert lessons[10].problem.loss([[3.0, 0.5]])[0] == 0.0


def test_lesson_10_gradient_descent_and_the_first_momentum_step_follow_the_gradient(lessons):
    """"Plain descent steps in proportion to the gradient, −η·g, and so do the two momentum methods
    at their first step" (and then no longer: momentum carries the old steps along)."""
    lesson = lessons[10]
    runs = runs_of(lesson, steps=5)
    for contender, run in zip(lesson.setup.contenders[:3], runs[:3], strict=True):
        h = run.history()
        _, grad = lesson.problem.loss_and_grad(h.params[:5, 0])
        steps = np.diff(h.params[:6, 0], axis=0)
        cross = steps[:, 0] * grad[:, 1] - steps[:, 1] * grad[:, 0]  # zero when the step is along g
        along = np.abs(cross) <= 1e-9 * np.linalg.norm(steps, axis=1) * np.linalg.norm(grad, axis=1)
        assert along[0] and np.all(steps[0] * grad[0] < 0), contender.optimizer
        assert along.all() == (contender.optimizer == "sgd"), contender.optimizer


def test_lesson_10_the_adaptive_methods_first_step_moves_x_and_y_alike(lessons):
    """"Adagrad, Adadelta, RMSprop and Adam divide by a running size of past gradients, so their
    first step moves x and y by the same amount however steep the slope"."""
    lesson = lessons[10]
    runs = runs_of(lesson, steps=1)
    _, grad = lesson.problem.loss_and_grad(lesson.setup.start)
    assert abs(grad[0, 0] / grad[0, 1]) < 0.5  # the slope is far steeper in y
    for contender, run in zip(lesson.setup.contenders, runs, strict=True):
        step = np.abs(run.params[0] - lesson.setup.start)
        same = abs(step[0] / step[1] - 1) < 1e-3
        adaptive = contender.optimizer in ("adagrad", "adadelta", "rmsprop", "adam")
        assert same == adaptive, contender.optimizer


def test_lesson_10_rmsprop_hops_across_the_minimum_by_eta_in_each_coordinate(lessons):
    """"RMSprop ends up hopping back and forth across the minimum, a few thousandths from it, moving
    each coordinate by η = 0.005 at every step"."""
    lesson = lessons[10]
    contender = lesson.setup.contenders[5]
    assert contender.optimizer == "rmsprop" and contender.hyperparameters["lr"] == 0.005
    run = runs_of(lesson)[5]
    last = run.history().params[-200:, 0]
    np.testing.assert_allclose(np.abs(np.diff(last, axis=0)), 0.005, rtol=1e-6)  # η in each coordinate
    np.testing.assert_allclose(last[2:], last[:-2], rtol=0, atol=1e-9)  # back and forth between two points
    away = np.linalg.norm(last - [3.0, 0.5], axis=1)
    assert away.max() < 0.005  # a few thousandths
    assert np.all(np.sign(last[1:, 0] - 3.0) != np.sign(last[:-1, 0] - 3.0))  # across the minimum


def test_lesson_10_adadelta_bounces_across_the_valley_and_drifts_away(lessons):
    """"Adadelta comes within 0.093 of the minimum at step 879, then keeps bouncing across the valley
    in steps of about 0.09 and drifts slowly away" (the nearest point: [expect] closest)."""
    lesson = lessons[10]
    assert lesson.setup.contenders[4].optimizer == "adadelta"
    run = runs_of(lesson)[4]
    path = run.history().params[:, 0]
    lengths = np.linalg.norm(np.diff(path[-100:], axis=0), axis=1)
    assert np.all((0.08 < lengths) & (lengths < 0.1))
    _, grad = lesson.problem.loss_and_grad(path[-3:])
    assert grad[0, 1] * grad[1, 1] < 0 and grad[1, 1] * grad[2, 1] < 0  # from one wall to the other
    middle = (path[1:] + path[:-1]) / 2  # the middle of each bounce
    away = np.linalg.norm(middle - [3.0, 0.5], axis=1)
    marks = away[[1000, 2000, 3000, 4000, 4999]]
    assert np.all(np.diff(marks) > 0)  # ever farther


# --- lesson 11 --------------------------------------------------------------------------------------


def test_lesson_11_the_bias_correction_makes_adams_first_step_eta_times_the_sign_of_g(lessons):
    """"after one step m = (1 − β₁)g = 0.1·g and v = (1 − β₂)g² = 0.001·g²; the bias correction divides
    them by 1 − β₁ᵗ and 1 − β₂ᵗ, giving m* = g and v* = g², so the first step is η·sign(g) in each
    coordinate: (0.3, −0.3) here, however unequal the slopes g = (−9, 40)"."""
    lesson = lessons[11]
    assert lesson.setup.start == (-9.0, 2.0)
    assert [c.optimizer for c in lesson.setup.contenders] == ["adam", "adamax", "nadam", "amsgrad"]
    assert {c.hyperparameters["lr"] for c in lesson.setup.contenders} == {0.3}
    adam = build(lesson.setup).runs[0]
    g = adam.gradient[0]
    assert g.tolist() == [-9.0, 40.0]
    update = adam.next_update()
    m, v = update.after["m"][0], update.after["v"][0]
    np.testing.assert_allclose(m, 0.1 * g, rtol=4 * EPS)
    np.testing.assert_allclose(v, 0.001 * g**2, rtol=4 * EPS)
    np.testing.assert_allclose(m / (1 - 0.9), g, rtol=4 * EPS)  # m*
    np.testing.assert_allclose(v / (1 - 0.999), g**2, rtol=4 * EPS)  # v*
    sign = g / (np.abs(g) + 1e-8)  # ε = 1e-8 in the denominator: sign(g) to within 1.2e-9
    np.testing.assert_allclose(update.params[0] - [-9.0, 2.0], -0.3 * sign, rtol=1e-13)
    np.testing.assert_allclose(-0.3 * sign, [0.3, -0.3], rtol=1.2e-9)


def test_lesson_11_without_the_correction_the_steps_would_be_up_to_six_and_a_half_times_longer(lessons):
    """"Without it the step would be (1 − β₁ᵗ)/√(1 − β₂ᵗ) times as long: 3.16 at t = 1, 6.53 at t = 10,
    1.26 at t = 1000 (formula panel)"; checked on Adam's own m and v along its run (the formula
    panel: test_gui_starts.py)."""
    factor = {t: (1 - 0.9**t) / np.sqrt(1 - 0.999**t) for t in (1, 10, 1000)}
    assert [round(f, 2) for f in factor.values()] == [3.16, 6.53, 1.26]
    run = build(lessons[11].setup).runs[0]
    for t in range(1, 101):
        update = run.next_update()
        m, v = update.after["m"][0], update.after["v"][0]
        corrected = 0.3 * (m / (1 - 0.9**t)) / np.sqrt(v / (1 - 0.999**t))
        np.testing.assert_allclose(update.params[0] - run.params[0], -corrected, rtol=1e-7)
        np.testing.assert_allclose(0.3 * m / np.sqrt(v), (1 - 0.9**t) / np.sqrt(1 - 0.999**t) * corrected,
                                   rtol=1e-12)
        run.advance(1)


def test_lesson_11_adamax_and_amsgrad_start_as_adam_and_amsgrad_parts_at_step_8(lessons):
    """"AdaMax divides by u = max(β₂·u, |g|), which needs no correction" (u starts at |g| + ε, so its
    first step is η·sign(g) too); "AMSGrad by the largest v so far, so it matches Adam until v across the
    valley first falls (step 8), then stays within 0.005 of it"."""
    adam, adamax, _, amsgrad = build(lessons[11].setup).runs
    first = adamax.next_update()
    np.testing.assert_array_equal(first.after["u"][0], np.abs(adamax.gradient[0]) + 1e-8)
    np.testing.assert_allclose(first.params[0] - [-9.0, 2.0], [0.3, -0.3], rtol=1.2e-9)
    for t in range(1, 9):
        update = adam.next_update()
        falls = update.after["v"][0] < update.before["v"][0]
        assert falls.tolist() == ([False, False] if t < 8 else [False, True])  # [along, across]
        adam.advance(1)
    adam, _, _, amsgrad = runs_of(lessons[11])
    a, b = (run.history().params[:, 0] for run in (adam, amsgrad))
    rows = min(len(a), len(b))
    gap = np.linalg.norm(a[:rows] - b[:rows], axis=1)
    assert np.all(gap[:8] == 0) and gap[8] > 0 and gap.max() < 0.005


def test_lesson_11_nadam_steps_further_first_then_brakes_in_time(lessons):
    """"NAdam adds Nesterov's look-ahead: a 6 % longer first step, but it overshoots along the valley only
    to x = 0.067 (Adam: 0.53) and converges first (step 198; Adam 304)" (the steps: [expect]);
    it crosses the valley 3 times where Adam crosses it 30 times (AdaMax: x = 0.038, 12 times)."""
    runs = dict(zip(("adam", "adamax", "nadam", "amsgrad"), runs_of(lessons[11]), strict=True))
    nadam_first = runs["nadam"].history().params[1, 0] - [-9.0, 2.0]
    assert round(nadam_first[0], 3) == 0.317 and round(nadam_first[0] / 0.3 - 1, 2) == 0.06

    def overshoot_and_crossings(run):
        p = run.history().params[: run.stopped_at[0] + 1, 0]
        y = p[:, 1][p[:, 1] != 0]
        return float(p[:, 0].max()), int(np.sum(np.sign(y[1:]) != np.sign(y[:-1])))

    found = {name: overshoot_and_crossings(run) for name, run in runs.items() if name != "amsgrad"}
    assert {name: (round(x, 3 if name != "adam" else 2), n) for name, (x, n) in found.items()} == {
        "adam": (0.53, 30), "adamax": (0.038, 12), "nadam": (0.067, 3)}
    assert min(runs.values(), key=lambda run: run.stopped_at[0]) is runs["nadam"]


def test_lesson_11_adams_first_step_is_eta_in_each_coordinate_from_any_start_off_the_minimum(lessons):
    """"Ask whether a gentler slope would shorten the first step, then click a start and press Step": it
    does not; Adam's first step is η in each coordinate wherever the slope is not almost 0."""
    lesson = lessons[11]
    rng = np.random.default_rng(11)
    (low_x, high_x), (low_y, high_y) = lesson.problem.domain
    starts = np.column_stack([rng.uniform(low_x, high_x, 200), rng.uniform(low_y, high_y, 200)])
    run = Run(lesson.problem, "adam", starts, {"lr": 0.3})
    assert np.all(np.abs(run.gradient) > 1e-3)
    step = run.next_update().params - starts
    np.testing.assert_allclose(np.abs(step), 0.3, rtol=1e-5)
    np.testing.assert_array_equal(np.sign(step), -np.sign(run.gradient))


# --- lesson 12 --------------------------------------------------------------------------------------


def test_lesson_12_four_starts_around_himmelblaus_hilltop_end_in_its_four_minima(lessons):
    """"Four runs of plain descent (η = 0.01) start at the corners of a square 0.8 wide around the hilltop
    of Himmelblau's function at (−0.27, −0.92) and end in its four minima" (which minimum each:
    [expect]); "all four have L = 0"."""
    lesson = lessons[12]
    problem = lesson.problem
    assert problem.name == "himmelblau" and lesson.setup.start is None
    assert {(c.optimizer, c.hyperparameters["lr"]) for c in lesson.setup.contenders} == {("sgd", 0.01)}
    starts = np.array([c.start for c in lesson.setup.contenders])
    assert sorted(set(starts[:, 0])) == [-0.67, 0.13] and sorted(set(starts[:, 1])) == [-1.32, -0.52]
    np.testing.assert_allclose(np.ptp(starts, axis=0), 0.8, rtol=1e-12)
    centre = starts.mean(axis=0)
    # the hilltop: ∇L = 0 there (Newton's method from the centre of the square), L falls all around it
    hill = centre.copy()
    for _ in range(20):
        _, grad = problem.loss_and_grad(hill[None])
        h = 1e-6
        hessian = np.column_stack([(problem.loss_and_grad((hill + h * e)[None])[1][0]
                                    - problem.loss_and_grad((hill - h * e)[None])[1][0]) / (2 * h)
                                   for e in np.eye(2)])
        hill = hill - np.linalg.solve(hessian, grad[0])
    np.testing.assert_allclose(hill, [-0.27, -0.92], atol=5e-3)
    assert np.all(np.linalg.eigvalsh(hessian) < 0)  # a maximum
    ends = {tuple(np.round(run.params[0], 2)) for run in runs_of(lesson)}
    assert len(ends) == 4 and ends == {(3.0, 2.0), (-2.81, 3.13), (-3.78, -3.28), (3.58, -1.85)}
    assert len(problem.minima) == 4
    np.testing.assert_allclose(problem.loss(np.array(problem.minima)), 0.0, atol=1e-20)


def test_lesson_12_each_run_only_goes_downhill(lessons):
    """"Each only goes downhill from where it is (its loss falls at every step)"."""
    for run in runs_of(lessons[12]):
        loss = run.history().loss[: run.stopped_at[0] + 1, 0]
        assert np.all(np.diff(loss) < 0)


def test_lesson_12_double_well_a_local_minimum_momentum_and_another_start(lessons):
    """"Choose the problem double-well: from x = 2 every run stops at step 153 in the local minimum
    x ≈ 1.131, 2.44 above the global one at x ≈ −1.301; tick Momentum (μ = 0.9) and press R, and it rolls
    over the hill into the global minimum, as plain descent does from a click at x = 0"."""
    lesson = lessons[12]
    setup = lesson.setup.with_problem("double-well")
    runs = runs_of(lesson, setup)
    assert setup.starts_of(runs[0].problem) == ((2.0,),) * 4
    problem = runs[0].problem
    local, best = sorted(problem.minima, key=lambda m: -m[0])
    assert round(local[0], 3) == 1.131 and round(best[0], 3) == -1.301
    drop = problem.loss(np.array([local]))[0] - problem.loss(np.array([best]))[0]
    assert round(float(drop), 2) == 2.44
    for run in runs:
        assert run.status_names == ["converged"] and run.stopped_at[0] == 153
        assert abs(run.params[0, 0] - local[0]) < 1e-6
    with_momentum = setup.with_contenders(["sgd", "momentum"])
    assert with_momentum.contenders[-1] == Contender("momentum")
    momentum = runs_of(lesson, with_momentum)[-1]
    assert momentum.hyperparameters == {"lr": 0.01, "momentum": 0.9}
    assert momentum.status_names == ["converged"] and abs(momentum.params[0, 0] - best[0]) < 1e-6
    assert np.any(momentum.history().params[:, 0, 0] < 0)  # over the hill
    (plain, *_) = runs_of(lesson, setup.with_start((0.0,)))
    assert plain.status_names == ["converged"] and plain.stopped_at[0] == 140
    assert abs(plain.params[0, 0] - best[0]) < 1e-6


def test_lesson_12_rastrigin_traps_plain_descent_and_momentum_far_above_its_minimum(lessons):
    """"On rastrigin, plain descent and momentum both stop near (2.98, −2.98) with L ≈ 17.9, far above L = 0
    at (0, 0)" (from its own start (3.2, −2.7), momentum with its default μ = 0.9)."""
    lesson = lessons[12]
    setup = lesson.setup.with_problem("rastrigin").with_contenders(["sgd", "momentum"])
    runs = runs_of(lesson, setup)
    problem = runs[0].problem
    assert problem.start == (3.2, -2.7) and problem.minima == ((0.0, 0.0),)
    assert problem.loss(np.zeros((1, 2)))[0] == 0.0
    assert runs[0].stopped_at[0] == 14 and runs[-1].hyperparameters["momentum"] == 0.9
    for run in runs:
        assert run.status_names == ["converged"]
        np.testing.assert_allclose(run.params[0], [2.98, -2.98], atol=5e-3)
        assert round(float(run.loss[0]), 1) == 17.9


# --- lesson 13 --------------------------------------------------------------------------------------


def test_lesson_13_starts_from_lesson_2_s_run_that_never_settles(lessons):
    """"Lesson 2's run at η = 1.0 jumps between 2 and −2 for ever … here it runs beside three copies that
    start at the same η and let it decay"."""
    lesson, second = lessons[13], lessons[2]
    assert lesson.setup.problem == second.setup.problem and lesson.setup.start == second.setup.start
    assert second.setup.contenders[2] == lesson.setup.contenders[0] == Contender("sgd", {"lr": 1.0})
    assert [c.hyperparameters["lr"] for c in lesson.setup.contenders] == [1.0] * 4
    assert [c.schedule is not None for c in lesson.setup.contenders] == [False, True, True, True]


def test_lesson_13_each_step_multiplies_x_by_one_minus_twice_that_step_s_eta(lessons):
    """"each step multiplies x by 1 − 2ηₜ"; "the plot beside the loss shows the η each step used"."""
    for run in runs_of(lessons[13]):
        rows = int(run.stopped_at[0])
        x = run.history().params[: rows + 1, 0, 0]
        eta = run.lr_at(np.arange(1, rows + 1))
        np.testing.assert_allclose(x[1:], (1 - 2 * eta) * x[:-1], rtol=4 * EPS, atol=1e-300)


def test_lesson_13_how_each_decay_rescues_the_run(lessons):
    """"Step decay (η × 0.7 every 20 steps) keeps the jumps for 20 steps, then with η = 0.7 each step
    multiplies x by −0.4 …; exponential decay (ηₜ = 0.95^(t − 1)) shrinks x from the second step on …;
    cosine annealing over 100 steps keeps η near 1 at first" (the steps they converge at: [expect])."""
    constant, step, exponential, cosine = runs_of(lessons[13])
    x = step.history().params[:, 0, 0]
    np.testing.assert_array_equal(x[:21], 2.0 * (-1.0) ** np.arange(21))
    np.testing.assert_allclose(step.lr_at(np.arange(21, 38)), 0.7, rtol=EPS)
    np.testing.assert_allclose(x[22:38] / x[21:37], -0.4, rtol=8 * EPS)
    x = exponential.history().params[:, 0, 0]
    np.testing.assert_allclose(exponential.lr_at(np.arange(1, 15)), 0.95 ** np.arange(14), rtol=4 * EPS)
    assert np.all(np.abs(x[2:15]) < np.abs(x[1:14]))
    assert np.all(cosine.lr_at(np.arange(1, 21)) > 0.9)


def test_lesson_13_every_eta_between_0_and_1_shrinks_x_and_0_5_the_most():
    """"every η between 0 and 1 helps: each such step multiplies x by 1 − 2ηₜ, less than 1 in size, and
    the nearer ηₜ is to 0.5, the more it shrinks x"."""
    etas = np.linspace(0.01, 0.99, 99)
    factors = np.abs(1 - 2 * etas)
    assert np.all(factors < 1)
    assert np.all(np.diff(factors[etas <= 0.5]) < 0) and np.all(np.diff(factors[etas >= 0.5]) > 0)


def test_lesson_13_one_over_t_decay_lands_exactly_on_the_minimum_at_step_11(lessons):
    """"choose the schedule 1/t decay with d = 0.1 for the first run and press R: it lands exactly on the
    minimum at step 11, where η has fallen to 1/(1 + 0.1·10) = 0.5"."""
    from gdsim.engine.schedules import Schedule

    lesson = lessons[13]
    setup = lesson.setup.with_schedule(0, Schedule("inverse-time", decay=0.1))
    run = runs_of(lesson, setup)[0]
    assert run.status_names == ["converged"] and run.stopped_at[0] == 11
    assert run.lr_at(11) == 0.5 and run.history().params[11, 0, 0] == 0.0
    assert np.all(run.history().params[:11, 0, 0] != 0.0)

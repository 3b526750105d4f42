"""Data placed by hand, without Qt: the Points model and its edits, the CSV it writes (read back to
the same numbers), lessons and settings that keep it inline, the landscape of two parameters among
more, and simulate() given a Problem with data."""

import numpy as np
import pytest

import gdsim
from gdsim.engine import InputError, load_dataset, make_problem
from gdsim.files import write_atomically
from gdsim.model import landscape
from gdsim.model.build import build, problem_on_edited_data
from gdsim.model.hand_data import NO_POINTS, Points, keeping_domain, points_from_dict, snaps_to_classes
from gdsim.model.lessons import LessonError, LessonView, load_lesson, save_lesson
from gdsim.model.plane import plane_problem
from gdsim.model.remembered import rememberable, setup_from_json, setup_to_json
from gdsim.model.setup import Contender, Setup


@pytest.fixture
def line():
    return Points.from_dataset(load_dataset("line"))


def test_points_edits_return_new_points_and_leave_the_old(line):
    added = line.added(10.0, -2.5)
    assert len(added) == len(line) + 1 and added.X[-1, 0] == 10.0 and added.y[-1] == -2.5
    moved = added.moved(0, 1.25, 7.0)
    assert (moved.X[0, 0], moved.y[0]) == (1.25, 7.0)
    assert (added.X[0, 0], added.y[0]) == (line.X[0, 0], line.y[0])
    removed = moved.removed(0)
    np.testing.assert_array_equal(removed.X, added.X[1:])
    assert len(removed.cleared()) == 0 and removed.cleared().n_inputs == 1
    with pytest.raises(ValueError):
        line.X[0, 0] = 5.0  # read-only: nobody changes an array a run may hold
    assert line.added(1.0, 1.0).removed(len(line)) == line  # equal by their numbers


def test_points_refuse_what_data_cannot_hold(line):
    with pytest.raises(InputError, match="between -1e"):
        line.added(1e31, 0.0)
    with pytest.raises(InputError, match="between -1e"):
        line.moved(0, 0.0, float("nan"))
    with pytest.raises(InputError) as e:
        line.cleared().dataset()
    assert e.value.template == NO_POINTS


def test_a_setup_with_no_points_cannot_build_and_says_why(line):
    setup = Setup(problem="linreg").with_edited_data(line.cleared())
    with pytest.raises(InputError, match="at least one data point"):
        build(setup)


def test_saved_csv_reads_back_to_the_same_numbers(tmp_path, line):
    rng = np.random.default_rng(3)
    points = line
    for _ in range(20):  # numbers as a mouse places them: seventeen digits
        points = points.added(*rng.normal(size=2) * 3)
    path = tmp_path / "placed.csv"
    write_atomically(path, points.csv_text())
    again = load_dataset(str(path))
    np.testing.assert_array_equal(again.X, points.X)
    np.testing.assert_array_equal(again.y, points.y)


def test_fewer_points_than_a_batch_take_the_whole_data(line):
    setup = Setup(problem="linreg", contenders=(Contender("sgd", batch_size=8),))
    few = Points.of([1.0, 2.0, 3.0], [1.0, 2.0, 2.5])
    edited = setup.with_edited_data(few)
    assert edited.contenders[0].batch_size == 3 and edited.start == setup.start
    build(edited)  # runs


def test_edited_data_keeps_the_domain_while_the_minimum_stays_inside(line):
    setup = Setup(problem="linreg")
    before = build(setup).problem
    nudge = line.moved(0, line.X[0, 0], line.y[0] + 0.1)
    nudged = problem_on_edited_data(setup.with_edited_data(nudge), before)
    assert nudged.domain == before.domain
    assert nudged.minima != before.minima
    far = Points.of([0.0, 1.0], [100.0, 300.0])  # the line y = 200x + 100: its minimum far outside
    moved = problem_on_edited_data(setup.with_edited_data(far), before)
    assert moved.domain != before.domain
    assert keeping_domain(moved, None) is moved


def test_pass_or_fail_data_snaps_to_classes():
    neuron = make_problem("neuron")
    assert snaps_to_classes(neuron, Points.from_dataset(neuron.dataset))
    assert snaps_to_classes(neuron, neuron.dataset)  # a dataset as it is read, not copied
    assert snaps_to_classes(make_problem("neuron", loss="bce"), Points.empty())
    assert not snaps_to_classes(neuron, Points.empty())
    graded = Points.from_dataset(neuron.dataset).moved(0, 1.0, 0.5)
    assert not snaps_to_classes(neuron, graded)  # one target between the classes
    linreg = make_problem("linreg")
    assert not snaps_to_classes(linreg, Points.from_dataset(linreg.dataset))


def test_a_lesson_keeps_hand_placed_data_inline(tmp_path, line):
    points = line.added(4.5, 0.25).removed(2)
    setup = Setup(problem="linreg", loss="mse").with_edited_data(points)
    path = tmp_path / "sub" / "mine.toml"
    path.parent.mkdir()
    save_lesson(path, setup, LessonView(), {"en": "Mine"}, {}, number=3)
    text = path.read_text()
    assert "[setup.data]" in text and ".csv" not in text
    lesson = load_lesson(path)
    assert lesson.setup == setup
    np.testing.assert_array_equal(lesson.problem.dataset.X, points.X)
    # the file needs nothing beside it: moved elsewhere it reads the same
    moved = tmp_path / "elsewhere.toml"
    moved.write_text(text)
    assert load_lesson(moved).setup == setup


def test_a_lesson_refuses_bad_inline_data_and_empty_data(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[lesson]\nnumber = 1\ntitle = { en = "x" }\n[setup]\nproblem = "linreg"\nspeed = 1\n'
                   'step_limit = 10\ndata = { x = [1, 2], y = [1] }\n[[setup.optimizers]]\nname = "sgd"\n')
    with pytest.raises(LessonError, match=r"\[setup\] data: data written out must be a table"):
        load_lesson(bad)
    with pytest.raises(LessonError, match="at least one data point"):
        save_lesson(tmp_path / "empty.toml", Setup(problem="linreg").with_edited_data(Points.empty()),
                    LessonView(), {"en": "x"}, {}, number=1)
    assert not (tmp_path / "empty.toml").exists()


def test_points_from_dict_takes_x_or_x1_to_xk():
    two = points_from_dict({"x1": [1, 2], "x2": [3, 4], "y": [0, 1]})
    np.testing.assert_array_equal(two.X, [[1, 3], [2, 4]])
    for bad in ({"x": [1], "x1": [1], "y": [1]}, {"x2": [1], "y": [1]}, {"x": ["1"], "y": [1]},
                {"x": [True], "y": [1]}, {"y": [1]}, [1, 2]):
        with pytest.raises(InputError):
            points_from_dict(bad)


def test_settings_remember_hand_placed_data(line):
    setup = Setup(problem="neuron").with_edited_data(line.added(1.0, 0.0))
    restored, complaints = setup_from_json(setup_to_json(setup))
    assert complaints == [] and restored == setup
    assert rememberable(setup) is setup
    # none, or too many to store: the problem's own data is remembered instead
    for points in (line.cleared(), Points.of(np.linspace(0, 1, 3000) + np.pi, np.linspace(0, 1, 3000) / 7)):
        kept = rememberable(Setup(problem="linreg").with_edited_data(points))
        assert kept.data is None and setup_from_json(setup_to_json(kept)) == (kept, [])


def test_a_landscape_of_more_parameters_holds_the_others():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [1.0, 2.0]])
    problem = make_problem("linreg", (X, np.array([1.0, 2.0, 4.0, 3.0])))
    held = np.array([0.7, -0.3, 0.2])
    surface = landscape.compute(problem, grid=30, plane=(0, 2), held=held)
    assert surface.plane == (0, 2) and surface.held == tuple(held)
    point = held.copy()
    point[0], point[2] = surface.x[4], surface.y[17]
    assert surface.loss_of(surface.image[4, 17]) == pytest.approx(problem.loss(point)[0], rel=1e-5)
    flat = plane_problem(problem, (0, 2), held)
    assert flat.param_names == ("w1", "b") and flat.dim == 2
    loss, grad = flat.loss_and_grad([point[0], point[2]])
    full_loss, full_grad = problem.loss_and_grad(point)
    assert loss[0] == full_loss[0]
    np.testing.assert_array_equal(grad[0], full_grad[0][[0, 2]])


def test_simulate_uses_the_data_given_with_a_problem():
    X, y = np.array([[0.0], [1.0], [2.0]]), np.array([0.0, 0.0, 1.0])
    neuron = make_problem("neuron", loss="bce")
    run = gdsim.simulate(neuron, "sgd", steps=5, data=(X, y))
    np.testing.assert_array_equal(run.problem.dataset.X, X)
    assert run.problem.loss_kind.name == "bce" and run.problem.activation.name == "sigmoid"
    by_name = gdsim.simulate("neuron", "sgd", steps=5, data=(X, y), loss="bce")
    np.testing.assert_array_equal(run.params, by_name.params)
    with pytest.raises(InputError, match="fixed function; data applies only"):
        gdsim.simulate(make_problem("parabola"), "sgd", data=(X, y))
    with pytest.raises(InputError, match="range applies only when the problem is given by name"):
        gdsim.simulate(gdsim.function("x^2"), "sgd", range=(-1, 1))
    assert gdsim.simulate(neuron, "sgd", steps=1).problem is neuron  # nothing given: itself

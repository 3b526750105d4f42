"""Typed functions in the model: a lesson carries its function and range and runs the numbers the
API gives, saving the setup as a lesson or in the settings keeps them, and the landscape leaves
blank where the function is not defined."""

import json

import numpy as np
import pytest

import gdsim
from gdsim.model import landscape
from gdsim.model.build import build
from gdsim.model.lessons import LessonError, LessonView, load_lesson, save_lesson
from gdsim.model.remembered import setup_from_json, setup_to_json
from gdsim.model.setup import Contender, Setup

LESSON = """\
[lesson]
number = 4
title = { en = "A double well" }

[setup]
problem = "custom"
function = "x^4 - 3*x^2 + x"
{range}start = [2.0]
speed = 5
step_limit = 200

[[setup.optimizers]]
name = "sgd"
lr = 0.01

[expect]
status = ["converged"]
"""


def write(tmp_path, range_line: str = "", **changes) -> "Path":  # noqa: F821
    text = LESSON.replace("{range}", range_line)
    for old, new in changes.items():
        text = text.replace(old, new)
    path = tmp_path / "04-well.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_lesson_with_a_typed_function_runs_the_api_numbers(tmp_path):
    lesson = load_lesson(write(tmp_path))
    assert lesson.setup.problem == "custom" and lesson.setup.function == "x^4 - 3*x^2 + x"
    assert lesson.setup.range is None and lesson.problem.domain == ((-3.0, 3.0),)
    run = build(lesson.setup, lesson.problem).runs[0]
    run.advance(200)
    expected = gdsim.simulate(gdsim.function("x^4 - 3*x^2 + x"), "sgd", [2.0], 200, lr=0.01)
    assert run.status_names == ["converged"]
    np.testing.assert_array_equal(run.params[0], expected.params[-1, 0])
    assert run.params[0, 0] == pytest.approx(1.1309, abs=1e-4)  # the right-hand well, L′ = 4x³ − 6x + 1 = 0


@pytest.mark.parametrize(("range_line", "domain"), [
    ("range = [-2, 2.5]\n", ((-2.0, 2.5),)),
    ("range = [[-2, 2.5], [-1, 1]]\n", ((-2.0, 2.5), (-1.0, 1.0))),
])
def test_lesson_range_is_read_and_saving_keeps_function_and_range(tmp_path, range_line, domain):
    lesson = load_lesson(write(tmp_path, range_line, **({"start = [2.0]": "start = [2.0, 0.5]"}
                                                         if "[[" in range_line else {})))
    assert lesson.setup.range == domain and lesson.problem.domain == domain
    copy = tmp_path / "copy" / "04.toml"
    copy.parent.mkdir()
    save_lesson(copy, lesson.setup, lesson.view, lesson.title, lesson.notes, lesson.number)
    again = load_lesson(copy)
    assert again.setup == lesson.setup
    assert 'function = "x^4 - 3*x^2 + x"' in copy.read_text()


def test_saving_a_typed_setup_from_the_window_keeps_it(tmp_path):
    setup = Setup(contenders=(Contender("adam"),)).with_function("x^2 + 3*sin(y)", [[-3, 3], [-2, 2]])
    path = tmp_path / "07.toml"
    save_lesson(path, setup, LessonView(formula=True), {"en": "Mine"}, {}, 7)
    lesson = load_lesson(path)
    assert lesson.setup == setup and lesson.problem.formula == "L(x, y) = x² + 3·sin(y)"


def test_saving_a_setup_whose_function_is_refused_writes_nothing(tmp_path):
    path = tmp_path / "08.toml"
    setup = Setup().with_function("x^4 - 3x^2 + x")
    with pytest.raises(LessonError, match=r"\[setup\] function: column 8: a \* is missing; write 3\*x"):
        save_lesson(path, setup, LessonView(), {"en": "Bad"}, {}, 8)
    assert not path.exists()


def test_setup_transitions_keep_the_function_only_for_custom():
    typed = Setup().with_function("sin(3*x) + 0.3*x^2", [[-4, 4]])
    assert (typed.problem, typed.function, typed.range) == ("custom", "sin(3*x) + 0.3*x^2", ((-4.0, 4.0),))
    back = typed.with_problem("parabola")
    assert (back.problem, back.function, back.range) == ("parabola", None, None)
    assert build(typed).problem.text == "sin(3*x) + 0.3*x^2"


def test_lesson_refuses_a_typed_function_where_it_does_not_belong(tmp_path):
    path = write(tmp_path, "", **{'problem = "custom"': 'problem = "parabola"'})
    with pytest.raises(LessonError, match="function applies only to the problem custom"):
        load_lesson(path)


def test_remembered_setup_round_trips_a_typed_function():
    setup = Setup().with_function("x^2 + 3*sin(y)", [[-3, 3], [-2, 2]])
    assert setup_from_json(setup_to_json(setup)) == (setup, [])


@pytest.mark.parametrize(("function", "says"), [
    (None, "the problem custom needs its function as text, got None"),
    ("x^4 - 3x^2", "column 8: a * is missing; write 3*x"),
])
def test_remembered_typed_function_that_cannot_be_used_gives_the_default_setup(function, says):
    text = setup_to_json(Setup().with_function("x^2")).replace('"x^2"', json.dumps(function))
    setup, complaints = setup_from_json(text)
    assert setup == Setup() and len(complaints) == 1
    assert "the last setup cannot be restored" in str(complaints[0]) and says in str(complaints[0])


def test_landscape_is_blank_where_the_function_is_not_defined():
    surface = landscape.compute(gdsim.function("log(x) + y^2", [[-1, 3], [-2, 2]]))
    left = surface.x < 0
    assert np.isnan(surface.image[left]).all() and np.isfinite(surface.image[surface.x > 0]).all()
    assert np.isfinite(surface.levels).all() and len(surface.contours) > 0
    assert np.isfinite(surface.contours).all() and (surface.contours[:, 0] >= 0).all()
    curve = landscape.compute(gdsim.function("sqrt(x)", [-1, 3]))
    assert np.isnan(curve.loss[curve.x < 0]).all() and np.isfinite(curve.loss[curve.x >= 0]).all()

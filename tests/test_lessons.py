"""Lessons: every shipped lesson loads and runs to the state its [expect] names; lessons survive a
save and a load; malformed lesson files are refused with a message naming the file and the problem."""

import ast
import math
import os
import re
import shutil
import string
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gdsim
from gdsim.engine import ANALYTIC_PROBLEMS, OPTIMIZERS, SCHEDULES, Schedule
from gdsim.engine.schedules import WARMUP
from gdsim.model import lessons as lessons_module
from gdsim.model.build import build
from gdsim.model.lessons import (
    Lesson,
    LessonError,
    LessonView,
    load_lesson,
    save_lesson,
    shipped_lessons,
)
from gdsim.model.setup import SHOWN_RANGE, SPEED_RANGE, Contender, Setup, field_range
from gdsim.paths import resource

ROOT = Path(__file__).resolve().parents[1]
LESSON_FILES = sorted(resource("lessons").glob("*.toml"))
CJK = re.compile(r"[\u4e00-\u9fff]")


def run_to_step_limit(setup: Setup):
    """The setup's runs, each advanced as the window would: until it stops or reaches the step limit."""
    runs = build(setup).runs
    for run in runs:
        run.set_step_limit(setup.step_limit)
        run.advance(setup.step_limit)
    return runs


# --- the shipped lessons ----------------------------------------------------------------------------


def test_shipped_lessons_are_numbered_in_file_order():
    lessons = shipped_lessons()
    assert len(lessons) == len(LESSON_FILES) >= 8
    # Lessons 6, 7, 11 and 12 (the chain rule, batch sizes, Adam's family, local minima) are being written.
    assert [lesson.number for lesson in lessons] == [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13]
    for lesson in lessons:
        # 01-tangent.toml is lesson 1: the file names sort in the menu's order.
        assert lesson.path.name.startswith(f"{lesson.number:02d}-"), lesson.path.name


def distance_from_minima(points: np.ndarray, minima) -> np.ndarray:
    """(R,) the distance of each point (R, d) from the nearest of the minima."""
    return np.min([np.linalg.norm(points - np.asarray(m), axis=1) for m in minima], axis=0)


@pytest.mark.parametrize("path", LESSON_FILES, ids=[p.stem for p in LESSON_FILES])
def test_shipped_lesson_loads_and_runs_to_its_expected_state(path):
    lesson = load_lesson(path)
    expect = lesson.expect
    assert expect, f"{path.name} has no [expect]"
    runs = run_to_step_limit(lesson.setup)
    assert len(runs) == len(lesson.setup.contenders) == len(expect["status"])
    for i, run in enumerate(runs):
        what = f"{path.name}, optimizer {i + 1} ({lesson.setup.contenders[i].optimizer})"
        assert run.status_names == [expect["status"][i]], what
        if expect.get("final") and expect["final"][i] is not None:
            np.testing.assert_allclose(run.params[0], expect["final"][i], rtol=0, atol=expect["tolerance"],
                                       err_msg=what)
        if "stopped_at" in expect:
            assert int(run.stopped_at[0]) == expect["stopped_at"][i], what
        history = run.history()
        assert history.step.tolist() == list(range(len(history.step)))  # every step is recorded
        if expect.get("path") and expect["path"][i] is not None:
            points = expect["path"][i]
            np.testing.assert_allclose(history.params[: len(points), 0], points, rtol=0,
                                       atol=expect["tolerance"], err_msg=what)
        if expect.get("closest") and expect["closest"][i] is not None:
            distance, step = expect["closest"][i]
            away = distance_from_minima(history.params[:, 0], lesson.problem.minima)
            assert int(np.argmin(away)) == step, what
            assert abs(away.min() - distance) <= expect["tolerance"], (what, away.min())


@pytest.mark.parametrize("path", LESSON_FILES, ids=[p.stem for p in LESSON_FILES])
def test_shipped_lesson_has_english_and_chinese_title_and_notes(path):
    lesson = load_lesson(path)
    for field in ("title", "notes"):
        en, zh = lesson.text(field, "en"), lesson.text(field, "zh")
        assert en.strip() and zh.strip(), f"{path.name}: {field} is missing a language"
        assert getattr(lesson, field).keys() == {"en", "zh"}
        assert not CJK.search(en), f"{path.name}: the English {field} has Chinese in it"
        assert CJK.search(zh), f"{path.name}: the Chinese {field} has no Chinese in it"
    # A note for the teacher: two to five English sentences.
    sentences = re.findall(r"[.?!](?:\s|$)", lesson.text("notes", "en"))
    assert 2 <= len(sentences) <= 5, f"{path.name}: {len(sentences)} sentences"


def test_a_shipped_lesson_shows_the_step_activation_stuck_at_step_zero():
    stuck = [lesson for lesson in shipped_lessons() if lesson.setup.activation == "step"]
    assert stuck
    for lesson in stuck:
        assert lesson.expect["status"] == ["stuck"] * len(lesson.setup.contenders)
        assert lesson.expect["stopped_at"] == [0] * len(lesson.setup.contenders)
        assert all(tuple(p) == lesson.setup.start for p in lesson.expect["final"])


def test_the_sigmoid_lesson_sends_the_teacher_to_tanh_relu_and_the_step():
    sigmoid = [lesson for lesson in shipped_lessons() if lesson.setup.activation == "sigmoid"]
    assert sigmoid
    for language, words in (("en", ("tanh", "ReLU", "step", "zero")), ("zh", ("tanh", "ReLU", "阶跃", "零"))):
        notes = sigmoid[0].text("notes", language)
        for word in words:
            assert word in notes, (language, word)


def test_the_regression_lesson_expects_the_least_squares_line():
    """Its expected end is the normal equations' solution, computed here from the CSV without gdsim
    (for the loss SSE or MSE, whose minimum is the same)."""
    lessons = [lesson for lesson in shipped_lessons() if lesson.setup.problem == "linreg"]
    assert lessons
    for lesson in lessons:
        data = np.loadtxt(resource("datasets", f"{lesson.setup.data}.csv"), delimiter=",", skiprows=1)
        A = np.column_stack([data[:, 0], np.ones(len(data))])
        best = np.linalg.solve(A.T @ A, A.T @ data[:, 1])
        finals = [final for final in lesson.expect["final"] if final is not None]  # [] for a wandering run
        assert finals, f"{lesson.path.name} checks no run's end"
        for final in finals:
            np.testing.assert_allclose(final, best, atol=lesson.expect["tolerance"])


def test_the_learning_rate_lesson_covers_too_small_to_divergent():
    lesson = next(x for x in shipped_lessons() if x.path.name.startswith("02-"))
    assert [c.hyperparameters["lr"] for c in lesson.setup.contenders] == [0.02, 0.3, 1.0, 1.1]
    assert lesson.expect["status"][2:] == ["step limit", "diverged"]


# --- text -------------------------------------------------------------------------------------------


def test_text_falls_back_to_english():
    titles = {"en": "Title", "zh": "标题"}
    lesson = Lesson(Path("x.toml"), 1, titles, {"en": "Notes"}, Setup(), LessonView(), {})
    assert lesson.text("title", "zh") == "标题"
    assert lesson.text("title", "zh_CN") == "标题"
    assert lesson.text("title", "zh-Hans") == "标题"
    assert lesson.text("title", "fr") == "Title"
    assert lesson.text("notes", "zh") == "Notes"
    with pytest.raises(ValueError, match="title and notes"):
        lesson.text("setup", "en")


# --- saving and loading -----------------------------------------------------------------------------

TITLE = {"en": "My lesson", "zh": "我的课"}
NOTES = {"en": "First line.\nSecond line with \"quotes\" and a backslash \\.", "zh": "第一句。\n第二句。"}


def assert_round_trip(path: Path, setup: Setup, view: LessonView, number: int = 3) -> Lesson:
    save_lesson(path, setup, view, TITLE, NOTES, number)
    lesson = load_lesson(path)
    assert lesson.setup == setup
    assert lesson.view == view
    assert (lesson.title, lesson.notes, lesson.number) == (TITLE, NOTES, number)
    assert lesson.path == path
    return lesson


def test_round_trip_of_an_analytic_problem_at_full_speed(tmp_path):
    setup = Setup("rosenbrock", contenders=(Contender("adam", {"lr": 0.02, "beta1": 0.8}), Contender("sgd")),
                  start=(-1.5, 2.0), speed=None, step_limit=123_456, tol=1e-9)
    view = LessonView(log_scale=True, step_parts=True, formula=False)
    assert_round_trip(tmp_path / "mine.toml", setup, view)
    assert 'speed = "max"' in (tmp_path / "mine.toml").read_text(encoding="utf-8")


def test_round_trip_keeps_each_optimizers_schedule_and_mini_batches(tmp_path):
    setup = Setup("linreg", data="line", loss="half-mse", contenders=(
        Contender("sgd", {"lr": 0.1}, Schedule("cosine", decay_steps=50, floor=0.1, warmup=5)),
        Contender("sgd", {"lr": 0.1}, None, 1, 7),
        Contender("momentum", {}, Schedule("step", decay_steps=10, gamma=0.5), 4),
    ), speed=10.0, step_limit=300)
    assert_round_trip(tmp_path / "s.toml", setup, LessonView())
    text = (tmp_path / "s.toml").read_text(encoding="utf-8")
    assert 'schedule = "cosine"\ndecay_steps = 50\nfloor = 0.1\nwarmup = 5' in text
    assert "batch_size = 1\nseed = 7" in text


def test_round_trip_keeps_each_optimizers_own_start(tmp_path):
    setup = Setup("himmelblau", contenders=(Contender("sgd", {"lr": 0.01}, start=(0.13, -0.52)),
                                            Contender("sgd", {"lr": 0.01}),
                                            Contender("adam", start=(-1.0, 2.5))),
                  start=(1.0, 1.0), speed=10.0, step_limit=300)
    lesson = assert_round_trip(tmp_path / "starts.toml", setup, LessonView())
    assert lesson.setup.starts_of(lesson.problem) == ((0.13, -0.52), (1.0, 1.0), (-1.0, 2.5))
    assert "start = [\n    0.13,\n    -0.52,\n]" in (tmp_path / "starts.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("start", "says"), [
    ("[1.0]", r"optimizers\[2\] start has 1 number; problem 'himmelblau' has 2 parameters \(x, y\)"),
    ('"here"', r"\[setup\] optimizers\[2\] start must be an array of numbers such as \[0\.0, 0\.0\]"),
    ("[1.0, nan]", r"\[setup\] optimizers\[2\] start must be finite numbers"),
])
def test_an_optimizers_own_start_that_does_not_fit_is_refused(tmp_path, start, says):
    path = tmp_path / "bad-start.toml"
    path.write_text(f"""[lesson]\nnumber = 12\ntitle = {{ en = "Starts" }}\n
[setup]\nproblem = "himmelblau"\nspeed = 10\nstep_limit = 10\n
[[setup.optimizers]]\nname = "sgd"\n
[[setup.optimizers]]\nname = "sgd"\nstart = {start}\n""", encoding="utf-8")
    with pytest.raises(LessonError, match=says):
        load_lesson(path)


def test_a_lessons_schedules_and_batches_are_the_runs_own(tmp_path):
    # The noisy path of one-sample steps beside the full-batch one, and a decay: as the file says.
    path = tmp_path / "l.toml"
    path.write_text(edit(edit(NEURON, "tol = 1e-6", "tol = 1e-6\nseed = 5"),
                         'name = "sgd"\nlr = 0.1', 'name = "sgd"\nlr = 0.1\nbatch_size = 1\n'
                         'schedule = "exponential"\ngamma = 0.9\nwarmup = 2'), encoding="utf-8")
    lesson = load_lesson(path)
    first, second = lesson.setup.contenders
    assert (first.batch_size, first.seed) == (1, 5)
    assert first.schedule == Schedule("exponential", gamma=0.9, warmup=2)
    assert (second.batch_size, second.seed, second.schedule) == (None, 0, None)
    noisy, full = build(lesson.setup).runs
    assert (noisy.batch_size, noisy.seed, noisy.schedule) == (1, 5, first.schedule)
    assert full.batch_size is None and full.schedule is None
    noisy.advance(3)
    assert noisy.lr_at(np.arange(1, 4)).tolist() == [0.05, 0.1, 0.1]
    sim = gdsim.simulate("neuron", "sgd", None, 3, data="pass-fail", activation="sigmoid", loss="sse", lr=0.1,
                         batch_size=1, seed=5, schedule=first.schedule)
    np.testing.assert_array_equal(noisy.history().params, sim.params)
    # [setup]'s batch_size is every optimizer's unless its own says otherwise.
    path.write_text(edit(NEURON, "tol = 1e-6", "tol = 1e-6\nbatch_size = 8"), encoding="utf-8")
    assert [c.batch_size for c in load_lesson(path).setup.contenders] == [8, 8]


def test_round_trip_keeps_the_problems_own_start_and_builtin_data(tmp_path):
    setup = Setup("neuron", data="pass-fail", activation="tanh", loss="mse",
                  contenders=(Contender("momentum", {"lr": 0.1, "momentum": 0.0}),), speed=7.5, step_limit=50)
    lesson = assert_round_trip(tmp_path / "n.toml", setup, LessonView())
    assert lesson.setup.start is None and lesson.setup.data == "pass-fail"


def test_round_trip_with_a_csv_beside_the_lesson_is_written_relative(tmp_path):
    folder = tmp_path / "course"
    (folder / "data").mkdir(parents=True)
    csv = folder / "data" / "scores.csv"
    csv.write_text("x,y\n0,1\n1,3\n2,5.5\n", encoding="utf-8")
    setup = Setup("linreg", data=str(csv), loss="sse", contenders=(Contender("sgd", {"lr": 0.01}),),
                  start=(0.5, 0.5), speed=4.0, step_limit=200)
    assert_round_trip(folder / "lesson.toml", setup, LessonView(step_parts=True))
    assert 'data = "data/scores.csv"' in (folder / "lesson.toml").read_text(encoding="utf-8")

    # The lesson travels with its data: moved elsewhere, it reads the CSV from its new folder.
    moved = shutil.copytree(folder, tmp_path / "moved")
    lesson = load_lesson(moved / "lesson.toml")
    assert lesson.setup.data == str(moved / "data" / "scores.csv")
    assert build(lesson.setup).problem.dataset.y.tolist() == [1.0, 3.0, 5.5]


def test_a_relative_data_path_is_read_from_the_lessons_folder_not_the_working_directory(tmp_path,
                                                                                        monkeypatch):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "points.csv").write_text("x,y\n1,2\n2,4\n", encoding="utf-8")
    path = tmp_path / "lessons" / "l.toml"
    text = edit(VALID, 'problem = "parabola"\nstart = [2.0]', 'problem = "linreg"\ndata = "points.csv"')
    path.write_text(edit(text, "final = [[0.0], []]\n", ""), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load_lesson(path).setup.data == str(tmp_path / "lessons" / "points.csv")
    monkeypatch.chdir(tmp_path / "lessons")
    assert load_lesson("l.toml").setup.data == str(tmp_path / "lessons" / "points.csv")


def test_a_csv_outside_the_lessons_folder_is_written_as_an_absolute_path(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "lessons").mkdir()
    csv = tmp_path / "elsewhere" / "d.csv"
    csv.write_text("x,y\n1,0\n2,1\n", encoding="utf-8")
    setup = Setup("neuron", data=str(csv), contenders=(Contender("sgd", {"lr": 0.5}),), step_limit=10)
    assert_round_trip(tmp_path / "lessons" / "l.toml", setup, LessonView())


@pytest.mark.parametrize("path", LESSON_FILES, ids=[p.stem for p in LESSON_FILES])
def test_every_shipped_lesson_survives_a_save_and_a_load(tmp_path, path):
    lesson = load_lesson(path)
    copy = tmp_path / path.name
    save_lesson(copy, lesson.setup, lesson.view, lesson.title, lesson.notes, lesson.number)
    again = load_lesson(copy)
    assert (again.setup, again.view, again.title, again.notes, again.number) == (
        lesson.setup, lesson.view, lesson.title, lesson.notes, lesson.number)


def test_texts_are_stripped_and_read_with_newline_line_ends(tmp_path):
    path = tmp_path / "l.toml"
    save_lesson(path, Setup(), LessonView(), {"en": "  Title\n"}, {"en": "One.\r\nTwo.\rThree.\n\n"}, 1)
    lesson = load_lesson(path)
    assert lesson.title == {"en": "Title"}
    assert lesson.notes == {"en": "One.\nTwo.\nThree."}


def test_saving_replaces_a_file_and_leaves_nothing_else_behind(tmp_path):
    path = tmp_path / "l.toml"
    save_lesson(path, Setup(), LessonView(), TITLE, {}, 1)
    save_lesson(path, replace(Setup(), step_limit=42), LessonView(), TITLE, {}, 2)
    assert [p.name for p in tmp_path.iterdir()] == ["l.toml"]
    assert load_lesson(path).setup.step_limit == 42
    assert load_lesson(path).notes == {}


@pytest.mark.parametrize("setup, title, number, message", [
    (Setup(contenders=(Contender("sgd", {"lr": -1.0}),)), TITLE, 1, "optimizers[1]: the learning rate"),
    (Setup(contenders=(Contender("adom"),)), TITLE, 1, "unknown optimizer 'adom'"),
    (Setup(start=(1.0, 2.0)), TITLE, 1, "start has 2 numbers"),
    (Setup(problem="nope"), TITLE, 1, "unknown problem 'nope'"),
    (Setup(speed=0.0), TITLE, 1, 'speed must be a number of steps per second from 0.1 to 1,000, or "max"'),
    (Setup(), {"zh": "只有中文"}, 1, "needs title.en"),
    (Setup(), TITLE, 21, "number must be a whole number from 1 to 20"),
    (Setup(data="line"), TITLE, 1, "data applies only to the problems linreg and neuron"),
])
def test_saving_a_bad_lesson_raises_and_keeps_the_old_file(tmp_path, setup, title, number, message):
    path = tmp_path / "l.toml"
    save_lesson(path, Setup(), LessonView(), TITLE, NOTES, 4)
    before = path.read_bytes()
    with pytest.raises(LessonError) as caught:
        save_lesson(path, setup, LessonView(), title, NOTES, number)
    assert str(caught.value).startswith(f"lesson file {path}: ")
    assert message in str(caught.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["l.toml"]


_DOMAIN_POINT = st.sampled_from(sorted(ANALYTIC_PROBLEMS)).flatmap(
    lambda name: st.tuples(st.just(name), st.tuples(*(
        st.floats(lo, hi, allow_nan=False) for lo, hi in ANALYTIC_PROBLEMS[name].domain))))


TEXT = st.characters(blacklist_characters="\r", blacklist_categories=("Cs",))  # "\r\n" is read as "\n"


@st.composite
def _contender(draw):
    optimizer = OPTIMIZERS[draw(st.sampled_from(sorted(OPTIMIZERS)))]
    values = {}
    for h in optimizer.hyperparameters:
        if draw(st.booleans()):
            low, high = field_range(h)  # what the engine allows and the window shows
            value = draw(st.floats(low, min(high, 1e6), allow_nan=False, allow_infinity=False).filter(
                lambda v: v == 0 or abs(v) >= SHOWN_RANGE[0]))
            values[h.name] = value
    return Contender(optimizer.name, values, draw(st.none() | _schedule()))


@st.composite
def _schedule(draw):
    kind = SCHEDULES[draw(st.sampled_from(sorted(SCHEDULES)))]
    settings = {}
    for p in (*kind.parameters, WARMUP):
        if draw(st.booleans()):
            if p.whole:
                settings[p.name] = draw(st.integers(int(p.low), int(p.high)))
            else:
                high = min(p.high, 1e6)
                settings[p.name] = draw(st.floats(p.low, high, exclude_min=p.low_open, allow_nan=False))
    return Schedule(kind.name, **settings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem_start=_DOMAIN_POINT, own_start=st.booleans(), contenders=st.lists(_contender(), min_size=1,
       max_size=4), speed=st.one_of(st.none(), st.floats(*SPEED_RANGE)),
       step_limit=st.integers(1, 1_000_000_000), tol=st.floats(0.0, 1.0, allow_nan=False),
       view=st.builds(LessonView, st.booleans(), st.booleans(), st.booleans()), number=st.integers(1, 9),
       title=st.text(TEXT, min_size=1, max_size=30).filter(str.strip), notes=st.text(TEXT, max_size=60))
def test_any_valid_setup_survives_a_save_and_a_load(problem_start, own_start, contenders, speed, step_limit,
                                                     tol, view, number, title, notes):
    problem, start = problem_start
    setup = Setup(problem, contenders=tuple(contenders), start=None if own_start else start, speed=speed,
                  step_limit=step_limit, tol=tol)
    titles, notes_by_language = {"en": title.strip()}, {"zh": notes.strip()}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lesson.toml"
        save_lesson(path, setup, view, titles, notes_by_language, number)
        lesson = load_lesson(path)
    assert (lesson.setup, lesson.view, lesson.number, lesson.title, lesson.notes) == (
        setup, view, number, titles, notes_by_language)


# --- malformed lessons ------------------------------------------------------------------------------

VALID = """\
[lesson]
number = 2
title = { en = "Two runs", zh = "两次运行" }
notes = { en = "Watch them.", zh = "看。" }

[setup]
problem = "parabola"
start = [2.0]
speed = 2
step_limit = 100
tol = 1e-6

[[setup.optimizers]]
name = "sgd"
lr = 0.1

[[setup.optimizers]]
name = "momentum"
lr = 0.05
momentum = 0.5

[view]
log_scale = false
step_parts = true
formula = true

[expect]
status = ["converged", "converged"]
final = [[0.0], []]
"""

NEURON = VALID.replace('problem = "parabola"\nstart = [2.0]',
                       'problem = "neuron"\ndata = "pass-fail"\nactivation = "sigmoid"\nloss = "sse"'
                       ).replace("final = [[0.0], []]\n", "")


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def edited(text: str, old: str, new: str, fragments: list[str]) -> tuple[str, list[str]]:
    return edit(text, old, new), fragments


NO_VIEW = edit(VALID, "[view]\nlog_scale = false\nstep_parts = true\nformula = true\n", "")


def test_the_templates_of_the_malformed_cases_are_valid(tmp_path):
    for text in (VALID, NEURON, NO_VIEW):
        (tmp_path / "ok.toml").write_text(text, encoding="utf-8")
        lesson = load_lesson(tmp_path / "ok.toml")
        assert lesson.number == 2 and len(lesson.setup.contenders) == 2


PROBLEM_NAMES = "parabola, double-well, ravine, rosenbrock"
OPTIMIZER_NAMES = "sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam, adamax, nadam, amsgrad"
TITLE_LINE = 'title = { en = "Two runs", zh = "两次运行" }'
STATUS_LINE = 'status = ["converged", "converged"]'

# name: (the file's text, fragments its message must contain)
MALFORMED = {
    "no [lesson]": edited(
        VALID, "[lesson]\nnumber = 2\n" + TITLE_LINE + '\nnotes = { en = "Watch them.", zh = "看。" }\n', "",
        ["needs a [lesson] table"]),
    "no [setup]": edited(VALID, "[setup]\n", "[other]\n", ["unknown table or key 'other'", "[setup]"]),
    "no [setup] at all": (
        '[lesson]\nnumber = 1\ntitle = { en = "Empty" }\n',
        ["the file needs a [setup] table"]),
    "no title.en": edited(VALID, TITLE_LINE, 'title = { zh = "两次运行" }', ["[lesson] needs title.en"]),
    "no title": edited(VALID, TITLE_LINE + "\n", "", ["[lesson] needs title.en"]),
    "empty title.en": edited(
        VALID, 'en = "Two runs"', 'en = "  "',
        ["[lesson] needs title.en (it is empty)"]),
    "title not a table": edited(
        VALID, TITLE_LINE, 'title = "Two runs"',
        ["[lesson] title must be a table", 'title = { en = "…", zh = "…" }']),
    "unknown language": edited(
        VALID, 'zh = "看。"', 'fr = "Regardez."',
        ["[lesson] notes: unknown key 'fr'", "allowed keys: en, zh"]),
    "no number": edited(VALID, "number = 2\n", "", ["[lesson] needs number", "from 1 to 20"]),
    "number 21": edited(
        VALID, "number = 2", "number = 21",
        ["number must be a whole number from 1 to 20, got 21"]),
    "number 0": edited(VALID, "number = 2", "number = 0", ["from 1 to 20, got 0"]),
    "number a string": edited(VALID, "number = 2", 'number = "2"', ["from 1 to 20, got the string '2'"]),
    "unknown key in [lesson]": edited(
        VALID, "number = 2", 'number = 2\nauthor = "me"',
        ["[lesson]: unknown key 'author'", "allowed keys: number, title, notes"]),
    "unknown problem": edited(
        VALID, 'problem = "parabola"', 'problem = "parabol"',
        ["[setup] problem: unknown problem 'parabol'; choose one of: " + PROBLEM_NAMES]),
    "unknown optimizer": edited(
        VALID, 'name = "sgd"', 'name = "adom"',
        ["[setup] optimizers[1]: unknown optimizer 'adom'; choose one of: " + OPTIMIZER_NAMES]),
    "optimizer without a name": edited(
        VALID, 'name = "momentum"\n', "",
        ["[setup] optimizers[2] needs name (one of: " + OPTIMIZER_NAMES]),
    "no optimizers": edited(
        VALID,
        '[[setup.optimizers]]\nname = "sgd"\nlr = 0.1\n\n'
        '[[setup.optimizers]]\nname = "momentum"\nlr = 0.05\nmomentum = 0.5\n',
        "",
        ["[setup] needs optimizers"]),
    "unknown activation": edited(
        NEURON, 'activation = "sigmoid"', 'activation = "sigmod"',
        ["[setup] activation: unknown activation 'sigmod'; choose one of: sigmoid, tanh, relu, leaky_relu, "
         "softplus, identity, step"]),
    "unknown loss": edited(
        NEURON, 'loss = "sse"', 'loss = "mae"',
        ["[setup] loss: unknown loss 'mae'; choose one of: sse, mse, half-mse, bce"]),
    "activation on linreg": edited(
        NEURON, 'problem = "neuron"', 'problem = "linreg"',
        ["activation applies only to the problem neuron, not 'linreg'"]),
    "loss on an analytic problem": edited(
        VALID, "start = [2.0]", 'start = [2.0]\nloss = "mse"',
        ["[setup] loss applies only to the problems linreg and neuron"]),
    "bce with tanh": edited(
        NEURON, 'activation = "sigmoid"\nloss = "sse"', 'activation = "tanh"\nloss = "bce"',
        ["[setup]: loss 'bce' needs an activation whose output lies in (0, 1)"]),
    "unknown hyperparameter": edited(
        VALID, "lr = 0.1", "lr = 0.1\nbeta = 0.9",
        ["[setup] optimizers[1]: sgd has no hyperparameter 'beta'",
         "allowed keys: name, lr"]),
    "misspelt hyperparameter": edited(
        VALID, "momentum = 0.5", "momentun = 0.5",
        ["optimizers[2]: momentum has no hyperparameter 'momentun'",
         "did you mean 'momentum'",
         "allowed keys: name, lr, momentum"]),
    "negative learning rate": edited(
        VALID, "lr = 0.1", "lr = -0.1",
        ["[setup] optimizers[1]: the learning rate η (lr) must be in [0, ∞), got -0.1"]),
    "beta1 of 1": edited(
        VALID, 'name = "momentum"\nlr = 0.05\nmomentum = 0.5', 'name = "adam"\nbeta1 = 1.0',
        ["[setup] optimizers[2]: beta1 must be in [0, 1), got 1.0"]),
    "hyperparameter a string": edited(
        VALID, "lr = 0.1", 'lr = "0.1"',
        ["optimizers[1]: lr must be a number, got the string '0.1'"]),
    "start of the wrong dimension": edited(
        VALID, "start = [2.0]", "start = [2.0, 1.0]",
        ["[setup] start has 2 numbers; problem 'parabola' has 1 parameter (x)"]),
    "start of a 2-d problem too short": edited(
        NEURON, 'loss = "sse"', 'loss = "sse"\nstart = [1.0]',
        ["[setup] start has 1 number; problem 'neuron' has 2 parameters (w, b)"]),
    "start not numbers": edited(
        VALID, "start = [2.0]", 'start = ["two"]',
        ["[setup] start must be an array of numbers"]),
    "start infinite": edited(
        VALID, "start = [2.0]", "start = [inf]",
        ["[setup] start must be finite numbers"]),
    "start too far out": edited(
        VALID, "start = [2.0]", "start = [1e60]",
        ["[setup]: a start is too far out"]),
    "unknown key in [setup]": edited(
        VALID, "speed = 2", "spead = 2",
        ["[setup]: unknown key 'spead' (did you mean 'speed'?); allowed keys: problem, function, range, "
         "data, activation, loss, start, speed, step_limit, tol, batch_size, seed, optimizers"]),
    # learning-rate schedules and mini-batches, per optimizer (and batch_size, seed for all in [setup])
    "unknown schedule": edited(
        VALID, 'name = "sgd"\nlr = 0.1', 'name = "sgd"\nlr = 0.1\nschedule = "cosinus"',
        ["[setup] optimizers[1] schedule: unknown schedule 'cosinus'; choose one of: constant, step, "
         "exponential, inverse-time, cosine"]),
    "schedule not a string": edited(
        VALID, 'name = "sgd"\nlr = 0.1', 'name = "sgd"\nlr = 0.1\nschedule = 3',
        ["[setup] optimizers[1] schedule must be a string, got 3"]),
    "schedule parameter without a schedule": edited(
        VALID, 'name = "sgd"\nlr = 0.1', 'name = "sgd"\nlr = 0.1\ngamma = 0.5',
        ['[setup] optimizers[1]: gamma is a parameter of a learning-rate schedule; give schedule = "…" too '
         "(one of: constant, step"]),
    "parameter of another schedule": edited(
        VALID, 'name = "sgd"\nlr = 0.1', 'name = "sgd"\nlr = 0.1\nschedule = "cosine"\ngamma = 0.5',
        ["[setup] optimizers[1]: the schedule cosine has no parameter 'gamma'; its parameters are: "
         "decay_steps, floor, warmup"]),
    "schedule parameter out of range": edited(
        VALID, 'name = "sgd"\nlr = 0.1', 'name = "sgd"\nlr = 0.1\nschedule = "step"\ngamma = 1.5',
        ["[setup] optimizers[1]: gamma must be in (0, 1], got 1.5"]),
    "schedule steps not whole": edited(
        VALID, 'name = "sgd"\nlr = 0.1', 'name = "sgd"\nlr = 0.1\nschedule = "step"\ndecay_steps = 2.5',
        ["[setup] optimizers[1]: decay_steps must be a whole number from 1 to 1000000000, got 2.5"]),
    "schedule parameter a string": edited(
        VALID, 'name = "sgd"\nlr = 0.1', 'name = "sgd"\nlr = 0.1\nschedule = "step"\nwarmup = "10"',
        ["[setup] optimizers[1]: warmup must be a number, got the string '10'"]),
    "unknown key beside a schedule": edited(
        VALID, 'name = "sgd"\nlr = 0.1', 'name = "sgd"\nlr = 0.1\nschedule = "step"\nwarmpu = 3',
        ["[setup] optimizers[1]: sgd has no hyperparameter 'warmpu' (did you mean 'warmup'?); allowed keys: "
         "name, lr, decay_steps, gamma, warmup, schedule, batch_size, seed"]),
    "batch size not whole": edited(
        NEURON, 'name = "sgd"\nlr = 0.1', 'name = "sgd"\nlr = 0.1\nbatch_size = 2.0',
        ["[setup] optimizers[1]: batch_size must be a whole number ≥ 1, got 2.0"]),
    "batch size 0 for all": edited(
        NEURON, "tol = 1e-6", "tol = 1e-6\nbatch_size = 0",
        ["[setup] batch_size must be a whole number ≥ 1, got 0"]),
    "batch size above the data": edited(
        NEURON, 'name = "momentum"', 'name = "momentum"\nbatch_size = 41',
        ["[setup] optimizers[2]: the batch size must be a whole number from 1 to 40, got 41"]),
    "batch size on a fixed function": edited(
        VALID, 'name = "momentum"', 'name = "momentum"\nbatch_size = 4',
        ["[setup] optimizers[2]: batch_size applies only to the problems linreg and neuron, not 'parabola'"]),
    "negative seed": edited(
        NEURON, 'name = "sgd"\nlr = 0.1', 'name = "sgd"\nlr = 0.1\nbatch_size = 4\nseed = -1',
        ["[setup] optimizers[1]: seed must be a whole number ≥ 0, got -1"]),
    "seed without batches": edited(
        NEURON, 'name = "sgd"\nlr = 0.1', 'name = "sgd"\nlr = 0.1\nseed = 3',
        ["[setup] optimizers[1]: seed orders the mini-batches; give batch_size too"]),
    "seed for all without batches": edited(
        NEURON, "tol = 1e-6", "tol = 1e-6\nseed = 3",
        ["[setup] seed orders the mini-batches; give batch_size too"]),
    "unknown top-level table": edited(
        VALID, "[view]", "[veiw]",
        ["unknown table or key 'veiw'", "did you mean 'view'"]),
    "speed 0": edited(
        VALID, "speed = 2", "speed = 0",
        ['[setup] speed must be a number of steps per second from 0.1 to 1,000, or "max"; got 0']),
    "speed negative": edited(
        VALID, "speed = 2", "speed = -3.5",
        ["speed must be a number of steps per second from 0.1", "got -3.5"]),
    "speed too slow": edited(VALID, "speed = 2", "speed = 4.7e-7", ['or "max"; got 4.7e-07']),
    "speed too fast": edited(VALID, "speed = 2", "speed = 5000", ['or "max"; got 5000']),
    "speed a word": edited(VALID, "speed = 2", 'speed = "fast"', ['or "max"; got the string \'fast\'']),
    "speed true": edited(VALID, "speed = 2", "speed = true", ['or "max"; got true']),
    "speed infinite": edited(VALID, "speed = 2", "speed = inf", ['or "max"; got inf']),
    "eta 0": edited(
        VALID, "lr = 0.1", "lr = 0",
        ["[setup] optimizers[1]: the learning rate η (lr) must be from 1e-05 to 10 in the window, got 0"]),
    "eta 1000": edited(
        VALID, "lr = 0.1", "lr = 1000", ["η (lr) must be from 1e-05 to 10 in the window, got 1000"]),
    "momentum beyond 1e300": edited(
        VALID, "momentum = 0.5", "momentum = 1e301",
        ["[setup] optimizers[2]: momentum must be 0 or from 1e-300 to 1e+300 in the window, got 1e+301"]),
    "no speed": edited(VALID, "speed = 2\n", "", ['[setup] needs speed (steps per second, or "max"']),
    "step_limit 0": edited(
        VALID, "step_limit = 100", "step_limit = 0",
        ["[setup] step_limit must be a whole number from 1 to 1,000,000,000, got 0"]),
    "step_limit fractional": edited(
        VALID, "step_limit = 100", "step_limit = 2.5",
        ["step_limit must be a whole number", "got 2.5"]),
    "step_limit a float": edited(
        VALID, "step_limit = 100", "step_limit = 100.0",
        ["step_limit must be a whole number", "got 100.0"]),
    "step_limit a string": edited(VALID, "step_limit = 100", 'step_limit = "100"', ["got the string '100'"]),
    "step_limit negative": edited(
        VALID, "step_limit = 100", "step_limit = -5",
        ["step_limit must be a whole number", "got -5"]),
    "negative tolerance": edited(
        VALID, "tol = 1e-6", "tol = -1.0",
        ["[setup]: the tolerance must be ≥ 0, got -1.0"]),
    "view flag a number": edited(
        VALID, "log_scale = false", "log_scale = 1",
        ["[view] log_scale must be true or false, got 1"]),
    "view flag a string": edited(
        VALID, "formula = true", 'formula = "yes"',
        ["[view] formula must be true or false, got the string 'yes'"]),
    "unknown key in [view]": edited(
        VALID, "formula = true", "formula = true\ncolour = true",
        ["[view]: unknown key 'colour'; allowed keys: log_scale, step_parts, formula"]),
    "view not a table": edited(
        NO_VIEW, "[lesson]\n", "view = 3\n[lesson]\n",
        ["view must be a table [view], got 3"]),
    "missing data file": edited(
        NEURON, 'data = "pass-fail"', 'data = "nowhere/missing.csv"',
        ["[setup] data: the data file",
         "missing.csv does not exist",
         "a relative path is taken from the lesson's folder",
         "built-in datasets: line, pass-fail"]),
    "data on an analytic problem": edited(
        VALID, "start = [2.0]", 'start = [2.0]\ndata = "line"',
        ["[setup] data applies only to the problems linreg and neuron, "
                                           "not 'parabola'"]),
    "expect status too short": edited(
        VALID, STATUS_LINE, 'status = ["converged"]',
        ["[expect] status must be an array of statuses, one per optimizer (2 here)"]),
    "expect unknown status": edited(
        VALID, STATUS_LINE, 'status = ["converged", "done"]',
        ["[expect] status[2] must be one of: 'converged', 'diverged', 'step limit', 'stuck'"]),
    "expect final of the wrong dimension": edited(
        VALID, "final = [[0.0], []]", "final = [[0.0, 1.0], []]",
        ["[expect] final[1] has 2 numbers; problem 'parabola' has 1 "
                                                   "parameter"]),
    "expect without status": edited(VALID, STATUS_LINE + "\n", "", ["[expect] needs status"]),
    "expect path not arrays": edited(
        VALID, "final = [[0.0], []]", "final = [[0.0], []]\npath = [2.0, []]",
        ["[expect] path must be an array with, for each optimizer (2 here), an array of its first points"]),
    "expect path longer than the run": edited(
        VALID.replace("step_limit = 100", "step_limit = 1"), "final = [[0.0], []]",
        "final = [[0.0], []]\npath = [[[2.0], [1.6], [1.28]], []]",
        ["[expect] path[1] has 3 points; a run of 1 steps has at most 2"]),
    "expect path point of the wrong dimension": edited(
        VALID, "final = [[0.0], []]", "final = [[0.0], []]\npath = [[[2.0, 1.0]], []]",
        ["[expect] path[1][1] has 2 numbers; problem 'parabola' has 1 parameter"]),
    "expect closest malformed": edited(
        VALID, "final = [[0.0], []]", "final = [[0.0], []]\nclosest = [[0.1], []]",
        ["[expect] closest must be an array with, for each optimizer (2 here), a pair [distance ≥ 0, "
         "step from 0 to the step limit 100]"]),
    "expect closest without a known minimum": edited(
        VALID.replace('problem = "parabola"\nstart = [2.0]', 'problem = "saddle"\nstart = [1.0, 0.1]'),
        "final = [[0.0], []]", "closest = [[0.1, 3], []]",
        ["[expect] closest needs a problem with a known minimum; 'saddle' has none"]),
    "unknown key in [expect]": edited(
        VALID, "final = [[0.0], []]", "final = [[0.0], []]\nsteps = [1, 2]",
        ["[expect]: unknown key 'steps'",
         "allowed keys: status, final, tolerance, stopped_at"]),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_lesson_is_refused_with_the_file_and_the_problem(tmp_path, name):
    text, fragments = MALFORMED[name]
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    message = str(caught.value)
    assert message.startswith(f"lesson file {path}: "), message
    assert caught.value.path == path
    assert fragments and all(f in message for f in fragments), message
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("bad_line", ["lr = 0.1.2", "lr 0.1", 'name = "sgd', "[setup.optimizers"])
def test_a_toml_syntax_error_names_its_line(tmp_path, bad_line):
    lines = VALID.splitlines()
    at = lines.index("lr = 0.1")
    lines[at] = bad_line
    path = tmp_path / "bad.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    assert str(caught.value).startswith(f"lesson file {path}: line {at + 1}: "), str(caught.value)


def test_an_unterminated_string_at_the_end_is_placed_on_the_last_line(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(VALID + 'extra = """never closed\n', encoding="utf-8")
    with pytest.raises(LessonError, match=r"bad\.toml: line \d+: "):
        load_lesson(path)


def test_a_missing_or_unreadable_lesson_file_is_a_lesson_error(tmp_path):
    with pytest.raises(LessonError, match=r"missing\.toml: the file does not exist"):
        load_lesson(tmp_path / "missing.toml")
    (tmp_path / "latin1.toml").write_bytes(VALID.replace("看。", "caf\xe9").encode("latin-1", "replace"))
    with pytest.raises(LessonError, match=r"latin1\.toml: line 4: the file is not UTF-8"):
        load_lesson(tmp_path / "latin1.toml")
    with pytest.raises(LessonError, match="a folder, not a lesson file"):
        load_lesson(tmp_path)


def test_shipped_lessons_sort_by_number_and_refuse_a_number_used_twice(tmp_path, monkeypatch):
    monkeypatch.setattr(lessons_module, "lessons_folder", lambda: tmp_path)
    (tmp_path / "a.toml").write_text(VALID.replace("number = 2", "number = 7"), encoding="utf-8")
    (tmp_path / "b.toml").write_text(VALID.replace("number = 2", "number = 3"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a lesson", encoding="utf-8")
    assert [x.path.name for x in lessons_module.shipped_lessons()] == ["b.toml", "a.toml"]
    (tmp_path / "c.toml").write_text(VALID.replace("number = 2", "number = 3"), encoding="utf-8")
    with pytest.raises(LessonError, match=r"c\.toml: \[lesson\] number 3 is taken by b\.toml too"):
        lessons_module.shipped_lessons()


def test_the_expectations_can_fail(tmp_path):
    """The run check above is not vacuous: a wrong expectation disagrees with what the runs give."""
    path = tmp_path / "l.toml"
    path.write_text(edit(VALID, 'status = ["converged", "converged"]', 'status = ["converged", "diverged"]'),
                    encoding="utf-8")
    lesson = load_lesson(path)
    runs = run_to_step_limit(lesson.setup)
    assert [run.status_names[0] for run in runs] != lesson.expect["status"]
    assert math.isclose(runs[0].params[0][0], 0.0, abs_tol=lesson.expect["tolerance"])


# --- messages as templates, for translation --------------------------------------------------------

# Malformed files for the messages that MALFORMED above does not reach.
MORE_MALFORMED = [
    edit(VALID, 'problem = "parabola"', 'problem = "custom"'),
    edit(VALID, 'problem = "parabola"', 'problem = "parabola"\nrange = [-3, 3]'),
    edit(VALID, 'problem = "parabola"', 'problem = "custom"\nfunction = "x^2"\nrange = [3]'),
    edit(VALID, 'zh = "两次运行"', "zh = 3"),
    edit(VALID, 'problem = "parabola"', "problem = 3"),
    edit(VALID, "tol = 1e-6", 'tol = "small"'),
    edit(VALID, "start = [2.0]", "start = {x = 1.0}"),
    edit(VALID, "final = [[0.0], []]", "final = 3"),
    edit(VALID, "final = [[0.0], []]", "final = [[0.0], []]\nstopped_at = [1, 1000]"),
    edit(VALID, "final = [[0.0], []]", "final = [[0.0], []]\ntolerance = 0"),
    VALID.split("[[setup.optimizers]]")[0] + "optimizers = []\n",
    edit(VALID, 'problem = "parabola"\n', ""),
    edit(VALID, "step_limit = 100\n", ""),
    edit(VALID, "lr = 0.1", "lr = 0.1.2"),
    edit(NEURON, 'data = "pass-fail"', 'data = "  "'),
    edit(NEURON, 'data = "pass-fail"', 'data = "/nowhere/missing.csv"'),
    edit(NEURON, 'loss = "sse"', 'loss = "sse"\nstart = [1.0, 2.0, 3.0]'),
    edit(NEURON, 'loss = "sse"', 'loss = "sse"\nstart = "x"'),
]


def lesson_errors(tmp_path, monkeypatch) -> list[LessonError]:
    """A LessonError for every way of failing to read or to write a lesson that the tests know."""
    errors = []

    def caught(action, *args):
        with pytest.raises(LessonError) as error:
            action(*args)
        errors.append(error.value)

    path = tmp_path / "bad.toml"
    for text in [text for text, _ in MALFORMED.values()] + MORE_MALFORMED:
        path.write_text(text, encoding="utf-8")
        caught(load_lesson, path)
    caught(load_lesson, tmp_path / "missing.toml")
    caught(load_lesson, tmp_path)
    path.write_bytes(VALID.replace("看。", "caf\xe9").encode("latin-1", "replace"))
    caught(load_lesson, path)

    def refused(*args):
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as m:
        m.setattr(lessons_module.os, "open", refused)
        caught(load_lesson, path)
    for text in [deeply_nested(11), dotted_key(9), optimizer_tables(31), optimizer_tables(11),
                 edit(VALID, 'en = "Two runs"', 'en = "' + "T" * 201 + '"'),
                 edit(NEURON, 'data = "pass-fail"', 'data = "' + "d" * 5000 + '"')]:
        path.write_text(text, encoding="utf-8")
        caught(load_lesson, path)
    caught(load_lesson, Path("/dev/zero"))
    with open(path, "wb") as f:
        f.truncate(lessons_module.MAX_BYTES + 1)
    caught(load_lesson, path)
    path.write_text(VALID, encoding="utf-8")

    def broken(text):
        raise RecursionError("maximum recursion depth exceeded")

    with monkeypatch.context() as m:
        m.setattr(lessons_module.tomllib, "loads", broken)
        caught(load_lesson, path)
    for setup, title in [(Setup(problem="linreg", data=3), TITLE), (Setup(speed="fast"), TITLE),
                         (Setup(), {"en": object()})]:
        caught(save_lesson, tmp_path / "l.toml", setup, LessonView(), title, {}, 1)
    caught(save_lesson, tmp_path / "no such folder" / "l.toml", Setup(), LessonView(), TITLE, {}, 1)
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    for name in ("a.toml", "b.toml"):
        (shipped / name).write_text(VALID, encoding="utf-8")
    monkeypatch.setattr(lessons_module, "lessons_folder", lambda: shipped)
    caught(shipped_lessons)
    return errors


def inside(message):
    """A message and every message among its values (a value with a template of its own), in depth."""
    yield message
    for value in message.values.values():
        if getattr(value, "template", None):
            yield from inside(value)


def marked(path: Path) -> set[str]:
    """The texts that a source file marks with QT_TRANSLATE_NOOP("errors", "…")."""
    return {node.args[1].value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP"
            and node.args[0].value == "errors"}


def test_every_lesson_message_is_a_marked_template_filled_in_with_its_values(tmp_path, monkeypatch):
    errors = lesson_errors(tmp_path, monkeypatch)
    ours = marked(ROOT / "gdsim" / "model" / "lessons.py")
    engine = set().union(*(marked(p) for p in (ROOT / "gdsim" / "engine").glob("*.py")),
                         marked(ROOT / "gdsim" / "model" / "setup.py"))  # and what the window can show
    used = set()
    for error in errors:
        assert str(error) == f"lesson file {error.path}: {error.problem}"
        assert error.template == "lesson file {path}: {problem}"
        for message in inside(error):
            assert message.template in ours | engine, message.template
            assert str(message) == (message.template.format(**message.values) if message.values
                                    else message.template)
            used.add(message.template)
    assert ours - used == set()  # the cases above reach every message lessons.py can give


def fields(template: str) -> list[str]:
    """The placeholders of a template with their conversions and formats, such as '{got!r}'."""
    parts = string.Formatter().parse(template)
    return sorted(f"{name}!{conversion}:{spec}" for _, name, spec, conversion in parts if name is not None)


def test_every_lesson_message_has_a_chinese_template_with_the_same_values(tmp_path, monkeypatch):
    """No placeholder is lost, added or changed in translation, so each Chinese text fills in."""
    ts = ET.parse(resource("i18n", "gdsim_zh_CN.ts")).getroot()
    chinese = {m.find("source").text: m.find("translation").text
               for c in ts.iter("context") if c.find("name").text == "errors" for m in c.iter("message")}
    for error in lesson_errors(tmp_path, monkeypatch):
        for message in inside(error):
            text = chinese[message.template]
            assert fields(text) == fields(message.template), text
            if message.values:
                text.format(**message.values)
        assert chinese[error.template].format(**error.values).startswith(f"课件 {error.path}：")


# --- hostile lesson files: refused quickly, in one message, whatever they hold ----------------------


def deeply_nested(levels: int) -> str:
    return VALID + "deep = " + "[" * levels + "]" * levels + "\n"


def dotted_key(levels: int) -> str:
    return VALID + "a" + ".a" * (levels - 1) + " = 1\n"


def optimizer_tables(count: int) -> str:
    return VALID.split("[view]")[0].split("[[setup.optimizers]]")[0] + (
        '[[setup.optimizers]]\nname = "adam"\nlr = 0.01\n' * count)


@pytest.mark.parametrize("text, says", [
    (deeply_nested(500), "line 30: arrays and tables nest more than"),
    (deeply_nested(50_000), "nest more than"),
    (VALID + "deep = " + "{a = " * 600 + "1" + "}" * 600 + "\n", "nest more than"),
    (dotted_key(100_000), "line 30: a key has more than"),
    ("[" + ".".join(["t"] * 50_000) + "]\n" + VALID, "line 1: a key has more than"),
    (optimizer_tables(1000), "tables"),
    (optimizer_tables(11), "[setup] has 11 optimizers; a lesson runs at most 10 side by side"),
    (edit(VALID, 'en = "Two runs"', 'en = "' + "T" * 201 + '"'), "[lesson] title.en has 201 characters"),
    (edit(VALID, 'en = "Watch them."', 'en = """' + "n" * 20_001 + '"""'),
     "[lesson] notes.en has 20,001 characters"),
])
def test_a_hostile_lesson_file_is_refused_with_one_message(tmp_path, text, says):
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    message = str(caught.value)
    assert message.startswith(f"lesson file {path}: ") and says in message, message[:300]
    assert "\n" not in message and len(message) < 400, message[:300]


def test_a_lesson_file_larger_than_the_limit_is_not_read(tmp_path):
    path = tmp_path / "big.toml"
    path.write_text(VALID + "# " + "x" * lessons_module.MAX_BYTES + "\n", encoding="utf-8")
    with pytest.raises(LessonError, match=r"is larger than 256 KB; a lesson file has at most 256 KB"):
        load_lesson(path)


@pytest.mark.parametrize("make, says", [
    (lambda tmp: Path("/dev/zero"), "not a regular file (it is a device)"),
    (lambda tmp: (tmp / "zero.toml").symlink_to("/dev/zero") or tmp / "zero.toml", "(it is a device)"),
    (lambda tmp: os.mkfifo(tmp / "fifo.toml") or tmp / "fifo.toml", "(it is a FIFO)"),
])
def test_a_lesson_path_that_is_no_regular_file_is_refused_without_reading(tmp_path, make, says):
    path = make(tmp_path)
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    assert says in str(caught.value)


@pytest.mark.parametrize("text, says", [
    (edit(VALID, 'name = "sgd"', 'name = "' + "x" * 100_000 + '"'), "unknown optimizer 'xxxxxxx"),
    (edit(VALID, "number = 2", 'number = "' + "<b>" * 50_000 + '"'), "got the string '<b><b>"),
    (edit(VALID, "number = 2", "number = 2\n" + "k" * 100_000 + " = 1"), "unknown key 'kkkk"),
])
def test_a_message_quotes_a_long_value_in_short(tmp_path, text, says):
    path = tmp_path / "long.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    assert says in str(caught.value) and len(str(caught.value)) < 400


def test_a_lesson_loads_the_same_on_other_threads(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "ok.toml"
    path.write_text(VALID, encoding="utf-8")
    with ThreadPoolExecutor(4) as pool:
        lessons = list(pool.map(load_lesson, [path] * 8))
    assert all(lesson == load_lesson(path) for lesson in lessons)

"""The chain-rule panel, driven as a user drives it: View → Chain rule (or the key C), the sample's
spin box, a click on a data point; its numbers are the engine's, and follow the run as it steps."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

import gdsim
from gdsim.model.lessons import shipped_lessons
from tests.tolerance import EPS


@pytest.fixture
def neuron(window, qtbot):
    """The window with lesson 6 (the sigmoid neuron on pass/fail data, the chain rule shown)."""
    qtbot.waitUntil(lambda: bool(window.lessons), timeout=5000)
    lesson = next(x for x in window.lessons if x.number == 6)
    assert window.load_lesson(lesson)
    # as a user acts: once the lesson is on screen (the panel follows what Qt has painted)
    qtbot.waitUntil(lambda: window.canvas.last_painted is not None
                    and window.canvas.last_painted.problem is lesson.problem)
    return window


def shown(window):
    return window.chain_rule.text.values


def agrees(sums, gradient, terms) -> bool:
    return bool(np.all(np.abs(np.asarray(sums) - gradient)
                       <= (len(terms) + 1) * EPS * np.abs(terms).sum(axis=0) + 8 * EPS * np.abs(gradient)))


def test_key_c_and_the_view_menu_show_and_hide_the_chain_rule(qtbot, window):
    assert not window.chain_dock.isVisible()
    action = window.actions.show_chain_rule
    assert action.shortcut().toString() == "C" and action in window.actions.view_menu.actions()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_C)
    assert window.chain_dock.isVisible() and action.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_C)
    assert not window.chain_dock.isVisible() and not action.isChecked()
    action.trigger()
    assert window.chain_dock.isVisible()
    listed = dict((text, keys) for keys, text in window.actions.shortcut_list())
    assert listed["Chain rule for the neuron"] == "C"


def test_a_fixed_function_says_what_the_chain_rule_is_for(qtbot, window):
    window.actions.show_chain_rule.trigger()
    qtbot.waitUntil(lambda: "Linear regression" in window.chain_rule.browser.toPlainText())
    assert not window.chain_rule.sample.isEnabled()


def test_lesson_6_opens_the_panel_with_sample_1_s_chain(qtbot, neuron):
    window = neuron
    assert window.chain_dock.isVisible() and window.actions.show_chain_rule.isChecked()
    qtbot.waitUntil(lambda: shown(window).get("n") == 40)
    values = shown(window)
    rule = gdsim.chain_rule(window.session.problem, [-1.0, 0.0])
    assert values["sample"] == 0 and values["h"] == -0.3 and values["yhat"] == rule.yhat[0]
    assert values["dE_dyhat"] == -(values["y"] - values["yhat"])
    assert values["dyhat_dh"] == values["yhat"] * (1 - values["yhat"])
    np.testing.assert_array_equal(values["terms"], rule.terms[0])
    text = " ".join(window.chain_rule.browser.toPlainText().split())  # its lines joined
    for part in ("∂ŷ/∂h = f′(h) = f(h)(1 − f(h)) = 0.2445", "∂E/∂ŷ = −(y − ŷ) = 0.4256",
                 "0.4256 × 0.2445 × 0.3000 = 0.03121", "∂L/∂w = −0.7697", "∂L/∂b = 0.4226",
                 "the gradient the optimizer steps with"):
        assert part in text, part
    assert "SSE" in window.chain_rule.count.text()
    # the sum of the products is the gradient the run steps with
    track = window.session.latest.watched_track
    assert agrees(values["sums"], track.update_gradient, rule.terms)


def test_the_spin_box_chooses_the_sample_and_rings_it_on_the_data(qtbot, neuron):
    window = neuron
    spin = window.chain_rule.sample
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: shown(window).get("sample") == 1)
    data = window.session.problem.dataset
    assert shown(window)["x"][0] == data.X[1, 0] and shown(window)["y"] == data.y[1]
    ring = window.canvas.data.chosen.getData()
    assert (ring[0][0], ring[1][0]) == (data.X[1, 0], data.y[1])
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, "40")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(window).get("sample") == 39)
    assert round(shown(window)["terms"][0], 4) == -0.0160


def test_clicking_a_data_point_shows_its_chain(qtbot, neuron):
    window = neuron
    view = window.canvas.data
    data = window.session.problem.dataset
    row = 33
    box = view.getPlotItem().getViewBox()
    scene = box.mapViewToScene(gdsim_point(data.X[row, 0], data.y[row]))
    target = view.mapFromScene(scene)
    # several samples share (x, y): the click chooses one of the points drawn there
    same = {i for i in range(len(data.y)) if (data.X[i, 0], data.y[i]) == (data.X[row, 0], data.y[row])}
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(target.x(), target.y()))
    qtbot.waitUntil(lambda: shown(window).get("sample") in same)
    assert window.chain_rule.sample.value() - 1 in same


def gdsim_point(x, y):
    import pyqtgraph as pg

    return pg.Point(float(x), float(y))


def test_the_panel_follows_the_run_as_it_steps(qtbot, neuron):
    window = neuron
    qtbot.waitUntil(lambda: shown(window).get("n") == 40)
    first = shown(window)["sums"].copy()
    window.activateWindow()  # loading the lesson may leave no window active offscreen: keys go nowhere
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Right)  # Run → One step
    qtbot.waitUntil(lambda: window.session.latest.watched_track.step == 1
                    and not np.array_equal(shown(window)["sums"], first))
    track = window.session.latest.watched_track
    np.testing.assert_array_equal(np.round(track.params, 4), [-0.7691, -0.1268])
    rule = gdsim.chain_rule(window.session.problem, track.params)
    np.testing.assert_array_equal(shown(window)["sums"], rule.gradient)
    assert agrees(shown(window)["sums"], track.gradient, rule.terms)


def test_mini_batches_sum_over_the_batch_the_step_uses(qtbot, neuron):
    window = neuron
    window.session.set_batches(8, 2)
    qtbot.waitUntil(lambda: window.session.latest.watched_track.batch_rows is not None
                    and "batch_sums" in shown(window))
    track = window.session.latest.watched_track
    values = shown(window)
    batch = gdsim.chain_rule(window.session.problem, track.params, rows=track.batch_rows)
    assert values["batch_n"] == 8
    assert agrees(values["batch_sums"], track.update_gradient, batch.terms)
    assert "mini-batch of 8 samples" in window.chain_rule.browser.toPlainText()


def test_several_inputs_show_each_weight_s_edge(qtbot, window, tmp_path, loaded):
    (tmp_path / "three.csv").write_text("x1,x2,x3,y\n" + "\n".join(
        f"{a},{b},{c},{a - b + 0.5 * c}" for a, b, c in ((1, 2, 3), (0.5, -1, 2), (2, 0, -1), (-1, 1, 1))))
    lesson = tmp_path / "three.toml"
    lesson.write_text('[lesson]\nnumber = 1\ntitle = { en = "three" }\n[setup]\nproblem = "linreg"\n'
                      'data = "three.csv"\nspeed = 1\nstep_limit = 10\n[[setup.optimizers]]\nname = "sgd"\n'
                      "[view]\nchain_rule = true\n")
    assert loaded(window.session, lambda: window.open_lesson_file(lesson))  # read in the background
    qtbot.waitUntil(lambda: shown(window).get("n") == 4)
    text = " ".join(window.chain_rule.browser.toPlainText().split())
    for part in ("∂h/∂w1 = x1", "∂h/∂w2 = x2", "∂h/∂w3 = x3", "∂h/∂b = 1", "∂E/∂w3 =", "∂L/∂w2 =",
                 "∂ŷ/∂h = 1"):
        assert part in text, part
    track = window.session.latest.watched_track
    rule = gdsim.chain_rule(window.session.problem, track.params)
    assert agrees(shown(window)["sums"], track.update_gradient, rule.terms)


def test_the_chain_rule_reads_in_chinese_at_200_percent_and_1024_by_700(qtbot, neuron):
    window = neuron
    window.resize(1024, 700)
    window.set_scale(2.0)
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: "样本" in window.chain_rule.sample_label.text())
    qtbot.waitUntil(lambda: "梯度" in window.chain_rule.browser.toPlainText())
    assert window.chain_dock.windowTitle() == "链式法则"
    assert window.chain_rule.browser.font().pointSizeF() == pytest.approx(21.0)
    assert window.chain_dock.height() >= 0.3 * window.height()  # room for the graph below the canvas
    panel = window.chain_rule
    # too wide across at this scale: drawn from top to bottom, no formula squeezed onto two lines
    qtbot.waitUntil(lambda: "↓" in panel.browser.toPlainText())
    assert panel._natural_width(panel.text.graph) <= panel.browser.viewport().width()
    window.set_scale(1.0)
    qtbot.waitUntil(lambda: "→" in panel.browser.toPlainText())  # across again
    assert panel._natural_width(panel.text.graph) <= panel.browser.viewport().width()


def test_every_shipped_lesson_but_6_leaves_the_panel_hidden(qtbot, window):
    for lesson in shipped_lessons():
        assert lesson.view.chain_rule == (lesson.number == 6), lesson.number


def test_key_s_shows_the_secant_and_its_slope_tends_to_the_tangent_s(qtbot, window):
    """Lesson 1: at x = 2 the secant's slope is 5, 4.1, 4.01 for h = 1, 0.1, 0.01; the tangent's is 4."""
    qtbot.waitUntil(lambda: bool(window.lessons), timeout=5000)
    assert window.load_lesson(window.lessons[0])
    qtbot.waitUntil(lambda: window.canvas.last_drawn is not None
                    and window.canvas.last_drawn.problem is window.lessons[0].problem)
    secant = window.canvas.parameters.secant
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_S)
    assert window.actions.secant.isChecked() and secant.bar.isVisible()
    qtbot.waitUntil(lambda: secant.values.get("h") == 1.0)
    slider = secant.bar.slider
    seen = []
    for _ in range(3):
        seen.append(secant.label.toPlainText())
        slider.setFocus()
        qtbot.keyClick(slider, Qt.Key.Key_PageUp)  # one decade smaller
    slopes = [text.splitlines()[1] for text in seen]
    assert slopes[0].endswith("h = 5") and slopes[1].endswith("= 4.1") and slopes[2].endswith("= 4.01")
    assert all(text.splitlines()[2].endswith("L′(x) = 4") for text in seen)
    assert secant.values["x"] == 2.0 and secant.values["h"] == 0.001
    window.actions.secant.trigger()
    assert not secant.bar.isVisible() and not secant.line.isVisible()
    window.session.set_problem("ravine")  # two variables: no secant to draw, and the entry says so
    assert not window.actions.secant.isEnabled()


def test_the_calculator_keeps_only_the_newest_waiting_request(qtbot):
    """Requests while one is worked out: only the newest waits, so a playing run builds no queue; the
    numbers are chain_at's, worked out on the calculator's own thread."""
    from gdsim.engine import make_problem
    from gdsim.model.chain_rule import chain_at
    from gdsim.ui.chain_worker import ChainCalculator

    problem = make_problem("neuron", data="pass-fail", activation="sigmoid", loss="mse")
    calculator = ChainCalculator()
    try:
        calculator_answers(qtbot, calculator, problem, chain_at)
    finally:
        assert calculator.shutdown()


def calculator_answers(qtbot, calculator, problem, chain_at):
    got = []
    calculator.ready.connect(lambda tag, chain: got.append((tag, chain)))
    for tag in range(5):
        calculator.request(tag, problem, [-1.0 + tag, 0.5], tag)
    qtbot.waitUntil(lambda: len(got) == 2)
    assert [tag for tag, _ in got] == [0, 4]
    for tag, chain in got:
        expected = chain_at(problem, [-1.0 + tag, 0.5], tag)
        assert chain.sample == tag and chain.n == 40
        np.testing.assert_array_equal(chain.terms, expected.terms)
        np.testing.assert_array_equal(chain.sums, expected.sums)
    calculator.request("batch", problem, [0.0, 0.0], 3, rows=[1, 2, 3])
    qtbot.waitUntil(lambda: len(got) == 3)
    assert got[2][1].batch_n == 3 and got[2][1].batch_sums is not None
    calculator.request("diverged", problem, [np.inf, 0.0], 0)  # nothing to show, no error
    qtbot.waitUntil(lambda: len(got) == 4)
    assert got[3] == ("diverged", None)

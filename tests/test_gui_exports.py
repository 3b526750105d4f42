"""File → Export in the window (issue 12): pictures (PNG at 1×/2×/4×, SVG; the canvas or one plot; the
window's theme or the light one; with the formulas), the clipboard, every run's steps and the dataset
as CSV. Each file is opened and checked; the menu is driven through its actions, file dialogs patched."""

import csv
import os
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox, QPushButton
from svg_points import SVG, vector_points

import gdsim
from gdsim.engine.datasets import load_dataset
from gdsim.model.lessons import shipped_lessons


@pytest.fixture
def window(window, qtbot):
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.canvas.last_drawn is not None, timeout=5000)
    return window


def save_to(monkeypatch, path, chosen=""):
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: asked.append(args) or (str(path), chosen))
    return asked


def run_lesson(qtbot, window, number):
    lesson = next(lesson for lesson in shipped_lessons() if lesson.number == number)
    assert window.load_lesson(lesson)
    window.session.set_speed(None)
    window.session.play()
    qtbot.waitUntil(lambda: window.session.latest is not None and window.session.latest.finished
                    and window.canvas.last_drawn is window.session.latest, timeout=30_000)
    return lesson


def export_picture(qtbot, window, monkeypatch, path, what="canvas", scale=1, light=False, formulas=False):
    save_to(monkeypatch, path)
    window.exports.picture.trigger()
    dialog = window.exports.dialog
    assert dialog.isVisible()
    dialog.what.setCurrentIndex(dialog.what.findData(what))
    dialog.scale.setCurrentIndex(dialog.scale.findData(scale))
    dialog.theme.setCurrentIndex(dialog.theme.findData(light))
    dialog.formulas.setChecked(formulas)
    with qtbot.waitSignal(window.exports.saved, timeout=10_000):
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def colours(image: QImage, step: int = 7) -> set:
    return {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}


@pytest.mark.parametrize("scale", [1, 2, 4])
def test_export_picture_png_of_the_canvas_at_each_scale(qtbot, window, monkeypatch, tmp_path, scale):
    path = tmp_path / "canvas.png"
    export_picture(qtbot, window, monkeypatch, path, scale=scale)
    image = QImage(str(path))
    canvas = window.canvas
    assert (image.width(), image.height()) == (canvas.width() * scale, canvas.height() * scale)
    assert len(colours(image, 3 * scale)) > 20  # plots, not a blank page
    if scale == 1:  # the same pixels as the canvas on screen
        shown = canvas.grab().toImage().convertToFormat(image.format())
        assert shown.size() == image.size()
        same = sum(shown.pixel(x, y) == image.pixel(x, y) for x in range(0, image.width(), 9)
                   for y in range(0, image.height(), 9))
        assert same > 0.95 * (image.width() // 9 + 1) * (image.height() // 9 + 1)


def test_export_picture_light_with_formulas_for_print_leaves_the_window_dark(
        qtbot, window, monkeypatch, tmp_path):
    run_lesson(qtbot, window, 4)
    path = tmp_path / "print.png"
    export_picture(qtbot, window, monkeypatch, path, scale=2, light=True, formulas=True)
    image = QImage(str(path))
    assert image.width() > 2 * window.canvas.width() + 2 * 300  # the formulas beside the canvas
    assert QImage(str(path)).pixelColor(image.width() - 4, 4).lightness() > 240  # white paper
    assert len(colours(image)) > 20
    assert window.appearance.name == "dark"
    assert window.canvas.losses.backgroundBrush().color().lightness() < 60  # drawn dark again


def test_export_picture_of_one_plot(qtbot, window, monkeypatch, tmp_path):
    run_lesson(qtbot, window, 4)
    path = tmp_path / "losses.png"
    export_picture(qtbot, window, monkeypatch, path, what="losses", scale=2)
    image = QImage(str(path))
    losses = window.canvas.losses
    assert (image.width(), image.height()) == (2 * losses.width(), 2 * losses.height())
    assert len(colours(image)) > 5
    assert window.exports.dialog.what.findData("data") >= 0  # the data view is offered for a neuron


def test_export_picture_svg_holds_the_plots_as_paths(qtbot, window, monkeypatch, tmp_path):
    run_lesson(qtbot, window, 8)
    path = tmp_path / "canvas.svg"
    export_picture(qtbot, window, monkeypatch, path, formulas=True)
    root = ET.parse(path).getroot()
    assert root.tag == SVG + "svg"
    assert vector_points(root) > 2000  # contours, paths, axes: as vector shapes
    texts = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert "step" in texts and "Loss" in texts  # an axis and the formulas, as text


def test_copy_picture_puts_the_canvas_on_the_clipboard(qtbot, window):
    QGuiApplication.clipboard().clear()
    window.activateWindow()
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    image = QGuiApplication.clipboard().image()
    assert (image.width(), image.height()) == (2 * window.canvas.width(), 2 * window.canvas.height())
    assert len(colours(image)) > 20
    assert ("Ctrl+Shift+C", "Copy the picture") in window.actions.shortcut_list()


def test_export_trajectories_equal_simulate(qtbot, window, monkeypatch, tmp_path):
    lesson = run_lesson(qtbot, window, 8)
    path = tmp_path / "runs.csv"
    save_to(monkeypatch, path)
    with qtbot.waitSignal(window.exports.saved, timeout=10_000):
        window.exports.trajectories.trigger()
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["run", "step", "loss", "x", "y", "grad_norm"]
    setup = lesson.setup
    for i, contender in enumerate(setup.contenders):
        mine = np.array([[float(v) for v in row[1:]] for row in rows[1:] if row[0] == contender.optimizer])
        track = window.session.latest.tracks[i]
        expected = gdsim.simulate("ravine", contender.optimizer, start=setup.start, steps=track.stopped_at,
                                  tol=setup.tol, **setup.hyperparameters_of(i, window.session.problem))
        assert len(mine) == track.stopped_at + 1 == lesson.expect["stopped_at"][i] + 1
        np.testing.assert_array_equal(mine[:, 0], np.arange(len(mine)))
        np.testing.assert_array_equal(mine[:, 1], expected.loss[:, 0])
        np.testing.assert_array_equal(mine[:, 2:4], expected.params[:, 0])
        np.testing.assert_array_equal(mine[:, 4], expected.grad_norm[:, 0])


def test_export_trajectories_names_runs_of_one_optimizer_by_their_lr(qtbot, window, monkeypatch, tmp_path):
    run_lesson(qtbot, window, 2)
    path = tmp_path / "runs.csv"
    save_to(monkeypatch, path)
    with qtbot.waitSignal(window.exports.saved, timeout=10_000):
        window.exports.trajectories.trigger()
    with open(path, newline="", encoding="utf-8") as f:
        names = {row["run"] for row in csv.DictReader(f)}
    lrs = [c.hyperparameters["lr"] for c in window.session.setup.contenders]
    assert names == {f"sgd lr={lr!r}" for lr in lrs}


def test_export_dataset_reads_back_as_the_same_data(qtbot, window, monkeypatch, tmp_path):
    assert not window.exports.dataset.isEnabled()  # the parabola has no data
    run_lesson(qtbot, window, 4)
    assert window.exports.dataset.isEnabled()
    path = tmp_path / "data.csv"
    save_to(monkeypatch, path)
    with qtbot.waitSignal(window.exports.saved, timeout=5000):
        window.exports.dataset.trigger()
    back, shown = load_dataset(str(path)), window.session.problem.dataset
    assert path.read_text(encoding="utf-8").splitlines()[0] == "x,y"
    np.testing.assert_array_equal(back.X, shown.X)
    np.testing.assert_array_equal(back.y, shown.y)


def test_export_refuses_a_fifo_and_says_so(qtbot, window, monkeypatch, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    save_to(monkeypatch, fifo)
    run_lesson(qtbot, window, 3)
    window.exports.dataset.trigger()
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "FIFO" in boxes[0].text() and "regular" in boxes[0].text()
    assert "pipe.csv" in window.error.text()
    for box in boxes:
        box.close()
    assert sorted(set(os.listdir(tmp_path)) - {"settings"}) == ["pipe.csv"]  # no temporary file left


# --- animations ------------------------------------------------------------------------------------


def start_animation(qtbot, window, monkeypatch, path, first, last, every, fps=10):
    save_to(monkeypatch, path)
    window.exports.animation.trigger()
    dialog = window.exports.animation_export.dialog
    assert dialog.isVisible()
    dialog.first.setValue(first)
    dialog.last.setValue(last)
    dialog.every.setValue(every)
    dialog.fps.setValue(fps)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_export_animation_gif_from_the_menu(qtbot, window, monkeypatch, tmp_path):
    run_lesson(qtbot, window, 8)
    path = tmp_path / "ravine.gif"
    exporter = window.exports.animation_export
    with qtbot.waitSignal(exporter.finished, timeout=60_000):
        start_animation(qtbot, window, monkeypatch, path, 10, 30, 5)
    with Image.open(path) as image:
        assert image.format == "GIF" and image.n_frames == 5 and image.info["duration"] == 100
        assert image.size == (window.canvas.width(), window.canvas.height())
    assert not exporter.running and exporter.progress is None


def test_export_animation_apng_is_the_same_as_gdsim_render(qtbot, window, monkeypatch, tmp_path):
    run_lesson(qtbot, window, 1)
    path = tmp_path / "tangent.apng"
    with qtbot.waitSignal(window.exports.animation_export.finished, timeout=60_000):
        start_animation(qtbot, window, monkeypatch, path, 0, 6, 1)
    again = tmp_path / "again.apng"
    size = (window.canvas.width(), window.canvas.height())
    gdsim.render(again, lesson=1, steps=6, size=size, fps=10)
    assert path.read_bytes() == again.read_bytes()  # the same setup gives the same frames


def test_cancelling_an_animation_leaves_no_file_and_the_window_answers_meanwhile(
        qtbot, window, monkeypatch, tmp_path):
    run_lesson(qtbot, window, 10)
    path = tmp_path / "long.gif"
    exporter = window.exports.animation_export
    start_animation(qtbot, window, monkeypatch, path, 0, 5000, 1)
    assert exporter.running
    qtbot.waitUntil(lambda: exporter.progress.value() >= 2, timeout=60_000)
    answered = QTimer(window)
    answered.setSingleShot(True)
    with qtbot.waitSignal(answered.timeout, timeout=5000):  # the event loop goes on between frames
        answered.start(0)
    with qtbot.waitSignal(window.canvas.drawn, timeout=5000):  # and the window draws its own runs
        window.session.step()
    assert exporter.running
    with qtbot.waitSignal(exporter.cancelled, timeout=10_000):
        qtbot.mouseClick(exporter.progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert not exporter.running
    assert sorted(set(os.listdir(tmp_path)) - {"settings"}) == []  # nor a temporary file


def test_export_animation_refuses_steps_in_the_wrong_order(qtbot, window, monkeypatch, tmp_path):
    asked = save_to(monkeypatch, tmp_path / "x.gif")
    window.exports.animation.trigger()
    dialog = window.exports.animation_export.dialog
    dialog.first.setValue(50)
    dialog.last.setValue(10)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert asked == [] and "50" in window.error.text()
    for box in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]:
        box.close()
    dialog.close()


def test_the_animation_dialog_says_what_mp4_needs_when_it_is_missing(qtbot, window, monkeypatch):
    monkeypatch.setattr("gdsim.ui.animation_export.video_available", lambda: False)
    window.exports.animation.trigger()
    dialog = window.exports.animation_export.dialog
    assert dialog.video_note.isVisible() and "pip install 'gdsim[video]'" in dialog.video_note.text()
    dialog.close()

"""Batch, stochastic and mini-batch descent in the window (issue 11, item 3): the watched run's batch
size and seed, typed in as a user does, and the last step's mini-batch ringed on the data (the next
step's with a dashed ring)."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from test_gui_fields import click_into, focused
from test_gui_views import box_of, drawn, open_lesson, press, step

from gdsim.engine.run import Batches
from gdsim.engine.workspace import Workspace


@pytest.fixture
def window(window, qtbot):
    qtbot.waitUntil(lambda: len(window.lessons) > 0, timeout=5000)
    return window


def type_into(qtbot, window, field, text: str) -> None:
    click_into(qtbot, window, field)
    qtbot.keyClicks(focused(), text)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def test_a_batch_size_and_seed_typed_in_make_the_run_step_on_the_ringed_samples(qtbot, window):
    open_lesson(qtbot, window, 3)  # linear regression on 30 samples
    controls, session, data = window.controls, window.session, window.canvas.data
    assert controls.batch_box.isVisible() and controls.batch_size.text() == "all 30 (batch)"
    assert not controls.seed.isEnabled()
    type_into(qtbot, window, controls.batch_size, "1")
    assert session.setup.contenders[0].batch_size == 1 and controls.seed.isEnabled()
    assert focused() is window.canvas
    snap = step(qtbot, window, 1)
    dataset = snap.problem.dataset
    for _ in range(3):
        track = snap.watched_track
        (row,) = track.batch_rows  # the next step's sample, ringed dashed
        (last,) = track.last_batch_rows  # the last step's, ringed solid
        for item, r in ((data.next_batch, row), (data.batch, last)):
            xs, ys = item.getData()
            assert (xs.tolist(), ys.tolist()) == ([dataset.X[r, 0]], [dataset.y[r]])
        label = data.batch_label.textItem.toPlainText()
        assert data.batch_label.isVisible()
        assert "○ last step: 1/30" in label and "◌ next step: 1/30" in label
        # the next step goes against that one sample's gradient
        g = np.empty((1, 2))
        snap.problem.evaluate_on(dataset.X[[row]], dataset.y[[row]], track.params[None].copy(),
                                 np.empty(1), g, Workspace())
        np.testing.assert_array_equal(window.formulas.text.values["batch_gradient"], g[0])
        assert "mini-batch, 1 of the 30 samples" in window.formulas.toPlainText()
        before = track.params
        snap = step(qtbot, window, 1)
        np.testing.assert_allclose(snap.watched_track.params, before - 0.005 * g[0], rtol=1e-12)
        assert snap.watched_track.last_batch_rows.tolist() == [row]  # the dashed one became the solid one
    assert controls.watched.itemText(0).endswith(", batch 1")  # the run's name says so
    # the seed orders the samples: from the start, seed 0's batches, then seed 7's, as the engine's
    expected = {seed: [int(Batches(dataset.X, dataset.y, 1, seed).rows_at(t)[0]) for t in range(6)]
                for seed in (0, 7)}
    assert expected[0] != expected[7]
    for seed in (0, 7):
        if seed:
            type_into(qtbot, window, controls.seed, "7")
            assert session.setup.contenders[0].seed == 7
        press(qtbot, window, Qt.Key.Key_R)
        drawn(qtbot, window, lambda s: s.lead.step == 0)
        snap = drawn(qtbot, window, lambda s: s.lead.step == 0)
        assert snap.watched_track.last_batch_rows is None and data.batch.getData()[0].size == 0
        assert "last step" not in data.batch_label.textItem.toPlainText()  # no step yet: the next one only
        rows = [int(snap.watched_track.batch_rows[0])]
        rows += [int(step(qtbot, window, 1).watched_track.batch_rows[0]) for _ in range(5)]
        assert rows == expected[seed]
    type_into(qtbot, window, controls.batch_size, "0")
    assert session.setup.contenders[0].batch_size is None and not controls.seed.isEnabled()
    snap = step(qtbot, window, 1)
    assert snap.watched_track.batch_rows is None
    assert data.batch.getData()[0].size == 0 and data.next_batch.getData()[0].size == 0
    assert not data.batch_label.isVisible()


def test_a_batch_size_the_data_cannot_give_is_said_and_changes_nothing(qtbot, window):
    open_lesson(qtbot, window, 3)
    session, controls = window.session, window.controls
    before = session.setup
    assert not session.set_batches(31, 0, 0)
    assert session.setup is before and controls.banner.isVisible()
    assert "batch size" in controls.banner_text.text() and "30" in controls.banner_text.text()
    assert controls.batch_size.value() == 0


def test_a_fixed_function_has_no_batches_to_choose(qtbot, window):
    open_lesson(qtbot, window, 2)
    assert not window.controls.batch_box.isVisible()
    assert not window.session.set_batches(2, 0, 0)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")  # offscreen
def test_lesson_7_rings_the_last_and_next_samples_and_a_narrow_view_keeps_only_the_counts(qtbot, window):
    window.resize(1024, 700)
    snap = open_lesson(qtbot, window, 7)  # stochastic (watched), mini-batch of 5, and the whole data
    data = window.canvas.data
    assert [t.batch_rows is None for t in snap.tracks] == [False, False, True]
    snap = step(qtbot, window, 1)
    assert data.batch_label.textItem.toPlainText() == "○ last step: 1/30\n◌ next step: 1/30"
    window.set_scale(2.0)  # the data view too narrow for the words at 1024 × 700
    qtbot.waitUntil(lambda: data.batch_label.textItem.toPlainText() == "○ 1/30\n◌ 1/30", timeout=3000)
    caption = data.batch_label.mapRectToScene(data.batch_label.boundingRect())
    assert caption.right() <= box_of(data).sceneBoundingRect().right() + 1
    window.set_scale(1.0)
    qtbot.waitUntil(lambda: "last step" in data.batch_label.textItem.toPlainText(), timeout=3000)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")  # offscreen
def test_a_copy_of_the_watched_run_steps_on_one_sample_beside_the_full_batch_and_goes_again(qtbot, window):
    """Run → Add a copy of the watched run: the noisy path beside the full-batch one in any setup."""
    open_lesson(qtbot, window, 3)
    session, controls, actions = window.session, window.controls, window.actions
    actions.copy_run.trigger()
    assert len(session.setup.contenders) == 2 and session.setup.watched == 1
    assert session.setup.contenders[0] == session.setup.contenders[1]
    type_into(qtbot, window, controls.batch_size, "1")
    assert [c.batch_size for c in session.setup.contenders] == [None, 1]
    snap = step(qtbot, window, 5)
    full, noisy = snap.tracks
    assert full.batch_rows is None and noisy.batch_rows is not None and noisy.last_batch_rows.size == 1
    assert not np.array_equal(full.params, noisy.params)
    assert controls.watched.itemText(1).endswith(", batch 1") and controls.watched.count() == 2
    actions.remove_run.trigger()  # the copy goes; the full-batch run is watched again
    snap = drawn(qtbot, window, lambda s: len(s.tracks) == 1 and s.lead.step == 0)
    assert session.setup.contenders[0].batch_size is None and session.setup.watched == 0
    actions.remove_run.trigger()  # the only run stays, and the window says why
    assert len(session.setup.contenders) == 1 and controls.banner.isVisible()
    assert "only run cannot be removed" in controls.banner_text.text()

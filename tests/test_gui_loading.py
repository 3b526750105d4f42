"""Files never block the window: a CSV of a million rows and a lesson file are read in the background
while the runs go on, with progress and Cancel; the landscape comes coarse first; only the newest load
counts; closing stops and joins every thread within a second, whatever each is doing."""

import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdsim.engine.csv_file import MAX_ROWS

ROWS = MAX_ROWS  # the most gdsim reads


def write_csv(path, rows: int):
    """``rows`` rows of hours and pass/fail, written at once (a block of a thousand, repeated)."""
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 10, 1000)
    passed = x + rng.normal(0, 2, 1000) > 5
    block = "".join(f"{a:.4f},{int(b)}\n" for a, b in zip(x, passed, strict=True))
    path.write_text("x,y\n" + block * (rows // 1000), encoding="ascii")
    return path


@pytest.fixture(scope="module")
def million(tmp_path_factory):
    return write_csv(tmp_path_factory.mktemp("big") / "million.csv", ROWS)


def gdsim_threads() -> list[str]:
    """The Python threads gdsim started (the background lanes) that still run."""
    return [t.name for t in threading.enumerate() if t.name.startswith("gdsim-") and t.is_alive()]


def of_the_million(surface) -> bool:
    return surface is not None and surface.total == ROWS


def close_and_join(window):
    """Close the window the way a user does (File → Quit); what the session's shutdown said."""
    window.actions.quit.trigger()
    return window.session.shut_down


def test_a_million_rows_load_in_the_background_while_the_run_goes_on(qtbot, window, million):
    session = window.session
    session.set_problem("neuron")
    session.set_speed(1000)
    session.play()
    before, problem = session.setup, session.problem
    with qtbot.waitSignal(session.loading_finished, timeout=20_000) as finished:
        assert session.set_data(str(million))
        assert session.loading  # the request returns at once; the file is read meanwhile …
        assert session.setup is before and session.problem is problem
        step = session.latest.lead.step if session.latest else 0
        # … while the runs go on: snapshots of the old setup keep coming, stepping on.
        qtbot.waitUntil(lambda: session.latest is not None and session.latest.lead.step > step + 5
                        and session.latest.problem is problem, timeout=5000)
    assert finished.args == [True] and not session.loading
    assert len(session.problem.dataset.y) == ROWS  # the runs use every sample
    assert session.setup.data == str(million)


def test_the_landscape_of_a_million_rows_comes_coarse_first_and_says_it_is_estimated(qtbot, window, million,
                                                                                      loaded):
    session = window.session
    session.set_problem("neuron")
    with qtbot.waitSignal(session.landscape_changed, timeout=20_000, check_params_cb=of_the_million) as first:
        assert loaded(session, lambda: session.set_data(str(million)))
    coarse = first.args[0]
    assert coarse.image.shape == (50, 50) and (coarse.samples, coarse.total) == (2_000, ROWS)
    assert session.refining  # refined in the background from here on
    note = window.canvas.parameters.sample_note
    assert note.text == "landscape estimated from 2,000 of 1,000,000 samples"
    session.step()
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.lead.step == 1, timeout=5000)
    qtbot.waitUntil(lambda: window.canvas.last_drawn is session.latest, timeout=5000)
    for view in window.canvas.slices:
        assert view.sample_note.text == "estimated from 1,000 samples"
    data = window.canvas.data
    assert len(data.points.getData()[0]) == 2000
    assert data.sample_note.text == "2,000 of 1,000,000 samples shown"
    with qtbot.waitSignal(session.refining_finished, timeout=5000):
        qtbot.mouseClick(window.refining.cancel_button, Qt.MouseButton.LeftButton)
    assert note.text.startswith("landscape estimated from")  # the picture stays as it was


def test_cancel_stops_a_load_and_changes_nothing(qtbot, window, million):
    session = window.session
    session.set_problem("neuron")
    before, problem = session.setup, session.problem
    with qtbot.waitSignal(session.loading_finished, timeout=10_000) as finished:
        session.set_data(str(million))
        qtbot.waitUntil(window.loading.isVisible, timeout=5000)  # shown once it takes a while
        assert window.loading.label.text() == "Reading million.csv…"
        qtbot.mouseClick(window.loading.cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args == [False] and not window.loading.isVisible()
    assert session.setup is before and session.problem is problem
    assert window.error.text() == "" and not window.controls.banner.isVisible()


def test_only_the_newest_load_counts(qtbot, window, million, tmp_path, loaded):
    session = window.session
    session.set_problem("linreg")
    small = write_csv(tmp_path / "small.csv", 1000)
    changes = []
    session.setup_changed.connect(lambda setup, problem: changes.append(setup.data))
    session.set_data(str(million))
    assert loaded(session, lambda: session.set_data(str(small)))  # supersedes the million
    assert session.setup.data == str(small) and changes == [str(small)]

    # A problem chosen while a file loads supersedes it too; the file never lands.
    with qtbot.waitSignal(session.loading_finished, timeout=10_000) as finished:
        session.set_problem("neuron")  # linreg → neuron reads small.csv again, in the background
        session.set_problem("rosenbrock")
    assert finished.args == [False]
    # Loads are read one after the other: once a later one has ended, the superseded one has too.
    bad = tmp_path / "bad.toml"
    bad.write_text("not a lesson")
    assert not loaded(session, lambda: window.open_lesson_file(bad))
    assert session.setup.problem == "rosenbrock" and changes[-1] is None


def test_settings_changed_while_a_file_loads_are_kept(qtbot, window, million, loaded):
    session = window.session
    session.set_problem("neuron")

    def load_and_change():
        session.set_data(str(million))
        session.set_contenders(["sgd", "adam"])  # the old runs restart with both …
        session.set_speed(None)

    assert loaded(session, load_and_change)
    setup = session.setup  # … and the new data comes with both
    assert setup.data == str(million) and [c.optimizer for c in setup.contenders] == ["sgd", "adam"]
    assert setup.speed is None


def test_a_lesson_file_is_read_in_the_background(qtbot, window, tmp_path, million, loaded):
    path = tmp_path / "big.toml"
    path.write_text(f'[lesson]\nnumber = 3\ntitle = {{ en = "A million" }}\n[setup]\nproblem = "neuron"\n'
                    f'data = "{million}"\nspeed = 10\nstep_limit = 100\n[[setup.optimizers]]\nname = "sgd"\n')
    before = window.session.setup

    def open_it():
        window.open_lesson_file(path)
        assert window.session.loading and window.session.setup is before  # not read yet

    assert loaded(window.session, open_it)
    assert window.session.setup.data == str(million) and window.lesson_dock.isVisible()


def test_closing_while_a_million_rows_load_joins_every_thread_within_a_second(qtbot, window, million):
    session = window.session
    session.set_problem("neuron")
    session.set_data(str(million))
    assert session.loading
    shutdown = close_and_join(window)
    assert shutdown.joined and shutdown.seconds < 1.0
    assert not session.threads_running and gdsim_threads() == []


def test_closing_while_the_landscape_refines_and_the_run_goes_full_speed_takes_under_a_second(
        qtbot, window, million, loaded):
    session = window.session
    session.set_problem("neuron")
    with qtbot.waitSignal(session.landscape_changed, timeout=20_000, check_params_cb=of_the_million):
        assert loaded(session, lambda: session.set_data(str(million)))
    session.set_speed(None)
    session.play()
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.lead.step > 2, timeout=10_000)
    assert session.refining
    shutdown = close_and_join(window)
    assert shutdown.joined and shutdown.seconds < 1.0
    assert not session.threads_running and gdsim_threads() == []


CLOSE_AT_ONCE = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from gdsim.app import create_window

    app = QApplication([])
    window = create_window()
    window.show()
    window.session.set_problem("neuron")
    window.session.set_data(sys.argv[1])
    QTimer.singleShot(0, window.close)
    sys.exit(app.exec())
""")


def test_closing_at_once_while_a_million_rows_load_exits_cleanly(million, tmp_path):
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", CLOSE_AT_ONCE, str(million)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]  # not 134: no thread destroyed while running
    assert "QThread" not in done.stderr



def test_a_remembered_setup_on_a_million_rows_is_read_once_the_window_is_up(qtbot, million):
    from gdsim.app import create_window
    from gdsim.model.setup import Setup
    from gdsim.ui.settings import Settings

    settings = Settings()
    settings.set_setup(Setup(problem="neuron", data=str(million)))
    settings.sync()
    win = create_window()
    qtbot.addWidget(win)
    win.show()
    session = win.session
    assert session.loading and session.setup == Setup()  # up at once, with gdsim's first setup
    with qtbot.waitSignal(session.loading_finished, timeout=10_000) as finished:
        pass  # what it read arrives through the event loop, which runs from here
    assert finished.args == [True] and session.setup.data == str(million)
    win.close()


def test_a_job_hands_the_interpreter_lock_over_at_each_checkpoint(qtbot, monkeypatch):
    # A job's numpy calls hold the lock; between two of them the window's thread must get it.
    from gdsim.engine.progress import checkpoint
    from gdsim.ui import jobs

    handed = []
    monkeypatch.setattr(jobs, "hand_over", lambda: handed.append(threading.current_thread().name))
    lane = jobs.JobLane("test")

    def work():
        for i in range(3):
            checkpoint(i / 3)
        return "done"
    with qtbot.waitSignal(lane.ended, timeout=5000) as ended:
        lane.submit(work)
    assert ended.args[1] == jobs.DONE
    assert handed == ["gdsim-test"] * 3
    assert lane.shutdown(1.0)

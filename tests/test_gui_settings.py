"""A damaged settings file never stops the window (issue 9, item 7): each stored value that cannot be
used falls back to its default and is named once in the status bar; a file Qt itself cannot read
safely is left unread, and replaced (kept beside it) when the window closes."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gdsim.model.remembered import setup_to_json
from gdsim.model.setup import Setup

ROOT = Path(__file__).resolve().parents[1]


def settings_file(tmp_path) -> Path:
    """Where the conftest points QSettings for this test."""
    return tmp_path / "settings" / "gdsim-tests" / "gdsim.ini"


def ini_string(text: str) -> str:
    """A value as QSettings writes it in an ini file: quoted, with backslashes and quotes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stored_setup(**changes) -> str:
    d = json.loads(setup_to_json(Setup()))
    d.update(changes)
    return "setup=" + ini_string(json.dumps(d))


def write_settings(tmp_path, *lines: str) -> Path:
    path = settings_file(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[General]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def open_window(qtbot):
    from gdsim.app import create_window

    win = create_window()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.session.latest is not None, timeout=5000)
    return win


def plays(qtbot, win) -> None:
    """Play runs: a step is taken."""
    win.controls.play_button.click()
    qtbot.waitUntil(lambda: win.session.latest.lead.step >= 1, timeout=5000)
    win.session.pause()


@pytest.mark.parametrize("line, says, holds", [
    (stored_setup(speed="fast"),
     "Settings: the stored speed is not usable: the speed must be a number of steps per second from 0.1 to "
     "1,000, or \"max\" (as fast as possible); got 'fast'; using 10.0 instead",
     lambda w: w.session.setup.speed == 10.0),
    (stored_setup(speed=0), "got 0; using 10.0 instead", lambda w: w.session.setup.speed == 10.0),
    (stored_setup(speed=4e-7), "got 4e-07", lambda w: w.session.setup.speed == 10.0),
    (stored_setup(step_limit=0), "the stored step_limit is not usable",
     lambda w: w.session.setup.step_limit == 10_000),
    (stored_setup(contenders=[{"optimizer": "sgd", "hyperparameters": {"lr": 1000}}]),
     "the stored contenders[1] lr is not usable",
     lambda w: w.controls.hyperparameter_fields["lr"].value() == 0.1),
    ("setup=" + ini_string("[" * 100_000 + "]" * 100_000), "the last setup cannot be restored: it is longer",
     lambda w: w.session.setup == Setup()),
    ("setup=" + ini_string("[" * 1000 + "]" * 1000), "it nests deeper than 8",
     lambda w: w.session.setup == Setup()),
    ("setup=a, b, c", "the last setup cannot be restored: it is not text",
     lambda w: w.session.setup == Setup()),
    (stored_setup(problem="linreg", data="/nowhere/moved.csv", start=None),
     "the last setup cannot be restored: data file /nowhere/moved.csv does not exist",
     lambda w: w.session.setup == Setup()),
    ("theme=purple",
     "Settings: the stored theme is not usable: 'purple' is not a theme; choose one of: dark, light; using "
     "dark instead", lambda w: w.appearance.name == "dark"),
    ("scale=abc", "the stored scale is not usable: the scale must be a number from 1 to 2.5, got 'abc'",
     lambda w: w.appearance.scale == 1.0),
    ("scale=nan", "got 'nan'", lambda w: w.appearance.scale == 1.0),
    ("scale=100", "got '100'", lambda w: w.appearance.scale == 1.0),
    ("geometry=abc", "the stored geometry is not usable", lambda w: w.isVisible()),
])
def test_a_damaged_value_is_named_once_and_its_default_used(qtbot, tmp_path, line, says, holds):
    write_settings(tmp_path, line)
    win = open_window(qtbot)
    qtbot.waitUntil(lambda: says in win.error.text(), timeout=5000)  # a data file is read in the background
    message = win.error.text()
    assert says in message and message.count("Settings: ") == 1, message
    assert holds(win)
    plays(qtbot, win)
    win.close()


def test_several_damaged_values_are_each_named_once(qtbot, tmp_path):
    write_settings(tmp_path, "theme=purple", "scale=abc", stored_setup(speed="fast", step_limit=0, tol="x"))
    win = open_window(qtbot)
    message = win.error.text()
    for key in ("theme", "scale", "speed", "step_limit", "tol"):
        assert message.count(f"the stored {key} is not usable") == 1, message
    win.close()


def test_a_good_settings_file_names_nothing(qtbot, tmp_path):
    write_settings(tmp_path, "theme=light", "scale=1.5", stored_setup(speed=None, step_limit=50))
    win = open_window(qtbot)
    assert win.error.text() == ""
    assert (win.appearance.name, win.appearance.scale, win.session.setup.speed) == ("light", 1.5, None)
    win.close()


HOSTILE_VARIANT = r"x=@Variant(\0\0\0\t\x7f\xff\xff\xff)"  # a list of 2³¹ − 1 values: Qt aborts reading it


def test_a_file_qt_cannot_read_safely_is_left_unread_and_replaced_on_closing(qtbot, tmp_path):
    path = write_settings(tmp_path, "theme=light", HOSTILE_VARIANT)
    damaged = path.read_bytes()
    win = open_window(qtbot)
    assert win.error.text() == (
        f"Settings: the settings file {path} cannot be read safely: it holds a value gdsim never writes "
        "(@Variant); gdsim starts with its defaults and, when it closes, keeps that file as "
        f"{path}.damaged and writes a new one")
    assert win.appearance.name == "dark" and path.read_bytes() == damaged  # nothing read, nothing changed
    win.set_theme("light")
    win.close()
    assert Path(f"{path}.damaged").read_bytes() == damaged
    again = open_window(qtbot)
    assert again.error.text() == "" and again.appearance.name == "light"
    again.close()


@pytest.mark.parametrize("make, says", [
    (lambda p: os.mkfifo(p), "it is not a regular file (it is a FIFO)"),
    (lambda p: p.mkdir(), "it is a folder"),
    (lambda p: p.symlink_to("/dev/zero"), "it is not a regular file (it is a device)"),
    (lambda p: p.write_bytes(b"[General]\ntheme=light\n" + b"#" * (1 << 20)), "it is larger than 1 MB"),
    (lambda p: p.write_bytes(b"[General]\ntheme=\x00\xff\x00\n"), "it holds binary data (a NUL byte)"),
])
def test_a_settings_path_that_is_no_settings_file_does_not_stop_the_window(qtbot, tmp_path, make, says):
    path = settings_file(tmp_path)
    path.parent.mkdir(parents=True)
    make(path)
    win = open_window(qtbot)
    assert f"Settings: the settings file {path} cannot be read safely: {says}" in win.error.text()
    plays(qtbot, win)
    win.close()


@pytest.mark.parametrize("lines", [
    [stored_setup(speed="fast")],
    [HOSTILE_VARIANT],
    ["setup=" + ini_string("[" * 20_000)],
    ["theme=@Variant(garbage)", "scale=@Rect(1 2 3 4)", "geometry=@ByteArray(\\xff\\x00)",
     stored_setup(speed=0)],
])
def test_the_window_starts_and_quits_cleanly_with_a_damaged_file(tmp_path, lines):
    """In a process of its own: a Qt abort (exit 134) or a traceback shows there, not in a test."""
    write_settings(tmp_path, *lines)
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QCoreApplication, QSettings, Qt
        from PySide6.QtWidgets import QApplication

        app = QApplication([])
        QCoreApplication.setOrganizationName("gdsim-tests")
        QCoreApplication.setApplicationName("gdsim")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
        from gdsim.app import create_window

        window = create_window()
        window.show()
        window.session.play()

        def quit_after_a_step(snap):
            if snap.lead.step >= 1:
                window.close()
                app.quit()

        window.session.stepped.connect(quit_after_a_step)
        sys.exit(app.exec())
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "settings")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr[-2000:]

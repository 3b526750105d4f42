"""Shared fixtures. GUI tests run offscreen; a test that leaves a QThread running fails."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402

# As gdsim.app.main does before it makes the application: the 3-D view's OpenGL contexts share.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


@pytest.fixture(autouse=True)
def no_thread_left_running(request):
    """Fail any test that leaves a QThread running (as napari's conftest does)."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QThread

    started = []
    original = QThread.start

    def recording_start(self, *args):
        started.append(self)
        return original(self, *args)

    QThread.start = recording_start
    try:
        yield
    finally:
        QThread.start = original
    leaked = [t for t in started if t.isRunning()]
    for thread in leaked:
        thread.quit()
        thread.wait(2000)
    assert not leaked, f"{len(leaked)} QThread(s) still running after the test"


@pytest.fixture(autouse=True)
def settings_in_tmp_path(request, tmp_path):
    """QSettings read and write a file in the test's own folder, never the user's."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("gdsim-tests")
    QCoreApplication.setApplicationName("gdsim")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield
    from gdsim.ui.i18n import Translations

    Translations().install("en")  # a test that switched to Chinese must not leave it on for the next


@pytest.fixture
def loaded(qtbot):
    """``loaded(session, request)`` makes a request that reads a file in the background (a CSV, a
    lesson), waits until that load ends, and says whether what it read is in use."""

    def load(session, request) -> bool:
        with qtbot.waitSignal(session.loading_finished, timeout=10_000) as finished:
            request()
        return finished.args[0]

    return load


@pytest.fixture
def window(qtbot):
    """The main window, shown, with its first snapshot drawn; closed (thread joined) afterwards."""
    from gdsim.app import create_window

    win = create_window()
    qtbot.addWidget(win)
    win.show()
    # painted, not only drawn: the status line and the formulas follow the frames Qt has painted
    qtbot.waitUntil(lambda: win.canvas.last_painted is not None, timeout=5000)
    yield win
    win.close()


def pytest_terminal_summary(terminalreporter):
    """How many cases the fuzz of typed functions ran (tests/test_typed_fuzz.py), when it ran."""
    for module in list(sys.modules.values()):
        report = getattr(module, "FUZZ_REPORT", None)
        if isinstance(report, dict) and report.get("cases"):
            terminalreporter.write_line(
                f"typed-function fuzz: {report['cases']:,} cases ({report['read']:,} read, "
                f"{report['refused']:,} refused with a column), {report['escapes']} escapes, "
                f"{report['crashes']} crashes; {report['pipeline']:,} formulas made into problems or refused")
            return

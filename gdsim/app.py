"""Start the window: Qt is imported here, and only here, when the window is asked for."""

import sys


def main(argv: list[str] | None = None, options=None) -> int:
    """``options``: a gdsim.launch.StartOptions from the command line, for this start only."""
    argv = sys.argv if argv is None else argv
    try:
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtWidgets import QApplication
    except ImportError as e:  # e.g. a Qt system library is missing
        print(f"gdsim: the window cannot start: {e}. See the README for the packages Qt needs.",
              file=sys.stderr)
        return 1

    # The 3-D surface's OpenGL items keep their shader programs for every context: the contexts must share.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("gdsim")
    app.setApplicationName("gdsim")
    app.setDesktopFileName("gdsim")  # Wayland and the task bar find gdsim.desktop and its icon
    app.setWindowIcon(app_icon())
    window = create_window(options)
    window.show()
    return app.exec()


def create_window(options=None):
    """The session and its main window (QApplication must exist), started as ``options`` (a
    gdsim.launch.StartOptions) say, without remembering them."""
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=False, imageAxisOrder="col-major")
    from .model.build import reads_a_file
    from .ui.main_window import MainWindow
    from .ui.memory import return_large_blocks
    from .ui.session import Session
    from .ui.settings import Settings

    return_large_blocks()
    settings = Settings()
    remembered = settings.remembered_setup()
    later = remembered is not None and reads_a_file(remembered)  # its file is read once the window is up
    session = Session(None if later or remembered is None else settings.built(remembered))
    window = MainWindow(session, settings)
    if later:
        session.restore(remembered)
    if options is not None:
        window.start_with(options)  # a lesson asked for supersedes the remembered setup being read
    return window


def app_icon():
    """gdsim's icon, at every size drawn for it (resources/icons)."""
    from PySide6.QtGui import QIcon

    from .paths import resource

    icon = QIcon()
    for png in sorted(resource("icons").glob("gdsim-*.png")):
        icon.addFile(str(png))
    return icon

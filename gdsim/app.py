"""Start the window: Qt is imported here, and only here, when the window is asked for."""

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv if argv is None else argv
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as e:  # e.g. a Qt system library is missing
        print(f"gdsim: the window cannot start: {e}. See the README for the packages Qt needs.",
              file=sys.stderr)
        return 1

    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("gdsim")
    app.setApplicationName("gdsim")
    window = create_window()
    window.show()
    return app.exec()


def create_window():
    """The session and its main window (QApplication must exist)."""
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=False, imageAxisOrder="col-major")
    from .ui.main_window import MainWindow
    from .ui.session import Session
    from .ui.settings import Settings

    settings = Settings()
    return MainWindow(Session(settings.last_setup()), settings)

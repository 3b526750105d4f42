"""The README's screenshot of data placed by hand: linear regression, the data cleared (Edit → Clear
data), points placed with mouse clicks on the data plot and one dragged away, gradient descent run
for a while on them.

    QT_QPA_PLATFORM=offscreen python tools/hand_data_screenshot.py --size 1024x700 --scale 1 \
        --theme light --lang en --out docs/screenshot-hand-data.png

Settings go to a temporary folder, never the user's.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

# (x, y) of the points placed, in the data plot's own numbers: a rising line and one outlier
PLACED = [(0.5, 1.4), (1.0, 2.3), (1.5, 2.6), (2.0, 3.9), (2.5, 4.2), (3.0, 5.3), (3.5, 5.6), (4.0, 1.5)]
DRAGGED = (7, (4.0, 6.8))  # the outlier, dragged back up to the line


def size(text: str) -> tuple[int, int]:
    width, height = text.lower().split("x")
    return int(width), int(height)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=size, default=(1024, 700))
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--lang", choices=("en", "zh_CN"), default="en")
    parser.add_argument("--steps", type=int, default=60, help="steps run after the drag")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshot-hand-data.png"))
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication, QPointF, QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    QCoreApplication.setOrganizationName("gdsim-screenshots")
    QCoreApplication.setApplicationName("gdsim")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())

    from gdsim.app import create_window

    window = create_window()
    window.resize(*args.size)
    window.show()
    window.set_language(args.lang)
    window.set_theme(args.theme)
    window.set_scale(args.scale)
    session = window.session

    def wait_until(done, seconds: float = 10.0) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            if done():
                return True
            time.sleep(0.005)
        return False

    session.set_problem("linreg")
    wait_until(lambda: window.canvas.data_view_exists and window.canvas.data.isVisible())
    window.actions.clear_data.trigger()
    view = window.canvas.data
    box = view.getPlotItem().getViewBox()
    box.setRange(xRange=(0, 4.5), yRange=(0, 7.5), padding=0)  # room for the points to come
    wait_until(lambda: False, 0.2)

    def pixel(x: float, y: float):
        return view.mapFromScene(box.mapViewToScene(QPointF(x, y)))

    for x, y in PLACED:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         pixel(x, y))
        wait_until(lambda: False, 0.05)
    session.set_speed(20.0)
    session.play()
    wait_until(lambda: session.latest is not None and session.latest.lead.step >= args.steps // 2, 20)
    index, (x, y) = DRAGGED
    start, end = pixel(*PLACED[index]), pixel(x, y)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 9):
        QTest.mouseMove(view.viewport(), start + (end - start) * i / 8)
        wait_until(lambda: False, 0.03)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    wait_until(lambda: session.latest is not None and session.latest.lead.step >= args.steps, 20)
    session.pause()
    wait_until(lambda: session.latest is not None and not session.latest.playing)
    wait_until(lambda: window.canvas.last_drawn is session.latest, 2)
    wait_until(lambda: False, 0.3)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.out))
    print(args.out)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

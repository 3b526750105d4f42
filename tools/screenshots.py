"""Screenshots of shipped lessons, run to their end, as the README and docs/ show them.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py --lessons 2 8 10 --size 1024x700 --scale 1 \
        --theme light --lang en --out docs/screenshots

Each lesson is opened as the Lessons menu opens it, played at full speed to its end, and the window
grabbed to OUT/lesson-N-WxH-SCALE%-THEME-LANG.png. Settings go to a temporary folder, never the user's.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def size(text: str) -> tuple[int, int]:
    width, height = text.lower().split("x")
    return int(width), int(height)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lessons", type=int, nargs="+", required=True)
    parser.add_argument("--size", type=size, default=(1024, 700))
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--lang", choices=("en", "zh_CN"), default="en")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a lesson may run")
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    QCoreApplication.setOrganizationName("gdsim-screenshots")
    QCoreApplication.setApplicationName("gdsim")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())

    from gdsim.app import create_window
    from gdsim.model.lessons import shipped_lessons

    window = create_window()
    window.resize(*args.size)
    window.show()
    window.set_language(args.lang)
    window.set_theme(args.theme)
    window.set_scale(args.scale)
    lessons = {lesson.number: lesson for lesson in shipped_lessons()}
    args.out.mkdir(parents=True, exist_ok=True)

    def wait_until(done, seconds: float) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            if done():
                return True
            time.sleep(0.005)
        return False

    session = window.session
    for number in args.lessons:
        if number not in lessons or not window.load_lesson(lessons[number]):
            print(f"lesson {number}: not found or refused", file=sys.stderr)
            return 2
        session.set_speed(None)
        session.play()
        finished = wait_until(lambda: session.latest is not None and session.latest.finished
                              and not session.latest.playing, args.timeout)
        wait_until(lambda: window.canvas.last_drawn is session.latest, 10.0)
        wait_until(lambda: False, 0.2)  # and painted
        name = (f"lesson-{number}-{args.size[0]}x{args.size[1]}-{round(args.scale * 100)}pct-"
                f"{args.theme}-{args.lang}.png")
        window.grab().save(str(args.out / name))
        print(f"{args.out / name}{'' if finished else ' (still running at the timeout)'}")
    window.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())

"""Soak: the window with three runs (SGD, momentum, Adam on Rosenbrock) at full speed for ten minutes,
printing the process's memory (RSS) every 30 s, with the steps taken and the frames drawn since the
last line. Not a test: run it by hand and copy its figures into the README.

    python benchmarks/soak.py                 # 600 s, offscreen unless $DISPLAY is set
    python benchmarks/soak.py 120 10          # 120 s, a line every 10 s

η is 1e-5, the window's least, the tolerance 0 and the step limit the largest the window takes, so
that the runs neither converge nor diverge nor stop: all three run all the time.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

CONTENDERS = ["sgd", "momentum", "adam"]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        kib = next(line.split()[1] for line in status if line.startswith("VmRSS:"))
    return int(kib) / 1024


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(seconds: float = 600.0, every: float = 30.0) -> None:
    app = QApplication.instance() or QApplication([])
    from gdsim.app import create_window
    from gdsim.model.setup import MAX_STEP_LIMIT

    window = create_window()
    window.resize(1024, 700)
    window.show()
    session = window.session
    session.set_problem("rosenbrock")
    session.set_contenders(CONTENDERS)
    for i in range(len(CONTENDERS)):
        session.set_hyperparameter("lr", 1e-5, i)
    session.set_step_limit(MAX_STEP_LIMIT)
    session.set_tolerance(0.0)
    session.set_speed(None)
    frames = [0]
    window.canvas.drawn.connect(lambda snap: frames.__setitem__(0, frames[0] + 1))
    session.play()
    wait(1000)
    print(f"{'s':>5} {'RSS MB':>8} {'steps/s (slowest run)':>22} {'frames/s':>9}   statuses", flush=True)
    began = last_time = time.perf_counter()
    last_steps, last_frames = min(t.step for t in session.latest.tracks), frames[0]
    print(f"{0:5.0f} {rss_mb():8.1f} {'':>22} {'':>9}", flush=True)
    while (now := time.perf_counter()) - began < seconds:
        wait(int(min(every, seconds - (now - began)) * 1000))
        now = time.perf_counter()
        snap = session.latest
        steps = min(t.step for t in snap.tracks)
        rate = (steps - last_steps) / (now - last_time)
        fps = (frames[0] - last_frames) / (now - last_time)
        print(f"{now - began:5.0f} {rss_mb():8.1f} {rate:22,.0f} {fps:9.1f}   "
              f"{', '.join(t.status for t in snap.tracks)}", flush=True)
        last_time, last_steps, last_frames = now, steps, frames[0]
    window.close()
    shutdown = session.shut_down
    print(f"closed: threads joined {shutdown.joined} in {shutdown.seconds * 1000:.0f} ms", flush=True)
    app.processEvents()


if __name__ == "__main__":
    main(*(float(a) for a in sys.argv[1:3]))

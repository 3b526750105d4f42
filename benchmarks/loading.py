"""A 1,000,000-row CSV in the window: how long it takes to read in the background, how soon the neuron's
landscape shows (its first, coarse stage) and how long refining takes, how the window and the run
fare meanwhile (steps of the running setup, lateness of a 5 ms GUI-thread timer: while the run plays
and the file is read, while it plays without a file, while the file is read with the run paused, and
while the first stages are computed), and how long closing takes to stop and join every thread during
the load and during the refining.

    python benchmarks/loading.py          # three rounds, offscreen unless $DISPLAY is set
    python benchmarks/loading.py 5 20     # five rounds, waiting at most 20 s for the refining
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ROWS = 1_000_000
REFINE_WAIT_S = 90.0  # the last stage (200 x 200 on 100,000 rows) may take longer: the finest within it


def write_csv(path: Path) -> Path:
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 10, ROWS)
    passed = (x + rng.normal(0, 2, ROWS) > 5).astype(int)
    with open(path, "w", encoding="ascii") as f:
        f.write("x,y\n")
        f.writelines(f"{a:.4f},{b}\n" for a, b in zip(x, passed, strict=True))
    return path


def until(condition, timeout_s: float = 120.0) -> None:
    began = time.perf_counter()
    while not condition():
        if time.perf_counter() - began > timeout_s:
            raise TimeoutError
        loop = QEventLoop()
        QTimer.singleShot(5, loop.quit)
        loop.exec()


class Lateness:
    """A 5 ms timer on the GUI thread: how late each tick comes, while it runs."""

    def __init__(self):
        self.late = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._last = 0

    def _tick(self):
        now = self._clock.nsecsElapsed()
        self.late.append((now - self._last) / 1e6 - 5.0)
        self._last = now

    def start(self):
        self._clock.start()
        self._last = 0
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return float(np.percentile(self.late[1:], 95)) if len(self.late) > 1 else float("nan")


def neuron_window():
    """A 1024 × 700 window on the neuron, its first snapshot drawn."""
    from gdsim.app import create_window

    window = create_window()
    window.resize(1024, 700)
    window.show()
    until(lambda: window.session.latest is not None)
    window.session.set_problem("neuron")
    return window


def one_round(csv: Path, refine_wait_s: float = REFINE_WAIT_S) -> dict:
    window = neuron_window()
    session = window.session
    session.set_step_limit(10**9)  # the run goes on for the whole round: no limit, …
    session.set_tolerance(0.0)  # … and it never counts as converged
    session.set_speed(None)
    session.play()
    until(lambda: session.latest is not None and session.latest.lead.step > 0)
    stages = []
    session.landscape_changed.connect(lambda s: stages.append((time.perf_counter(), s)))
    baseline = Lateness()  # the same timer while the run plays and no file is read, to compare
    baseline.start()
    until(lambda: len(baseline.late) > 400)
    baseline_p95 = baseline.stop()
    lateness = Lateness()
    step_before = session.latest.lead.step
    old = session.problem
    old_steps = [step_before]  # the running setup's steps while the file is read
    session.stepped.connect(lambda snap: snap.problem is old and old_steps.append(snap.lead.step))
    lateness.start()
    began = time.perf_counter()
    session.set_data(str(csv))
    requested = time.perf_counter() - began
    until(lambda: not session.loading)
    loaded = time.perf_counter()
    if session.setup.data != str(csv):
        raise SystemExit(f"not loaded: {window.error.text()}")
    steps_meanwhile = old_steps[-1] - step_before
    late_p95 = lateness.stop()
    session.pause()  # the run on a million rows would share the CPU with the refining
    coarse_lateness = Lateness()
    coarse_lateness.start()
    until(lambda: any(s is not None and s.total == ROWS for _, s in stages))
    coarse_p95 = coarse_lateness.stop()
    second_lateness = Lateness()
    second_lateness.start()
    try:
        until(lambda: sum(s is not None and s.total == ROWS for _, s in stages) > 1 or not session.refining,
              refine_wait_s)
    except TimeoutError:
        pass
    second_p95 = second_lateness.stop()
    ours = [(t, s) for t, s in stages if s is not None and s.total == ROWS]
    try:
        until(lambda: not session.refining, refine_wait_s)
    except TimeoutError:
        pass
    ours = [(t, s) for t, s in stages if s is not None and s.total == ROWS]
    (coarse_at, coarse), (refined_at, finest) = ours[0], ours[-1]
    window.close()
    window.deleteLater()  # a closed window stays alive until deleted: the next round would share with it
    closed_idle = session.shut_down

    paused_p95 = read_while_paused(csv)
    # Closing during the load and during the refining.
    joins = {moment: closed_during(csv, moment) for moment in ("load", "refine")}
    return {
        "request returns (ms)": requested * 1000,
        "read and built in the background (s)": loaded - began,
        "steps of the running setup meanwhile": steps_meanwhile,
        "GUI timer lateness p95 meanwhile (ms)": late_p95,
        "… and while playing without a file (ms)": baseline_p95,
        "… and while read with the run paused (ms)": paused_p95,
        "coarse landscape after the data arrived (s)": coarse_at - loaded,
        "coarse stage": describe(coarse),
        "GUI timer lateness p95 until it came (ms)": coarse_p95,
        "… from it to the second stage (ms)": second_p95,
        "second stage after the data arrived (s)": ours[1][0] - loaded if len(ours) > 1 else float("nan"),
        "second stage": describe(ours[1][1]) if len(ours) > 1 else "-",
        f"finest stage within {refine_wait_s:g} s after the data (s)": refined_at - loaded,
        "finest stage": describe(finest),
        "stages": len(ours),
        "close when idle: join (ms)": closed_idle.seconds * 1000,
        "close during the load: join (ms)": joins["load"].seconds * 1000,
        "close during refining: join (ms)": joins["refine"].seconds * 1000,
        "all joined": closed_idle.joined and all(j.joined for j in joins.values()),
    }


def describe(surface) -> str:
    return f"{surface.image.shape[0]}x{surface.image.shape[1]} on {surface.samples:,} of {ROWS:,}"


def read_while_paused(csv: Path) -> float:
    """The 5 ms timer's p95 lateness while the CSV is read and the run is paused: what reading alone
    costs the window."""
    window = neuron_window()
    session = window.session
    lateness = Lateness()
    lateness.start()
    session.set_data(str(csv))
    until(lambda: not session.loading)
    p95 = lateness.stop()
    window.close()
    window.deleteLater()
    return p95


def closed_during(csv: Path, moment: str):
    """Open a window, give it the CSV, and close it while it reads (``load``) or refines (``refine``)."""
    from gdsim.app import create_window

    window = create_window()
    window.show()
    session = window.session
    until(lambda: session.latest is not None)
    session.set_problem("neuron")
    session.set_data(str(csv))
    if moment == "refine":
        until(lambda: not session.loading)
        until(lambda: session.refining)
    window.close()
    window.deleteLater()
    return session.shut_down


def main(rounds: int = 3, refine_wait_s: float = REFINE_WAIT_S) -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        csv = write_csv(Path(folder) / "million.csv")
        print(f"{ROWS:,} rows, {csv.stat().st_size / 2**20:.1f} MB; load average {os.getloadavg()[0]:.1f}")
        results = [one_round(csv, refine_wait_s) for _ in range(rounds)]
    for key in results[0]:
        values = [r[key] for r in results]
        if isinstance(values[0], float):
            print(f"{key:45} best {min(values):8.3f}   median {statistics.median(values):8.3f}   "
                  f"worst {max(values):8.3f}")
        else:
            print(f"{key:45} {values}")
    app.processEvents()


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]), *(float(a) for a in sys.argv[2:3]))

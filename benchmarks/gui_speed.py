"""How the window holds up: event-loop latency with the worker at full speed, redraws per second with
a 1,000,000-step trajectory, the first window against a bare PySide6 + pyqtgraph window, and the
time to recompute a dataset model's 200 × 200 landscape.

    python benchmarks/gui_speed.py            # uses $DISPLAY if set (e.g. under xvfb-run), else offscreen
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def full_speed_run(session) -> None:
    """Rosenbrock at full speed, slow enough (η = 1e-6) that it neither converges nor diverges."""
    session.set_problem("rosenbrock")
    session.set_hyperparameter("lr", 1e-6)
    session.set_step_limit(10**9)
    session.set_speed(None)
    wait(300)


def responsiveness(window, seconds: float = 4.0) -> dict:
    """Lateness of a 5 ms GUI-thread timer and redraws per second while the worker runs flat out."""
    session = window.session
    full_speed_run(session)
    late, redraws = [], []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(5)
    last = [0]

    def on_timeout():
        now = clock.nsecsElapsed()
        late.append((now - last[0]) / 1e6 - 5.0)
        last[0] = now

    timer.timeout.connect(on_timeout)
    window.canvas.drawn.connect(lambda snap: redraws.append(snap.lead.step))
    session.play()
    wait(300)
    clock.start()
    last[0] = clock.nsecsElapsed()
    timer.start()
    wait(int(seconds * 1000))
    timer.stop()
    session.pause()
    steps = redraws[-1] - redraws[0] if len(redraws) > 1 else 0
    return {"p50": float(np.percentile(late, 50)), "p95": float(np.percentile(late, 95)),
            "max": float(np.max(late)), "redraws_per_s": len(redraws) / (seconds + 0.3),
            "steps_per_s": steps / (seconds + 0.3)}


def long_trajectory(window, steps: int = 1_000_000, seconds: float = 3.0) -> dict:
    """Redraws per second while playing, once the run has 1,000,000 steps recorded."""
    session = window.session
    full_speed_run(session)
    session.play()
    deadline = time.perf_counter() + 120
    while (session.latest is None or session.latest.lead.step < steps) and time.perf_counter() < deadline:
        wait(200)
    reached = session.latest.lead.step
    redraws, points = [], []
    window.canvas.drawn.connect(lambda snap: (redraws.append(1), points.append(len(snap.lead.history_step))))
    wait(int(seconds * 1000))
    session.pause()
    return {"steps_recorded": reached, "redraws_per_s": len(redraws) / seconds,
            "points_drawn": max(points) if points else 0}


BARE = """
import pyqtgraph as pg
window = pg.PlotWidget()
window.plot([0, 1, 2], [0, 1, 4])
window.resize(1400, 900)
"""
GDSIM = """
from gdsim.app import create_window
window = create_window()
window.resize(1400, 900)
"""


def _first_frame_script(make_window: str) -> str:
    """Prints the seconds from the script's first line to the window's first frame."""
    return "\n".join([
        "import time, sys", "t0 = time.perf_counter()", f"sys.path.insert(0, {str(ROOT)!r})",
        "from PySide6.QtWidgets import QApplication", "from PySide6.QtCore import QTimer",
        "app = QApplication([])", make_window.strip(), "window.show()",
        "def done():", "    print(time.perf_counter() - t0, flush=True)", "    window.close()",
        "    app.quit()",
        "QTimer.singleShot(0, done)  # runs once the first frame has been painted", "app.exec()",
    ])


def first_window(repeats: int = 7) -> dict:
    results = {}
    for name, make in (("bare", BARE), ("gdsim", GDSIM)):
        times = []
        for _ in range(repeats):
            out = subprocess.run([sys.executable, "-c", _first_frame_script(make)], capture_output=True,
                                 text=True, env=dict(os.environ), check=True)
            times.append(float(out.stdout.strip().splitlines()[0]))
        results[name] = statistics.median(times)
    results["ratio"] = results["gdsim"] / results["bare"]
    return results


def landscape_times(repeats: int = 5) -> dict:
    from gdsim.engine import make_problem
    from gdsim.model import landscape

    rng = np.random.default_rng(0)
    x = rng.uniform(0, 6, 300)
    y01 = (rng.uniform(size=300) < 1 / (1 + np.exp(-2 * (x - 3)))).astype(float)
    y_line = 1.5 * x + 1 + rng.normal(0, 0.5, 300)
    cases = {
        "linreg, sse": ("linreg", (x, y_line), None, "sse"),
        "neuron sigmoid, sse": ("neuron", (x, y01), "sigmoid", "sse"),
        "neuron sigmoid, bce": ("neuron", (x, y01), "sigmoid", "bce"),
        "neuron tanh, mse": ("neuron", (x, y01), "tanh", "mse"),
        "neuron relu, sse": ("neuron", (x, y01), "relu", "sse"),
    }
    out = {}
    for name, (kind, data, act, loss) in cases.items():
        problem = make_problem(kind, data, act, loss)
        landscape.compute(problem)  # warm-up: imports, allocations
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            landscape.compute(problem)
            times.append(time.perf_counter() - t)
        out[name] = min(times) * 1000
    return out


def main():
    app = QApplication.instance() or QApplication(sys.argv)
    from gdsim.app import create_window

    print(f"platform: {QApplication.platformName()}")
    print("landscape 200 × 200, 300 samples (ms, best of 5):")
    for name, ms in landscape_times().items():
        print(f"  {name:<24}{ms:7.1f}")

    window = create_window()
    window.resize(1400, 900)
    window.show()
    wait(500)
    r = responsiveness(window)
    print(f"worker at full speed: event-loop lateness p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, "
          f"max {r['max']:.1f} ms; {r['redraws_per_s']:.0f} redraws/s; {r['steps_per_s']:,.0f} steps/s")
    t = long_trajectory(window)
    print(f"after {t['steps_recorded']:,} steps: {t['redraws_per_s']:.0f} redraws/s, "
          f"at most {t['points_drawn']} points per curve")
    window.close()
    del window
    app.processEvents()

    f = first_window()
    print(f"first window (median of 7, script start to first frame): bare PySide6 + pyqtgraph "
          f"{f['bare']:.2f} s, gdsim {f['gdsim']:.2f} s, ratio {f['ratio']:.2f}")


if __name__ == "__main__":
    main()

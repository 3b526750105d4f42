"""How the window holds up: steps per second, redraws per second and event-loop lateness with one
run and with lesson 10's seven runs at full speed, and what a frame costs the GUI thread in each case;
redraws per second with a 1,000,000-step trajectory, the first window against a bare PySide6 +
pyqtgraph window, and the time to recompute a dataset model's 200 × 200 landscape.

    python benchmarks/gui_speed.py            # uses $DISPLAY if set (e.g. under xvfb-run), else offscreen
    python benchmarks/gui_speed.py runs       # only the cases with the worker at full speed
    python benchmarks/gui_speed.py basins     # only the basin map's cloud of 300 × 300 starts
"""

import os
import statistics
import subprocess
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


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def full_speed_run(session) -> None:
    """Rosenbrock at full speed, slow enough (η = 1e-5, the window's least) that it neither converges
    nor diverges."""
    session.set_problem("rosenbrock")
    session.set_hyperparameter("lr", 1e-5)
    session.set_step_limit(10**9)
    session.set_speed(None)
    wait(300)


def at_full_speed(window, seconds: float = 4.0) -> dict:
    """While the worker runs flat out: the lateness of a 5 ms GUI-thread timer (ms), redraws per
    second, and steps per second of the slowest run (measured between the first and last redraw)."""
    session = window.session
    late, redraws = [], []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(5)
    last = [0]

    def on_timeout():
        now = clock.nsecsElapsed()
        late.append((now - last[0]) / 1e6 - 5.0)
        last[0] = now

    def on_drawn(snap):
        redraws.append((time.perf_counter(), [t.step for t in snap.tracks]))

    timer.timeout.connect(on_timeout)
    session.play()
    wait(300)
    window.canvas.drawn.connect(on_drawn)
    clock.start()
    last[0] = clock.nsecsElapsed()
    timer.start()
    wait(int(seconds * 1000))
    timer.stop()
    window.canvas.drawn.disconnect(on_drawn)
    session.pause()
    wait(100)
    if len(redraws) > 1:
        (t0, first), (t1, final) = redraws[0], redraws[-1]
        per_run = [(b - a) / (t1 - t0) for a, b in zip(first, final, strict=True)]
    else:
        per_run = [0.0]
    return {"p50": float(np.percentile(late, 50)), "p95": float(np.percentile(late, 95)),
            "max": float(np.max(late)), "redraws_per_s": len(redraws) / seconds,
            "steps_per_s": min(per_run), "runs": len(per_run)}


def one_run(window) -> dict:
    full_speed_run(window.session)
    return at_full_speed(window)


def seven_runs(window) -> dict:
    """Lesson 10's seven optimizers on Beale's function, with no step limit and a tolerance of 0 so
    that none stops while it is measured (near the minimum they go on stepping)."""
    from gdsim.model.lessons import shipped_lessons

    lesson = next(lesson for lesson in shipped_lessons() if lesson.number == 10)
    window.load_lesson(lesson)
    session = window.session
    session.set_tolerance(0)
    session.set_step_limit(10**9)
    session.set_speed(None)
    wait(300)
    return at_full_speed(window)


def frame_cost(window, frames: int = 40, steps_between: int = 1500) -> dict:
    """The GUI thread's CPU time per frame, drawing and painting, with the worker paused: snapshots of
    the window's setup, taken ``steps_between`` steps apart beforehand, go to the window as the
    worker's would, one at a time, at the pace the window takes them. CPU time, not wall time, so
    that it says what a frame costs even on a loaded machine."""
    from gdsim.engine.run import advance_together
    from gdsim.model import snapshot
    from gdsim.model.build import build

    session, canvas = window.session, window.canvas
    session.pause()
    wait(300)
    built = build(session.setup, session.problem)
    rows = max(int(view.getPlotItem().getViewBox().width()) for view in (canvas.parameters, canvas.losses))
    starts = session.setup.starts_of(session.problem)
    snaps = []
    for _ in range(frames):
        advance_together(built.runs, steps_between)
        snaps.append(snapshot.take(built.runs, 0, True, rows, starts, session.setup.watched))
    app = QApplication.instance()

    def show(snap) -> None:
        session.stepped.emit(snap)
        while canvas.last_drawn is not snap or session.painting:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)  # no busy wait: CPU is measured

    for snap in snaps[:5]:
        show(snap)  # warm-up
    t = time.thread_time()
    for snap in snaps:
        show(snap)
    return {"ms_per_frame": (time.thread_time() - t) / frames * 1000}


FRAME_SIZES = ((1400, 900), (1024, 700))  # the window's usual size, and a common projector's


def frame_costs(window, steps_between: int = 1500, repeats: int = 3) -> str:
    """frame_cost at each of FRAME_SIZES (the best of ``repeats``: CPU time still grows on a busy
    machine), the window's size then restored."""
    size = window.size()
    costs = []
    for width, height in FRAME_SIZES:
        window.resize(width, height)
        wait(300)
        best = min(frame_cost(window, steps_between=steps_between)["ms_per_frame"] for _ in range(repeats))
        costs.append(f"{best:.1f} ms at {width} × {height}")
    window.resize(size)
    wait(300)
    return ", ".join(costs)


def lesson_8(window) -> dict:
    """Lesson 10 as shipped (seven runs, step limit 5000): seconds from play until every run has stopped."""
    from gdsim.model.lessons import shipped_lessons

    lesson = next(lesson for lesson in shipped_lessons() if lesson.number == 10)
    window.load_lesson(lesson)
    session = window.session
    wait(300)
    t = time.perf_counter()
    session.play()
    while not (session.latest is not None and session.latest.finished) and time.perf_counter() - t < 120:
        wait(10)
    return {"seconds": time.perf_counter() - t}


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


def basin_cloud(window, seconds: float = 4.0) -> dict:
    """While the basin map's 300 × 300 starts (Adam on Himmelblau, η so small that none stops) flow
    on the parameter view: the lateness of a 5 ms GUI-thread timer (ms), cloud frames drawn per
    second and the starts' steps per second."""
    session = window.session
    session.set_problem("himmelblau")
    wait(300)
    panel = window.basin_panel
    panel.grid.setValue(300)
    panel.steps.setValue(100_000)
    session.set_contenders(["adam"])
    session.set_hyperparameter("lr", 1e-5)
    wait(300)
    late, frames = [], []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(5)
    last = [0]

    def on_timeout():
        now = clock.nsecsElapsed()
        late.append((now - last[0]) / 1e6 - 5.0)
        last[0] = now

    def on_frame(frame):
        frames.append((time.perf_counter(), frame.step))

    timer.timeout.connect(on_timeout)
    window.basin_mode.progressed.connect(on_frame)
    window.actions.basin_map.trigger()
    wait(500)
    frames.clear()
    clock.start()
    last[0] = clock.nsecsElapsed()
    timer.start()
    wait(int(seconds * 1000))
    timer.stop()
    window.basin_mode.progressed.disconnect(on_frame)
    window.basin_mode.cancel()
    wait(200)
    (t0, s0), (t1, s1) = frames[0], frames[-1]
    return {"p50": float(np.percentile(late, 50)), "p95": float(np.percentile(late, 95)),
            "max": float(np.max(late)), "frames_per_s": len(frames) / seconds,
            "start_steps_per_s": 90_000 * (s1 - s0) / (t1 - t0)}


def print_full_speed(name: str, r: dict) -> None:
    each = " each (the slowest)" if r["runs"] > 1 else ""
    print(f"{name} at full speed: {r['steps_per_s']:,.0f} steps/s{each}; {r['redraws_per_s']:.0f} redraws/s; "
          f"event-loop lateness p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, max {r['max']:.1f} ms")


def main():
    only_runs = sys.argv[1:] == ["runs"]
    only_basins = sys.argv[1:] == ["basins"]
    # The window reads and writes its settings: in a folder of its own, so that every run starts
    # from gdsim's first setup and the user's settings are left alone.
    home = tempfile.TemporaryDirectory(prefix="gdsim-bench-")
    os.environ["XDG_CONFIG_HOME"] = home.name
    app = QApplication.instance() or QApplication(sys.argv)
    from gdsim.app import create_window

    print(f"platform: {QApplication.platformName()}; load average {os.getloadavg()[0]:.2f}")
    if not (only_runs or only_basins):
        print("landscape 200 × 200, 300 samples (ms, best of 5):")
        for name, ms in landscape_times().items():
            print(f"  {name:<24}{ms:7.1f}")

    window = create_window()
    window.resize(1400, 900)
    window.show()
    wait(500)
    if only_basins:
        for _ in range(3):
            r = basin_cloud(window)
            print(f"basin map, 300 × 300 starts flowing (Adam, Himmelblau): {r['frames_per_s']:.0f} cloud "
                  f"frames/s, {r['start_steps_per_s'] / 1e6:.1f} M start-steps/s; event-loop lateness p50 "
                  f"{r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, max {r['max']:.1f} ms")
        window.close()
        return
    print_full_speed("1 run", one_run(window))
    print(f"  GUI thread per frame (CPU time, worker paused, 1,500 steps between frames): "
          f"{frame_costs(window)}")
    if not only_runs:
        t = long_trajectory(window)
        print(f"after {t['steps_recorded']:,} steps: {t['redraws_per_s']:.0f} redraws/s, "
              f"at most {t['points_drawn']} points per curve")
    print_full_speed("7 runs (lesson 10's optimizers)", seven_runs(window))
    print(f"  GUI thread per frame (CPU time, worker paused, 170 steps between frames): "
          f"{frame_costs(window, steps_between=170)}")
    print(f"lesson 10 as shipped (7 runs to step 5000): every run stopped after "
          f"{lesson_8(window)['seconds']:.2f} s")
    window.close()
    del window
    app.processEvents()

    if not only_runs:
        f = first_window()
        print(f"first window (median of 7, script start to first frame): bare PySide6 + pyqtgraph "
              f"{f['bare']:.2f} s, gdsim {f['gdsim']:.2f} s, ratio {f['ratio']:.2f}")
    home.cleanup()


if __name__ == "__main__":
    main()

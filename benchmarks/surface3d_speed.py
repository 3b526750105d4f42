"""What the 3-D surface costs the window: with one run of Rosenbrock's function at full speed, the
event-loop lateness, the canvas's redraws and the run's steps per second with the 3-D window closed and
open, and how long a 3-D frame takes to paint and how many it paints a second.

Needs OpenGL: run it under a virtual X server (Mesa's software OpenGL, llvmpipe) or on a desktop:

    xvfb-run -a -s '-screen 0 1280x1024x24' env QT_QPA_PLATFORM=xcb python benchmarks/surface3d_speed.py
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402
from gui_speed import at_full_speed, full_speed_run, wait  # noqa: E402
from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def measure(window, seconds: float = 5.0) -> dict:
    painted = []
    surface = window.surface_window
    if surface is not None:
        surface.view.painted.connect(painted.append)
    began = time.perf_counter()
    result = at_full_speed(window, seconds)
    if surface is not None:
        surface.view.painted.disconnect(painted.append)
        ms = np.array(painted) * 1000
        result.update(frames_per_s=len(painted) / (time.perf_counter() - began),
                      paint_p50=float(np.percentile(ms, 50)), paint_p95=float(np.percentile(ms, 95)))
    return result


def main() -> None:
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv)
    from gdsim.app import create_window
    from gdsim.ui.gl_support import gl_support

    support = gl_support()
    if not support.available:
        print(f"OpenGL does not work here: {support.reason()}")
        return
    print(f"OpenGL renderer: {support.renderer}; load average {os.getloadavg()[0]:.2f}")
    window = create_window()
    window.resize(1024, 700)
    window.show()
    full_speed_run(window.session)
    rows = [("3-D window closed", measure(window))]
    window.actions.surface_3d.trigger()
    window.surface_window.resize(900, 700)
    wait(1000)
    full_speed_run(window.session)
    rows.append(("3-D window open (900 × 700)", measure(window)))
    for name, r in rows:
        line = (f"{name}: lateness p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms; canvas"
                f" {r['redraws_per_s']:.0f} redraws/s; {r['steps_per_s']:,.0f} steps/s")
        if "frames_per_s" in r:
            line += (f"; 3-D {r['frames_per_s']:.0f} frames/s, paint p50 {r['paint_p50']:.1f} ms,"
                     f" p95 {r['paint_p95']:.1f} ms")
        print(line, flush=True)
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()

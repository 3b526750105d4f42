"""Milliseconds a point placed or moved by hand costs: the new problem made on the edited data (in
the window's thread), and in the worker's, the runs switched to it between two steps and the landscape
worked out anew; and a landscape of two parameters among three, the others held. Run from the
repository root:

    python benchmarks/hand_data_speed.py

Each figure is the best of 20. While a point is dragged the window sends its newest place at most every
40 ms (gdsim/ui/data_editor.py), so a drag costs the worker about this much 25 times a second.
Timings are noisy on a busy machine: say what `uptime` says.
"""

import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gdsim.engine import load_dataset, make_problem  # noqa: E402
from gdsim.model import landscape  # noqa: E402
from gdsim.model.build import build, problem_on_edited_data  # noqa: E402
from gdsim.model.hand_data import Points  # noqa: E402
from gdsim.model.setup import Setup  # noqa: E402


def best_ms(fn, repeats: int = 20) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1000 * min(times)


def edit_case(problem: str, points: Points, loss=None) -> tuple[float, float, float]:
    setup = Setup(problem=problem, loss=loss).with_edited_data(points)
    built = build(setup)
    run = built.runs[0]
    run.advance(50)
    moved = points.moved(0, points.X[0, 0] + 0.01, points.y[0])
    edited = setup.with_edited_data(moved)
    make = best_ms(lambda: problem_on_edited_data(edited, built.problem))
    new = problem_on_edited_data(edited, built.problem)
    switch = best_ms(lambda: run.switch_problem(new))
    picture = best_ms(lambda: landscape.compute(new), repeats=5)
    return make, switch, picture


def main() -> None:
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    line = Points.from_dataset(load_dataset("line"))
    pass_fail = Points.from_dataset(load_dataset("pass-fail"))
    rng = np.random.default_rng(0)
    thousand = Points.of(rng.uniform(0, 5, 1000), rng.integers(0, 2, 1000).astype(float))
    print("a point moved: new problem (window) | switch the run (worker) | landscape 200×200 (worker), ms")
    for name, problem, points, loss in (("linreg, 30 points", "linreg", line, None),
                                        ("neuron, 40 points", "neuron", pass_fail, None),
                                        ("neuron bce, 1,000 points", "neuron", thousand, "bce")):
        make, switch, picture = edit_case(problem, points, loss)
        print(f"  {name:26} {make:7.2f} | {switch:7.2f} | {picture:7.1f}")
    X = rng.normal(size=(200, 2))
    three = make_problem("linreg", (X, X @ [1.5, -2.0] + 0.5 + rng.normal(size=200) * 0.1))
    held = np.array([0.3, 0.2, -0.1])
    ms = best_ms(lambda: landscape.compute(three, plane=(0, 2), held=held), repeats=5)
    print(f"landscape of w1, b with w2 held (linreg, 2 inputs, 200 samples): {ms:.1f} ms")


if __name__ == "__main__":
    main()

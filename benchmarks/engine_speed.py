"""Steps per second of the engine: Adam on Rosenbrock, 1 start and 10,000 starts, trajectory recorded.

Beside each, the same run written the obvious way (numpy expressions that allocate, the trajectory
appended to lists), so the ratio shows. Then typed functions: Rosenbrock typed as
"(1 - x)^2 + 100*(y - x^2)^2" against the built-in one, steps (target: within 2×) and the window's
200 × 200 landscape (target: < 20 ms for the losses), and how long the first typed function takes
(SymPy is imported then). Run from the repository root:

    python benchmarks/engine_speed.py [--quick] [--schedule NAME]

With ``--schedule`` the engine's runs scale η by that learning-rate schedule at every step (the
obvious loop stays without one).

Each figure is the best of three repeats, in start-steps per second (steps × starts / seconds).
"""

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gdsim.engine import ANALYTIC_PROBLEMS, Run, typed_function  # noqa: E402
from gdsim.model import landscape  # noqa: E402

TYPED_ROSENBROCK = "(1 - x)^2 + 100*(y - x^2)^2"

LR = 2e-6  # small enough that no start stops (converges or diverges) during the benchmark


SCHEDULE = None


def engine(starts: np.ndarray, steps: int, problem=None) -> float:
    run = Run(problem or ANALYTIC_PROBLEMS["rosenbrock"], "adam", starts, {"lr": LR}, schedule=SCHEDULE)
    t = time.perf_counter()
    taken = run.advance(steps)
    elapsed = time.perf_counter() - t
    assert taken == steps and run.running, "the benchmark run stopped early"
    return steps * len(starts) / elapsed


def obvious(starts: np.ndarray, steps: int) -> float:
    """Adam written straight from the formulas, as one would in a notebook."""
    b1, b2, eps = 0.9, 0.999, 1e-8
    p = starts.copy()
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    params, losses, norms = [p.copy()], [], []
    t0 = time.perf_counter()
    for t in range(1, steps + 1):
        x, y = p[:, 0], p[:, 1]
        loss = (1 - x) ** 2 + 100 * (y - x**2) ** 2
        g = np.stack([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)], axis=1)
        losses.append(loss)
        norms.append(np.linalg.norm(g, axis=1))
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat = m / (1 - b1**t)
        v_hat = v / (1 - b2**t)
        p = p - LR * m_hat / (np.sqrt(v_hat) + eps)
        params.append(p.copy())
    elapsed = time.perf_counter() - t0
    return steps * len(starts) / elapsed


def best_of(fn, starts, steps, repeats=3):
    rates = [fn(starts, steps) for _ in range(repeats)]
    return max(rates), statistics.median(rates)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer steps (a smoke test, noisy figures)")
    parser.add_argument("--schedule", help="a learning-rate schedule for the engine's runs, such as cosine")
    args = parser.parse_args()
    global SCHEDULE
    SCHEDULE = args.schedule
    scale = 10 if args.quick else 1
    rng = np.random.default_rng(0)
    cases = [
        ("1 start", np.array([[-1.2, 1.0]]), 300_000 // scale, 30_000 // scale),
        ("10,000 starts", rng.uniform([-2.0, -1.0], [2.0, 3.0], size=(10_000, 2)),
         10_000 // scale, 300 // scale),
    ]
    print(f"numpy {np.__version__}, Python {platform.python_version()}, {platform.machine()}"
          + (f", schedule {SCHEDULE}" if SCHEDULE else ""))
    print(f"{'case':<15}{'engine (best / median)':>34}{'obvious loop':>20}{'ratio':>8}")
    for name, starts, steps, obvious_steps in cases:
        fast, fast_median = best_of(engine, starts, steps)
        slow, _ = best_of(obvious, starts, obvious_steps)
        print(f"{name:<15}{fast:>18,.0f} / {fast_median:>13,.0f}{slow:>20,.0f}{fast / slow:>7.1f}×")
    print("(start-steps per second: steps × starts / seconds, trajectory recorded)")
    typed(cases)


def typed(cases) -> None:
    began = time.perf_counter()
    problem = typed_function(TYPED_ROSENBROCK, [[-2, 2], [-1, 3]])
    first = time.perf_counter() - began
    print(f"\nTyped function {TYPED_ROSENBROCK!r} (first one made in {first * 1000:.0f} ms, SymPy "
          "imported then; the built-in Rosenbrock for comparison)")
    print(f"{'case':<15}{'typed (best)':>18}{'built-in (best)':>18}{'time per step':>18}")
    for name, starts, steps, _ in cases:
        mine, _ = best_of(lambda s, n: engine(s, n, problem), starts, steps)
        builtin, _ = best_of(engine, starts, steps)
        print(f"{name:<15}{mine:>18,.0f}{builtin:>18,.0f}{builtin / mine:>10.2f}× built-in's")
    rosenbrock = ANALYTIC_PROBLEMS["rosenbrock"]
    for what, fn in [("200 × 200 losses", lambda p: p.loss(_grid(p))),
                     ("200 × 200 landscape with contours", landscape.compute)]:
        mine, builtin = _best_ms(lambda fn=fn: fn(problem)), _best_ms(lambda fn=fn: fn(rosenbrock))
        print(f"{what:<36}typed {mine:6.1f} ms   built-in {builtin:6.1f} ms")


def _grid(problem, n: int = landscape.GRID) -> np.ndarray:
    (x0, x1), (y0, y1) = problem.domain
    xx, yy = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n), indexing="ij")
    return np.column_stack([xx.ravel(), yy.ravel()])


def _best_ms(fn, repeats: int = 20) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000


if __name__ == "__main__":
    main()

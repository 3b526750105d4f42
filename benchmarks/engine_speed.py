"""Steps per second of the engine: Adam on Rosenbrock, 1 start and 10,000 starts, trajectory recorded.

Beside each, the same run written the obvious way (numpy expressions that allocate, the trajectory
appended to lists), so the ratio shows. Then ``gdsim.simulate`` with 10,000 starts and its full
history, against ``Run.advance`` for the same steps, and the peak memory of the call against the size
of the arrays it returns. Then what the window's worker pays per step for a few runs of one start
(``advance_together`` in chunks, as it steps them): one run, and lesson 10's seven optimizers side by
side, in µs per step of one run. Then typed functions: Rosenbrock typed as
"(1 - x)^2 + 100*(y - x^2)^2" against the built-in one, steps (target: within 2×) and the window's
200 × 200 landscape (target: < 20 ms for the losses), and how long the first typed function takes
(SymPy is imported then). Run from the repository root:

    python benchmarks/engine_speed.py [--quick] [--schedule NAME]

With ``--schedule`` the engine's runs scale η by that learning-rate schedule at every step (the
obvious loop stays without one).

Each figure is the best of three repeats, in start-steps per second (steps × starts / seconds), or in
µs per step for the simulate cases.
"""

import argparse
import dataclasses
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gdsim.engine import ANALYTIC_PROBLEMS, Run, simulate, typed_function  # noqa: E402
from gdsim.engine.run import advance_together  # noqa: E402
from gdsim.model import landscape  # noqa: E402
from gdsim.model.build import build  # noqa: E402
from gdsim.model.lessons import shipped_lessons  # noqa: E402

TYPED_ROSENBROCK = "(1 - x)^2 + 100*(y - x^2)^2"

LR = 2e-6  # small enough that no start stops (converges or diverges) during the benchmark
SIMULATE_LR = 0.02


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


def simulate_seconds(starts: np.ndarray, steps: int) -> tuple[float, float, float]:
    """The whole public call (arguments checked, the run, its history as returned arrays): seconds, the
    seconds of it the kernel spent on this process (mostly giving the result its fresh pages), and the
    user CPU seconds of this process (which other processes on a busy machine do not stretch)."""
    kernel, cpu = os.times().system, os.times().user
    t = time.perf_counter()
    sim = simulate("rosenbrock", "adam", starts, steps, lr=SIMULATE_LR)
    elapsed = time.perf_counter() - t
    assert sim.params.shape == (steps + 1, len(starts), 2)
    return elapsed, os.times().system - kernel, os.times().user - cpu


def advance_seconds(starts: np.ndarray, steps: int) -> tuple[float, float]:
    """Seconds and user CPU seconds of Run.advance for the same steps."""
    run = Run(ANALYTIC_PROBLEMS["rosenbrock"], "adam", starts, {"lr": SIMULATE_LR})
    cpu = os.times().user
    t = time.perf_counter()
    taken = run.advance(steps)
    elapsed = time.perf_counter() - t
    assert taken == steps
    return elapsed, os.times().user - cpu


def returned_bytes(sim) -> int:
    return sim.params.nbytes + sim.loss.nbytes + sim.grad_norm.nbytes


def traced_peak(starts: np.ndarray, steps: int) -> tuple[int, int]:
    """Peak memory numpy and Python allocate during one simulate call (tracemalloc), and the bytes
    of the arrays it returns."""
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    sim = simulate("rosenbrock", "adam", starts, steps, lr=SIMULATE_LR)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak - before, returned_bytes(sim)


_RSS_SCRIPT = """
import resource, sys
import numpy as np
sys.path.insert(0, sys.argv[3])
from gdsim.engine import simulate


def high_water():
    # VmHWM is the peak of this process's own memory; ru_maxrss would carry the peak of the process it
    # was started from (Linux keeps it across exec), which hides the call's growth.
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


starts = np.random.default_rng(0).uniform([-2.0, -1.0], [2.0, 3.0], size=(int(sys.argv[1]), 2))
before = high_water()
sim = simulate("rosenbrock", "adam", starts, int(sys.argv[2]), lr=float(sys.argv[4]))
after = high_water()
print((after - before) * 1024, sim.params.nbytes + sim.loss.nbytes + sim.grad_norm.nbytes)
"""


def rss_growth(k: int, steps: int) -> tuple[int, int]:
    """Growth of the peak resident set of a fresh process over one simulate call (kiB on Linux)."""
    out = subprocess.run([sys.executable, "-c", _RSS_SCRIPT, str(k), str(steps),
                          str(Path(__file__).resolve().parents[1]), str(SIMULATE_LR)],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), int(out[1])


def simulate_cases(starts: np.ndarray, step_counts, repeats: int = 5) -> None:
    print(f"\nsimulate() with its full history, {len(starts):,} starts, Adam lr {SIMULATE_LR} on Rosenbrock")
    print(f"{'steps':>6}{'simulate s':>12}{'kernel s':>10}{'µs/step':>9}{'advance µs/step':>17}{'ratio':>8}"
          f"{'user ratio':>11}{'peak/returned':>15}{'RSS/returned':>14}{'returned':>11}")
    for steps in step_counts:
        pairs = [(simulate_seconds(starts, steps), advance_seconds(starts, steps)) for _ in range(repeats)]
        (sim_s, kernel_s, _), (adv_s, _) = min(p[0] for p in pairs), min(p[1] for p in pairs)
        sim_cpu, adv_cpu = min(p[0][2] for p in pairs), min(p[1][1] for p in pairs)
        peak, size = traced_peak(starts, steps)
        rss, _ = rss_growth(len(starts), steps)
        print(f"{steps:>6}{sim_s:>12.3f}{kernel_s:>10.2f}{sim_s / steps * 1e6:>9.0f}"
              f"{adv_s / steps * 1e6:>17.0f}{sim_s / adv_s:>7.2f}×{sim_cpu / adv_cpu:>10.2f}×"
              f"{peak / size:>14.2f}×{rss / size:>13.2f}×{size / 2**20:>8.0f} MiB")
    print("(ratio: simulate / Run.advance, best of each, target ≤ 1.2; user ratio: the same in user"
          "\n CPU time of this process; kernel: system time within the call, mostly page faults of the"
          "\n fresh memory it returns; peak: tracemalloc during the call, target ≤ 1.3; RSS: growth of the"
          "\n peak resident set (VmHWM) of a fresh process; returned: params + loss + grad_norm)")


def one_run() -> list[Run]:
    """One start of plain gradient descent on Rosenbrock, never stopping."""
    return [Run(ANALYTIC_PROBLEMS["rosenbrock"], "sgd", [-1.5, 2.0], {"lr": 1e-5}, tol=0.0, step_limit=10**9)]


def lesson_10() -> list[Run]:
    """Lesson 10's runs (Beale; seven optimizers, one start each) as the window builds them, never
    stopping."""
    lesson = next(lesson for lesson in shipped_lessons() if lesson.number == 10)
    return list(build(dataclasses.replace(lesson.setup, tol=0.0, step_limit=10**9)).runs)


def window_step_us(make, chunk: int, steps: int, repeats: int) -> float:
    """µs per step of one run: ``advance_together`` of the runs, chunk steps at a time (best of
    repeats, CPU time of this thread, so other processes on a busy machine stretch it less)."""
    best = math.inf
    for _ in range(repeats):
        runs = make()
        advance_together(runs, chunk)  # scratch arrays made, caches warm
        t = time.thread_time()
        for _ in range(steps // chunk):
            advance_together(runs, chunk)
        best = min(best, (time.thread_time() - t) / (steps // chunk * chunk * len(runs)))
    return best * 1e6


def window_cases(quick: bool) -> None:
    steps, repeats = (2048, 3) if quick else (8192, 15)
    print("\nThe window's worker: advance_together in chunks, runs of one start (µs per step of one run;"
          "\n target: 1 run ≥ 40,000 steps/s and 7 runs ≥ 5,000 steps/s each, beside the GUI thread)")
    print(f"{'case':<44}{'chunk 16':>10}{'chunk 256':>11}")
    for name, make in [("1 run: Rosenbrock, sgd", one_run),
                       ("lesson 10: 7 runs on Beale, 7 optimizers", lesson_10)]:
        figures = [window_step_us(make, chunk, steps, repeats) for chunk in (16, 256)]
        print(f"{name:<44}" + "".join(f"{f:>10.1f}" for f in figures))


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
    simulate_cases(cases[1][1], (200 // scale, 2000 // scale))
    window_cases(args.quick)
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

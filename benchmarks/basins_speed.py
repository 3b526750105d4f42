"""Speed of the basin map through the API: ``gdsim.basins`` on a 300 × 300 grid of Himmelblau's function.

    python benchmarks/basins_speed.py [--quick]

Cases (target: 90,000 starts × 1,000 steps of Adam in < 2 s, at least 50 M start-steps/s):

- the issue's case, Adam with its default η (0.1): most starts converge and stop on the way, so
  fewer start-steps are taken than 90,000 × 1,000; both rates are shown;
- Adam with η = 2e-6, so that no start stops: every one of the 90 million start-steps is taken;
- the same with one thread, to show what the second core adds;
- gradient descent and momentum with their default η.

Each case is the best of ``REPEATS`` runs (the machine may be shared: the load average is printed,
and the CPU time of the best run, which other processes on a busy machine stretch less).
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import gdsim  # noqa: E402

REPEATS = 5


def measure(repeats: int, **kwargs) -> tuple[float, float, int]:
    """Best wall seconds, the CPU seconds of that run, and the start-steps it took."""
    best = None
    for _ in range(repeats):
        cpu = os.times()
        t = time.perf_counter()
        result = gdsim.basins("himmelblau", **kwargs)
        wall = time.perf_counter() - t
        after = os.times()
        used = after.user + after.system - cpu.user - cpu.system
        if best is None or wall < best[0]:
            best = (wall, used, int(result.steps.sum()))
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a 100 × 100 grid, 1 repeat (a smoke test)")
    args = parser.parse_args()
    grid, repeats = (100, 1) if args.quick else (300, REPEATS)
    steps = 1000
    nominal = grid * grid * steps
    print(f"{os.cpu_count()} CPUs; load average before: {os.getloadavg()[0]:.2f}")
    print(f"{grid} × {grid} starts × {steps:,} steps at most, Himmelblau; best of {repeats}")
    print(f"{'case':<34}{'wall s':>8}{'CPU s':>8}{'start-steps':>14}{'M/s taken':>11}{'M/s nominal':>13}")
    for name, kwargs in (
        ("Adam, η 0.1 (the issue's case)", dict(optimizer="adam")),
        ("Adam, η 2e-6 (none stops)", dict(optimizer="adam", lr=2e-6)),
        ("Adam, η 2e-6, 1 thread", dict(optimizer="adam", lr=2e-6, threads=1)),
        ("gradient descent, η 0.01", dict(optimizer="sgd")),
        ("momentum, η 0.01", dict(optimizer="momentum")),
    ):
        wall, cpu, taken = measure(repeats, grid=grid, steps=steps, **kwargs)
        rates = f"{taken / wall / 1e6:11.1f}{nominal / wall / 1e6:13.1f}"
        print(f"{name:<34}{wall:8.2f}{cpu:8.2f}{taken:14,}{rates}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

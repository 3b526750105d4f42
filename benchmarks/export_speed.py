"""Seconds to render a 300-frame GIF of lesson 10 (seven optimizers on Beale's function) at 1280×720 with
gdsim.render, as `gdsim render --lesson 10 --steps 299 --size 1280x720 --out …` does; the target is under
30 s. Prints the time, frames per second, the file's size and the peak memory of the process. Run
from the repository root:

    python benchmarks/export_speed.py [--frames 300] [--format gif|apng|mp4] [--runs 3]

Each run is a fresh process, so each peak memory is its own; the best time is reported. Timings are
noisy on a busy machine: say what `uptime` says. The CPU time is what the render took of the processor's
time; on a busy machine it is what the wall-clock time would be on an idle one.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONE_RUN = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
import gdsim
start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t, cpu = time.perf_counter(), time.process_time()
gdsim.render({out!r}, lesson=10, steps={frames} - 1, size=(1280, 720))
seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": seconds, "cpu": cpu, "peak_kb": peak, "before_kb": start}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--format", default="gif", choices=("gif", "apng", "mp4"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    results = []
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / f"lesson8.{args.format}")
        for _ in range(args.runs):
            done = subprocess.run([sys.executable, "-c", ONE_RUN.format(root=str(ROOT), out=out,
                                                                        frames=args.frames)],
                                  env=env, capture_output=True, text=True, check=True)
            results.append(json.loads(done.stdout.splitlines()[-1]) | {"bytes": os.path.getsize(out)})
    best = min(results, key=lambda r: r["seconds"])
    every = ", ".join(f"{r['seconds']:.1f}" for r in results)
    print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}")
    print(f"lesson 10, {args.frames} frames of 1280x720 as {args.format.upper()}: "
          f"{best['seconds']:.1f} s (best of {args.runs}; all: {every}; CPU time {best['cpu']:.1f} s), "
          f"{args.frames / best['seconds']:.1f} frames/s, "
          f"{best['bytes'] / 1e6:.1f} MB, peak memory {max(r['peak_kb'] for r in results) / 1024:.0f} MB "
          f"(after import {best['before_kb'] / 1024:.0f} MB); target < 30 s")


if __name__ == "__main__":
    main()

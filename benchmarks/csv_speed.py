"""Seconds to read a CSV file of 1,000,000 rows with gdsim.engine.load_dataset, against the obvious reader.

The files are written to a temporary folder first: one input with numbers as a spreadsheet saves them
(up to 6 significant digits), one with every digit of a double (17), and three inputs. Beside each,
the obvious reader (the csv module and float() per cell, as gdsim read files before), so the ratio
shows. Run from the repository root:

    python benchmarks/csv_speed.py [--rows N]

Each figure is the best of three reads. Timings are noisy on a busy machine: say what `uptime` says.
"""

import argparse
import csv
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gdsim.engine import load_dataset  # noqa: E402


def obvious(path: Path) -> np.ndarray:
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [row for row in csv.reader(f) if any(cell.strip() for cell in row)]
    return np.array([[float(cell) for cell in row] for row in rows[1:]])


def best_of(read, path: Path, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        read(path)
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    x = rng.normal(size=(args.rows, 3))
    y = x.sum(axis=1) + rng.normal(size=args.rows)
    cases = [
        ("1 input, 6 digits", "x,y", np.column_stack([x[:, 0], y]), "%.6g"),
        ("1 input, 17 digits", "x,y", np.column_stack([x[:, 0], y]), "%.17g"),
        ("3 inputs, 6 digits", "x1,x2,x3,y", np.column_stack([x, y]), "%.6g"),
    ]
    print(f"numpy {np.__version__}, Python {platform.python_version()}, {platform.machine()}, "
          f"load {os.getloadavg()[0]:.2f}")
    print(f"{'file':<22}{'MB':>6}{'gdsim':>10}{'obvious':>10}{'ratio':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for name, header, values, fmt in cases:
            path = Path(folder) / "data.csv"
            np.savetxt(path, values, fmt=fmt, delimiter=",", header=header, comments="")
            data = load_dataset(path)
            assert data.X.shape == (args.rows, values.shape[1] - 1)
            np.testing.assert_array_equal(np.column_stack([data.X, data.y]), obvious(path))
            fast, slow = best_of(load_dataset, path), best_of(obvious, path)
            size = path.stat().st_size / 1e6
            print(f"{name:<22}{size:>6.0f}{fast:>9.2f}s{slow:>9.2f}s{slow / fast:>7.1f}×")
    print(f"(seconds to read {args.rows:,} rows, best of three)")


if __name__ == "__main__":
    main()

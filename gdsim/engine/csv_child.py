"""Converting a large CSV file's numbers in a process of its own (see csv_file.py, ``converting_in_a_child``).

numpy's loadtxt holds the interpreter lock while it converts: in the window's process, a million rows
would keep the window's thread waiting. Here it holds only this process's lock. Run as a script, by its
path, so that it imports numpy and nothing of gdsim:

    python csv_child.py LINES VALUES ROWS WIDTH CELLS

or without arguments, reading them as a JSON list from its first line of input (so that it can be
started, and import numpy, before its work is known). LINES holds ROWS lines of WIDTH comma-separated
fields, joined by newlines. The values (ROWS, WIDTH) are written to VALUES as float64 in C order; after
each call of CELLS cells the number of rows done so far is printed on a line of its own, and at the end
``done`` followed by the calls loadtxt refused (their rows are left at 0 for the caller to check line by
line).
"""

import io
import json
import sys

import numpy as np


def convert(lines: bytes, rows: int, width: int, cells: int) -> tuple[np.ndarray, list[int]]:
    u8 = np.frombuffer(lines, dtype=np.uint8)
    newlines = np.flatnonzero(u8 == ord("\n"))
    if len(newlines) != rows - 1:
        raise SystemExit(2)
    starts = np.concatenate([[0], newlines + 1])
    ends = np.append(newlines, len(lines))
    values = np.zeros((rows, width))
    per_call = max(1, cells // width)
    refused = []
    for call, lo in enumerate(range(0, rows, per_call)):
        hi = min(lo + per_call, rows)
        block = memoryview(lines)[starts[lo]:ends[hi - 1]]
        try:
            parsed = np.loadtxt(io.BytesIO(block), dtype=float, delimiter=",", comments=None, ndmin=2,
                                encoding="ascii")
        except ValueError:
            parsed = None
        if parsed is not None and parsed.shape == (hi - lo, width):
            values[lo:hi] = parsed
        else:
            refused.append(call)
        print(hi, flush=True)
    return values, refused


def main(argv: list[str]) -> int:
    if not argv:
        line = sys.stdin.readline()
        if not line.strip():  # not needed after all
            return 0
        argv = [str(word) for word in json.loads(line)]
    source, target, rows, width, cells = argv[0], argv[1], *map(int, argv[2:5])
    with open(source, "rb") as f:
        lines = f.read()
    values, refused = convert(lines, rows, width, cells)
    values.tofile(target)
    print("done", *refused, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Reading a CSV file of numbers: regular files only, within fixed limits, a million rows in a blink.

The file is read whole, as UTF-8 (a byte-order mark is skipped). Lines that hold nothing but spaces and
commas are skipped; the first other line is the header; every later line is a row with as many fields
as the header, each a number as Python's ``float`` reads it. A field may be quoted ("1.5") if the
quote is closed. Errors name the line an editor shows. Files of plain ASCII with no quotes below the
header (nearly all) are checked in bulk (newlines and commas counted per line with numpy) and
converted by numpy's C parser (``loadtxt``), which accepts no spelling that ``float`` refuses; any
row it cannot read is read again with ``float``, which then names the line. Other files go through
the csv module.
"""

import codecs
import contextvars
import csv
import io
import json
import math
import os
import select
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import QT_TRANSLATE_NOOP, InputError, shorten
from .progress import checkpoint, part

MAX_BYTES = 200 * 2**20
MAX_ROWS = 1_000_000
MAX_VALUES = 10_000_000
_MAX_LINES = 4 * MAX_ROWS  # blank lines included; bounds the per-line arrays
# numpy's loadtxt holds the interpreter lock while it converts, so no other thread runs Python meanwhile:
# in a window, the GUI thread would wait. Each call is sized by the time the calls before it took (not
# by cell count: a cell of 17 digits takes longer than one of 3) to hold the lock about this long, and a
# job hands the lock over at the checkpoint after each (see gdsim.ui.jobs).
_CALL_SECONDS = 0.002
_FIRST_CELLS = 1 << 12  # the first call's size, before any was timed
_MAX_CELLS = 1 << 16  # a call's largest, so that temporary lists stay small
_clock = time.perf_counter
# Even so, the lock is held for most of the conversion, and CPython hands it over only every 5 ms at best:
# with a run stepping on another thread, the window's thread waited 30-80 ms at times. Inside
# ``converting_in_a_child`` (the window's background jobs), files this large are converted by a process
# of its own, whose lock is its own; starting it costs 0.1-0.5 s, more than converting fewer cells here.
CHILD_CELLS = 1 << 20
_CHILD = Path(__file__).with_name("csv_child.py")
_CHILD_CELLS_PER_CALL = 1 << 15
_CHILD_WAIT_SECONDS = 0.05  # the longest between two checkpoints while the child works
_in_a_child: contextvars.ContextVar[bool] = contextvars.ContextVar("gdsim_csv_in_a_child", default=False)
_READ_BYTES = 1 << 24  # read at a time (without the lock), with a checkpoint after each
_ROWS_PER_CHECKPOINT = 1 << 15  # rows the csv module reads between two checkpoints
# How much of reading a file each stage is, for the fraction a checkpoint reports.
_READ_PART, _SCAN_PART = 0.15, 0.25

_MISSING_FILE = QT_TRANSLATE_NOOP("errors", "data file {path} does not exist")
_A_FOLDER = QT_TRANSLATE_NOOP("errors", "data file {path} is a folder, not a CSV file")
_NOT_REGULAR = QT_TRANSLATE_NOOP(
    "errors", "data file {path} is not a regular file (it is a {kind}); gdsim reads data only from files")
_KINDS = {
    stat.S_IFCHR: QT_TRANSLATE_NOOP("errors", "device"),
    stat.S_IFBLK: QT_TRANSLATE_NOOP("errors", "block device"),
    stat.S_IFIFO: QT_TRANSLATE_NOOP("errors", "FIFO"),
    stat.S_IFSOCK: QT_TRANSLATE_NOOP("errors", "socket"),
}
_OTHER_KIND = QT_TRANSLATE_NOOP("errors", "special file")
_UNREADABLE = QT_TRANSLATE_NOOP("errors", "cannot read data file {path}: {reason}")
_TOO_BIG = QT_TRANSLATE_NOOP(
    "errors", "data file {path} is larger than {limit} MB; gdsim reads CSV files of up to {limit} MB")
_NOT_UTF8 = QT_TRANSLATE_NOOP(
    "errors", "cannot read data file {path}: line {line} is not UTF-8 text; save the file as CSV in UTF-8")
_TOO_MANY_LINES = QT_TRANSLATE_NOOP(
    "errors", "data file {path} has more than {limit:,} lines; gdsim reads at most {rows:,} rows of data")
_TOO_MANY_ROWS = QT_TRANSLATE_NOOP(
    "errors", "data file {path} has {count:,} rows, more than {limit:,} rows; gdsim reads at most {limit:,}")
_TOO_MANY_VALUES = QT_TRANSLATE_NOOP(
    "errors", "data file {path} holds {count:,} values ({rows:,} rows × {columns} columns); gdsim reads "
    "at most {limit:,} values")
_EMPTY = QT_TRANSLATE_NOOP(
    "errors", "data file {path} is empty; it needs a header row with columns x (or x1, x2, …) and y")
_NO_ROWS = QT_TRANSLATE_NOOP("errors", "data file {path} has a header but no data rows")
_BAD_QUOTES = QT_TRANSLATE_NOOP(
    "errors", "{path}, line {line}: a quote is not closed or is followed by more text ({reason}); quote "
    "whole fields only, such as \"1.5\"")
_FIELD_TOO_LONG = QT_TRANSLATE_NOOP(
    "errors", "{path}, line {line}: a field is longer than {limit:,} characters")
_NUL = QT_TRANSLATE_NOOP(
    "errors", "{path}, line {line}: the file holds a NUL character; it is not a text file")
_WRONG_COUNT = QT_TRANSLATE_NOOP(
    "errors", "{path}, line {line}: expected {expected} values ({columns}), found {found}")
_NOT_A_NUMBER = QT_TRANSLATE_NOOP("errors", "{path}, line {line}: {column} is not a number: {cell!r}")
_NOT_FINITE_CELL = QT_TRANSLATE_NOOP("errors", "{path}, line {line}: {column} must be finite, got {cell!r}")

_BLANK = b" \t\x0b\x0c\x1c\x1d\x1e\x1f"  # what str.strip() removes, in ASCII, besides newlines
_IS_BLANK = np.zeros(256, dtype=bool)
_IS_BLANK[list(_BLANK)] = True


@dataclass(frozen=True)
class Table:
    """The chosen columns of a CSV file: ``values`` (N, c), each row's line in the file (N,), and
    the header's fields (stripped)."""

    header: list[str]
    values: np.ndarray
    lines: np.ndarray


Columns = Callable[[list[str]], list[tuple[int, str]]]


def read_table(path, columns: Columns) -> Table:
    """Read the numbers of a CSV file. ``columns(header)`` checks the header's fields (raising
    InputError) and returns the columns to read, as (position, name) pairs, in the order their
    values are checked and returned. Raises InputError naming the file and line."""
    name = str(path)
    raw = _read_bytes(path, name)
    # Started now, the child imports numpy while this thread checks the file.
    child = _start_child() if _in_a_child.get() and len(raw) >= 2 * CHILD_CELLS else None
    try:
        return _read(name, raw, columns, child)
    finally:
        if child is not None:
            _end(child)


def _read(name: str, raw: bytearray, columns: Columns, child: subprocess.Popen | None) -> Table:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    ascii_only = raw.isascii()
    if not ascii_only:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InputError(_NOT_UTF8, path=name, line=raw.count(b"\n", 0, e.start) + 1) from None
    nul = raw.find(b"\0")
    if nul >= 0:
        raise InputError(_NUL, path=name, line=raw.count(b"\n", 0, nul) + 1)
    if raw.count(b"\n") >= _MAX_LINES:
        raise InputError(_TOO_MANY_LINES, path=name, limit=_MAX_LINES, rows=MAX_ROWS)
    reader = _Reader(name, raw, child)
    if ascii_only:
        table = reader.in_bulk(columns)
        if table is not None:
            return table
    return reader.row_by_row(columns)


@contextmanager
def converting_in_a_child() -> Iterator[None]:
    """Inside the block, the numbers of a large file (CHILD_CELLS cells or more, on lines without blank
    lines between them) are converted by a process of its own (csv_child.py), so that this process's
    interpreter lock stays free for its other threads. What is accepted or refused, and each message,
    is the same; where no such process can be started, they are converted here."""
    token = _in_a_child.set(True)
    try:
        yield
    finally:
        _in_a_child.reset(token)


def _read_bytes(path, name: str) -> bytearray:
    """The whole file, if it is a regular file of at most MAX_BYTES. It is opened without waiting (a
    FIFO with no writer would block) and checked before anything is read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(_MISSING_FILE, path=name) from None
    except IsADirectoryError:
        raise InputError(_A_FOLDER, path=name) from None
    except OSError as e:  # a socket cannot be opened at all
        try:
            _check_regular(os.stat(path), name)
        except OSError:
            pass
        raise InputError(_UNREADABLE, path=name, reason=e.strerror or str(e)) from None
    except ValueError as e:  # a NUL character in the name
        raise InputError(_UNREADABLE, path=name, reason=str(e)) from None
    limit_mb = MAX_BYTES // 2**20
    try:
        info = os.fstat(fd)
        _check_regular(info, name)
        if info.st_size > MAX_BYTES:
            raise InputError(_TOO_BIG, path=name, limit=limit_mb)
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = _read_all(f, info.st_size)
    except OSError as e:
        raise InputError(_UNREADABLE, path=name, reason=e.strerror or str(e)) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:  # it grew while being read
        raise InputError(_TOO_BIG, path=name, limit=limit_mb)
    return raw


def _read_all(f, size: int) -> bytearray:
    """At most MAX_BYTES + 1 bytes of ``f`` (one more says the file grew too large), read in blocks
    with a checkpoint after each into a buffer of the file's size (asked for MAX_BYTES at once,
    read() would first allocate that much for any file)."""
    raw = bytearray(size + 1)
    read = 0
    with memoryview(raw) as view:
        while read < len(raw):
            count = f.readinto(view[read:read + _READ_BYTES])
            if not count:
                break
            read += count
            checkpoint(_READ_PART * read / len(raw))
    del raw[read:]
    if read > size:  # it grew since fstat
        raw += f.read(MAX_BYTES + 1 - read)
    return raw


def _check_regular(info: os.stat_result, name: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError(_A_FOLDER, path=name)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(_NOT_REGULAR, path=name, kind=file_kind(info.st_mode))


def file_kind(mode: int) -> str:
    """What a file that is neither a regular file nor a folder is ('FIFO', 'device'…), marked for
    translation."""
    return _KINDS.get(stat.S_IFMT(mode), _OTHER_KIND)


class _Reader:
    """One file's bytes (newlines made '\\n') and the checks both ways of reading share."""

    def __init__(self, name: str, raw: bytes | bytearray, child: subprocess.Popen | None = None):
        self.name, self.raw, self.child = name, raw, child

    # --- in bulk: ASCII without quotes below the header ------------------------------------------

    def in_bulk(self, columns: Columns) -> Table | None:
        """The table, read with whole-file operations, or None if the file needs the csv module."""
        raw = self.raw
        u8 = np.frombuffer(raw, dtype=np.uint8)
        scans = _READ_PART, (2 * _READ_PART + _SCAN_PART) / 3, (_READ_PART + 2 * _SCAN_PART) / 3, _SCAN_PART
        with part(scans[0], scans[1]):
            ends = _positions(u8, ord("\n"))
        if len(raw) and raw[-1:] != b"\n":
            ends = np.append(ends, len(raw))  # the last line has no newline
        starts = np.empty_like(ends)
        starts[:1] = 0
        starts[1:] = ends[:-1] + 1
        with part(scans[1], scans[2]):
            commas = _count_per_line(u8, ends, lambda chunk: chunk == ord(","))
        if any(byte in raw for byte in _BLANK):
            with part(scans[2], scans[3]):
                spaces = _count_per_line(u8, ends, lambda chunk: _IS_BLANK[chunk])
        else:
            spaces = 0
        filled = np.flatnonzero(ends - starts > commas + spaces)
        checkpoint(_SCAN_PART)
        if len(filled) == 0:
            raise InputError(_EMPTY, path=self.name)
        first = int(filled[0])
        quote = raw.find(b'"')
        if quote >= 0 and not (starts[first] <= quote and raw.find(b'"', int(ends[first])) < 0):
            return None  # quotes below the header
        header_line = raw[starts[first]:ends[first]].decode()
        if quote < 0:
            header_row = header_line.split(",")
        else:
            try:
                header_row = next(csv.reader([header_line], strict=True))
            except csv.Error:
                return None  # let the csv module say what is wrong, and where
        header = [cell.strip() for cell in header_row]
        chosen = columns(header)
        data = filled[1:]
        self._check_size(len(data), len(header))
        wrong = data[commas[data] != len(header) - 1]
        if len(wrong):
            self._wrong_count(int(wrong[0]) + 1, header, int(commas[wrong[0]]) + 1)
        return Table(header, self._numbers(starts, ends, data, len(header), chosen), data + 1)

    def _numbers(self, starts, ends, data, width: int, chosen) -> np.ndarray:
        """The chosen columns of the given lines, converted by loadtxt a chunk at a time (each sized to
        take about _CALL_SECONDS); a chunk it refuses, or one with a value that is not finite, is
        checked again line by line, which raises the error of its first bad line."""
        values = np.empty((len(data), width))
        order = [j for j, _ in chosen]

        def convert(rows: slice) -> bool:
            lines = data[rows]
            if lines[-1] - lines[0] == len(lines) - 1:  # adjacent lines: one slice of the file
                block = memoryview(self.raw)[starts[lines[0]]:ends[lines[-1]]]
            else:
                block = b"\n".join(self.raw[starts[i]:ends[i]] for i in lines)
            try:
                parsed = np.loadtxt(io.BytesIO(block), dtype=float, delimiter=",", comments=None, ndmin=2,
                                    encoding="ascii")
            except ValueError:
                return False
            if parsed.shape != (len(lines), width):
                return False
            values[rows] = parsed
            return bool(np.isfinite(parsed[:, order]).all())

        if (self.child is not None and len(data) * width >= CHILD_CELLS
                and data[-1] - data[0] == len(data) - 1):  # adjacent lines: one slice of the file
            converted = _convert_in_a_child(self.child, memoryview(self.raw)[starts[data[0]]:ends[data[-1]]],
                                            len(data), width)
            if converted is not None:
                values, refused, per_call = converted
                # The calls loadtxt refused, and those with a value that is not finite, checked in order.
                finite = np.isfinite(values[:, order]).all(axis=1)
                for call in sorted(set(refused) | set((np.flatnonzero(~finite) // per_call).tolist())):
                    rows = slice(call * per_call, min((call + 1) * per_call, len(data)))
                    self._check_lines(values, rows, starts, ends, data, chosen)
                return values[:, order]
        lo, count = 0, max(1, _FIRST_CELLS // width)
        while lo < len(data):
            checkpoint(_SCAN_PART + (1 - _SCAN_PART) * lo / len(data))
            rows = slice(lo, min(lo + count, len(data)))
            began = _clock()
            if not convert(rows):
                self._check_lines(values, rows, starts, ends, data, chosen)
            count = _next_count(rows.stop - lo, _clock() - began, width)
            lo = rows.stop
        return values[:, order]

    def _check_lines(self, values, rows: slice, starts, ends, data, chosen) -> None:
        """Convert the given lines one by one with ``float``: the error of the first bad one, if any."""
        order = [j for j, _ in chosen]
        for i, line in zip(range(len(data))[rows], data[rows], strict=True):
            cells = self.raw[starts[line]:ends[line]].decode().split(",")
            values[i, order] = self._check_cells(int(line) + 1, cells, chosen)

    # --- row by row, with the csv module ----------------------------------------------------------

    def row_by_row(self, columns: Columns) -> Table:
        reader = csv.reader(io.StringIO(self.raw.decode("utf-8"), newline=""), strict=True)
        rows, count, line, keep = [], 0, 1, 1
        lines = self.raw.count(b"\n") + 1
        try:
            for seen, row in enumerate(reader):
                if seen % _ROWS_PER_CHECKPOINT == 0:
                    checkpoint(_SCAN_PART + (1 - _SCAN_PART) * reader.line_num / lines)
                if any(cell.strip() for cell in row):
                    count += 1
                    if count == 1:  # the header: rows past the limits are counted, not kept
                        keep = 2 + min(MAX_ROWS, MAX_VALUES // len(row))
                    if count <= keep:
                        rows.append((line, row))
                line = reader.line_num + 1  # a quoted field may span lines
        except csv.Error as e:
            reason = str(e)
            if "field larger than field limit" in reason:
                raise InputError(_FIELD_TOO_LONG, path=self.name, line=line,
                                 limit=csv.field_size_limit()) from None
            raise InputError(_BAD_QUOTES, path=self.name, line=line, reason=reason) from None
        if not rows:
            raise InputError(_EMPTY, path=self.name)
        header = [cell.strip() for cell in rows[0][1]]
        chosen = columns(header)
        self._check_size(count - 1, len(header))
        data = rows[1:]
        # Errors in row order: the rows before the first of the wrong length are converted in bulk,
        # and checked one by one only if that fails.
        fit = next((n for n, (_, row) in enumerate(data) if len(row) != len(header)), len(data))
        cells = [row[j] for _, row in data[:fit] for j, _ in chosen]
        try:
            values = np.fromiter(map(float, cells), float, len(cells)).reshape(fit, len(chosen))
            converted = bool(np.isfinite(values).all())
        except ValueError:
            converted = False
        if not converted:
            values = np.array([self._check_cells(line, row, chosen) for line, row in data[:fit]])
        if fit < len(data):
            self._wrong_count(data[fit][0], header, len(data[fit][1]))
        return Table(header, values, np.array([line for line, _ in data], dtype=int))

    # --- shared checks ----------------------------------------------------------------------------

    def _check_size(self, rows: int, columns: int) -> None:
        if rows == 0:
            raise InputError(_NO_ROWS, path=self.name)
        if rows > MAX_ROWS:
            raise InputError(_TOO_MANY_ROWS, path=self.name, count=rows, limit=MAX_ROWS)
        if rows * columns > MAX_VALUES:
            raise InputError(_TOO_MANY_VALUES, path=self.name, count=rows * columns, rows=rows,
                             columns=columns, limit=MAX_VALUES)

    def _wrong_count(self, line: int, header: list[str], found: int):
        raise InputError(_WRONG_COUNT, path=self.name, line=line, expected=len(header),
                         columns=shorten(", ".join(header)), found=found)

    def _check_cells(self, line: int, cells: list[str], chosen) -> list[float]:
        """The chosen cells of one row as numbers, or an InputError for the first that is not a
        finite number."""
        out = []
        for j, column in chosen:
            cell = cells[j]
            try:
                value = float(cell)
            except ValueError:
                raise InputError(_NOT_A_NUMBER, path=self.name, line=line, column=column,
                                 cell=shorten(cell.strip())) from None
            if not math.isfinite(value):
                raise InputError(_NOT_FINITE_CELL, path=self.name, line=line, column=column,
                                 cell=shorten(cell.strip()))
            out.append(value)
        return out


def _next_count(count: int, seconds: float, width: int) -> int:
    """How many rows the next loadtxt call converts, after ``count`` rows took ``seconds``: as many as
    take _CALL_SECONDS at that pace, at most twice as many as before and at most _MAX_CELLS."""
    most = max(1, _MAX_CELLS // width)
    if seconds <= 0:
        return min(2 * count, most)
    return max(1, min(int(count * _CALL_SECONDS / seconds), 2 * count, most))


def _start_child() -> subprocess.Popen | None:
    """csv_child.py started, waiting for its work; None where it cannot start."""
    if getattr(sys, "frozen", False) or os.name != "posix" or not _CHILD.is_file():
        return None
    try:
        return subprocess.Popen([sys.executable, str(_CHILD)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
    except OSError:
        return None


def _end(child: subprocess.Popen) -> None:
    if child.poll() is None:  # not needed, cancelled, or past ``done`` and only exiting
        child.kill()
    child.wait()
    for pipe in (child.stdin, child.stdout):
        try:
            pipe.close()
        except OSError:  # its last write failed: the child had ended
            pass


def _convert_in_a_child(child: subprocess.Popen, lines, rows: int,
                        width: int) -> tuple[np.ndarray, list[int], int] | None:
    """The values (rows, width) of ``lines`` as the child converts them, with the calls (of ``per_call``
    rows each) loadtxt refused, and ``per_call``; None if the child could not do it. While it works,
    this thread checkpoints and otherwise waits without the interpreter lock."""
    per_call = max(1, _CHILD_CELLS_PER_CALL // width)
    with tempfile.TemporaryDirectory(prefix="gdsim-csv-") as folder:
        source, target = os.path.join(folder, "lines"), os.path.join(folder, "values")
        with open(source, "wb") as f:
            f.write(lines)
        try:
            child.stdin.write(json.dumps([source, target, rows, width, per_call * width]).encode() + b"\n")
            child.stdin.close()
        except OSError:  # it has ended
            return None
        refused = _follow(child, rows)
        if refused is None:
            return None
        values = np.fromfile(target, dtype=float)  # written before it said done
    if values.size != rows * width:
        return None
    return values.reshape(rows, width), refused, per_call


def _follow(child: subprocess.Popen, rows: int) -> list[int] | None:
    """Checkpoints as the child reports rows done; the calls it says loadtxt refused, or None if it
    ended without saying it was done."""
    fd, pending, done = child.stdout.fileno(), b"", 0
    while True:
        checkpoint(_SCAN_PART + (1 - _SCAN_PART) * done / rows)
        ready, _, _ = select.select([fd], [], [], _CHILD_WAIT_SECONDS)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 12)
        if not chunk:
            return None
        *said, pending = (pending + chunk).split(b"\n")
        for line in said:
            words = line.split()
            if words[:1] == [b"done"]:
                return [int(word) for word in words[1:]]
            if len(words) == 1 and words[0].isdigit():
                done = int(words[0])


# Whole-file scans go this many bytes at a time, with a checkpoint after each: temporaries stay small and
# no numpy call holds the interpreter lock for long.
_CHUNK_BYTES = 1 << 20


def _positions(u8: np.ndarray, byte: int) -> np.ndarray:
    parts = []
    for lo in range(0, len(u8), _CHUNK_BYTES):
        checkpoint(lo / len(u8))
        parts.append(np.flatnonzero(u8[lo:lo + _CHUNK_BYTES] == byte) + lo)
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.intp)


def _count_per_line(u8: np.ndarray, ends: np.ndarray, matches) -> np.ndarray:
    """How many bytes of each line (lines end at ``ends``) satisfy ``matches``."""
    counts = np.zeros(len(ends), dtype=np.intp)
    for lo in range(0, len(u8), _CHUNK_BYTES):
        checkpoint(lo / len(u8))
        where = np.flatnonzero(matches(u8[lo:lo + _CHUNK_BYTES])) + lo
        if len(where):
            line = np.searchsorted(ends, where)
            first = int(line[0])
            counts[first:first + int(line[-1]) - first + 1] += np.bincount(line - first)
    return counts

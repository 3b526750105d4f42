"""Large files converted by a process of their own (csv_file.converting_in_a_child): the same numbers,
the same refusals with the same messages, progress and Cancel, and the child gone when it ends."""

import subprocess
import sys

import numpy as np
import pytest

from gdsim.engine import InputError, csv_file, load_dataset
from gdsim.engine.progress import Cancelled, reporting

ROWS = 30_000


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch):
    """Files of 2,000 cells or more go to the child, so that a test's file can be small."""
    monkeypatch.setattr(csv_file, "CHILD_CELLS", 2_000)
    monkeypatch.setattr(csv_file, "_CHILD_CELLS_PER_CALL", 4_096)


@pytest.fixture
def children(monkeypatch):
    """Every child process started (as its Popen)."""
    started, popen = [], subprocess.Popen

    def recording(*args, **kwargs):
        started.append(popen(*args, **kwargs))
        return started[-1]
    monkeypatch.setattr(csv_file.subprocess, "Popen", recording)
    return started


def write(path, rows: int = ROWS, bad: dict[int, str] | None = None):
    """x = row / 7 with 17 digits, y = row % 3; ``bad`` replaces given lines (0 is the header)."""
    lines = ["x,y"] + [f"{i / 7!r},{i % 3}" for i in range(rows)]
    for row, text in (bad or {}).items():
        lines[row] = text
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def read(path, heard=None):
    with reporting((heard if heard is not None else []).append), csv_file.converting_in_a_child():
        return load_dataset(path)


def test_a_child_reads_the_same_numbers_as_this_process(tmp_path, children, monkeypatch):
    path = write(tmp_path / "big.csv")
    heard = []
    here = load_dataset(path)
    monkeypatch.setattr(np, "loadtxt", None)  # nothing is converted here now
    there = read(path, heard)
    assert len(children) == 1 and children[0].returncode is not None  # it ended and was waited for
    np.testing.assert_array_equal(there.X, here.X)
    np.testing.assert_array_equal(there.y, here.y)
    np.testing.assert_array_equal(there.lines, here.lines)
    assert there.X[:3, 0].tolist() == [0.0, 1 / 7, 2 / 7]
    assert heard == sorted(heard) and len(heard) >= 5 and heard[-1] <= 1


@pytest.mark.parametrize("text, message", [
    ("1.5,abc", "line 20002: y is not a number: 'abc'"),
    ("1e999,1", "line 20002: x must be finite, got '1e999'"),
    ("nan,1", "line 20002: x must be finite, got 'nan'"),
])
def test_a_child_refuses_what_this_process_refuses_with_the_same_message(tmp_path, children, text, message):
    path = write(tmp_path / "bad.csv", bad={20_001: text, 25_000: "2,zzz"})  # the first bad line is named
    with pytest.raises(InputError) as here:
        load_dataset(path)
    with pytest.raises(InputError) as there:
        read(path)
    assert len(children) == 1
    assert str(there.value) == str(here.value) and str(there.value).endswith(message)


def test_what_loadtxt_refuses_and_float_accepts_is_read_as_float_reads_it(tmp_path, children):
    path = write(tmp_path / "underscores.csv", bad={15_000: "1_000.5,2"})
    dataset = read(path)
    assert len(children) == 1
    assert dataset.X[14_999, 0] == 1000.5 and dataset.y[14_999] == 2.0
    np.testing.assert_array_equal(dataset.X, load_dataset(path).X)


def test_cancel_stops_and_ends_the_child(tmp_path, children):
    path = write(tmp_path / "big.csv", rows=200_000)
    heard = []

    def cancel_in_the_child(done):
        heard.append(done)
        if children and len(heard) > 8:
            raise Cancelled
    with pytest.raises(Cancelled), reporting(cancel_in_the_child), csv_file.converting_in_a_child():
        load_dataset(path)
    assert len(children) == 1 and children[0].returncode is not None  # killed and waited for


def test_where_no_child_can_start_the_numbers_are_converted_here(tmp_path, children, monkeypatch):
    path = write(tmp_path / "big.csv")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python-here"))
    dataset = read(path)
    assert children == []  # Popen raised before it could be recorded
    np.testing.assert_array_equal(dataset.X, load_dataset(path).X)


def test_outside_the_block_no_child_is_started(tmp_path, children):
    with reporting(lambda done: None):
        load_dataset(write(tmp_path / "big.csv"))
    assert children == []


def test_a_child_started_for_a_file_it_cannot_take_is_ended(tmp_path, children):
    path = write(tmp_path / "quoted.csv")
    path.write_text(path.read_text().replace(",0\n", ',"0"\n'))  # quotes below the header: the csv module
    dataset = read(path)
    assert len(children) == 1 and children[0].returncode is not None
    np.testing.assert_array_equal(dataset.y, load_dataset(path).y)

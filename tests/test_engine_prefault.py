"""The record's pages made ready on another thread: no value changes, the thread always ends."""

import sys

import numpy as np
import pytest

from gdsim.engine import prefault
from gdsim.engine.prefault import SMALLEST_BYTES, Prefault


def test_values_written_before_and_during_the_prefault_are_kept():
    rows = SMALLEST_BYTES // (8 * 1000) + 1
    record = np.empty((rows, 1000))
    record[: rows // 3] = 7.0  # rows a run wrote before
    with Prefault([record]) as ready:
        for r in range(rows // 3, rows, 97):  # and rows it writes while the other thread works
            record[r : r + 97] = np.arange(r, min(r + 97, rows))[:, None]
    assert ready._thread is None or not ready._thread.is_alive()
    assert (record[: rows // 3] == 7.0).all()
    assert (record[rows // 3 :] == np.arange(rows // 3, rows)[:, None]).all()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="madvise(MADV_POPULATE_WRITE) is Linux's")
def test_a_large_record_is_made_ready_by_a_thread_and_a_small_one_is_not(monkeypatch):
    monkeypatch.setattr(prefault.os, "cpu_count", lambda: 2)
    with Prefault([np.empty(SMALLEST_BYTES // 8)]) as large:
        assert large._thread is not None
    assert not large._thread.is_alive()
    with Prefault([np.empty(SMALLEST_BYTES // 8 - 1)]) as small:
        assert small._thread is None


def test_one_core_makes_no_thread(monkeypatch):
    monkeypatch.setattr(prefault.os, "cpu_count", lambda: 1)
    with Prefault([np.empty(SMALLEST_BYTES // 8)]) as ready:
        assert ready._thread is None

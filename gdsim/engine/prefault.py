"""Fresh memory made ready on another core while a run writes into it.

The kernel gives a large new array its pages the first time each is written, zeroing every one. For
``simulate``'s record (hundreds of MB for many starts and steps) that is a large share of the call,
paid on the thread that steps. Linux's ``madvise(MADV_POPULATE_WRITE)`` (since 5.14) does the same
work ahead of the writer without changing any value, so a second thread can do it while the run
steps on the first. Where that call does not exist (other systems, older kernels, one core) this is a
no-op, and the writer pays as before.
"""

import ctypes
import mmap
import os
import sys
import threading

MADV_POPULATE_WRITE = 23  # linux/mman.h
SMALLEST_BYTES = 32 * 2**20  # below this the thread costs more than it saves
_CHUNKS = 64  # the record is made ready a 64th at a time, in the order a run writes its rows
_madvise = None


def _libc_madvise():
    global _madvise
    if _madvise is None:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
            libc.madvise.restype = ctypes.c_int
            _madvise = libc.madvise
        except (OSError, AttributeError):
            _madvise = False
    return _madvise


class Prefault:
    """``with Prefault(arrays):`` makes the pages of the arrays (each written row by row along its
    first axis) ready on another thread while the body runs; leaving the block stops and joins it."""

    def __init__(self, arrays):
        self._arrays = [a for a in arrays if a.flags.c_contiguous]
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        if (sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1
                and sum(a.nbytes for a in self._arrays) >= SMALLEST_BYTES and _libc_madvise()):
            self._thread = threading.Thread(target=self._populate, name="gdsim-prefault", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc):
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
        return False

    def _populate(self) -> None:
        madvise, page = _libc_madvise(), mmap.PAGESIZE
        spans = [(a.ctypes.data, a.ctypes.data + a.nbytes) for a in self._arrays]
        for i in range(_CHUNKS):
            for begin, end in spans:
                if self._stop.is_set():
                    return
                # Whole pages only: the partial pages at either end are the writer's to fault.
                lo = _page_up(begin + (end - begin) * i // _CHUNKS, page)
                hi = min(_page_up(begin + (end - begin) * (i + 1) // _CHUNKS, page), end // page * page)
                if hi > lo and madvise(lo, hi - lo, MADV_POPULATE_WRITE) != 0:
                    return  # not supported here (EINVAL), or no memory: the writer faults as usual


def _page_up(address: int, page: int) -> int:
    return -(-address // page) * page

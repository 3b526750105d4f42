"""Fresh memory made ready on another core while a run writes into it.

The kernel gives a large new array its pages the first time each is written, zeroing every one. For
``simulate``'s record (hundreds of MB for many starts and steps) that is a large share of the call,
paid on the thread that steps. Linux's ``madvise(MADV_POPULATE_WRITE)`` (since 5.14) does the same
work ahead of the writer without changing any value, so a second thread can do it while the run
steps on the first. The record also asks for small pages (``MADV_NOHUGEPAGE``): numpy asks for huge
ones, and finding free 2 MiB pages made the kernel compact memory on a busy machine, up to 1 s of a
2,000-step call, for a buffer written once. Where these calls do not exist (other systems, older
kernels) this is a no-op, and the writer pays as before.
"""

import ctypes
import mmap
import os
import sys
import threading

MADV_NOHUGEPAGE, MADV_POPULATE_WRITE = 15, 23  # linux/mman.h
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
        if not (sys.platform.startswith("linux") and sum(a.nbytes for a in self._arrays) >= SMALLEST_BYTES
                and _libc_madvise()):
            return self
        for lo, hi in self._whole_pages(0, 1):
            _libc_madvise()(lo, hi - lo, MADV_NOHUGEPAGE)
        if (os.cpu_count() or 1) > 1:
            self._thread = threading.Thread(target=self._populate, name="gdsim-prefault", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc):
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
        return False

    def _whole_pages(self, i: int, chunks: int) -> list[tuple[int, int]]:
        """Part i of ``chunks`` of every array, as the whole pages in it (the partial pages at either
        end of an array are left to the writer)."""
        page, spans = mmap.PAGESIZE, []
        for a in self._arrays:
            begin, end = a.ctypes.data, a.ctypes.data + a.nbytes
            lo = _page_up(begin + (end - begin) * i // chunks, page)
            hi = min(_page_up(begin + (end - begin) * (i + 1) // chunks, page), end // page * page)
            if hi > lo:
                spans.append((lo, hi))
        return spans

    def _populate(self) -> None:
        madvise = _libc_madvise()
        for i in range(_CHUNKS):
            for lo, hi in self._whole_pages(i, _CHUNKS):
                if self._stop.is_set():
                    return
                if madvise(lo, hi - lo, MADV_POPULATE_WRITE) != 0:
                    return  # not supported here (EINVAL), or no memory: the writer faults as usual


def _page_up(address: int, page: int) -> int:
    return -(-address // page) * page

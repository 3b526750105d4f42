"""Python's cyclic garbage collector runs on the window's thread only, while a window is open.

The collector runs in whichever thread allocates when its count is reached: the worker's, a job's.
There it frees the Qt objects in garbage cycles (a wrapper whose slot refers back to it, say), and Qt
objects must not be destroyed off the thread they live in. The window once hung for good that way: the
worker, collecting, held Qt's connection lock inside ~QObject and waited for the interpreter lock,
which the window's thread held while it waited for that connection lock to delete a menu. So while a
window is open automatic collection is off, and pyqtgraph's GarbageCollector collects on a timer of
the window's thread, a generation at a time as the thresholds say; the last window closed turns it
back on.
"""

import gc

from pyqtgraph.util.garbage_collector import GarbageCollector

CHECK_SECONDS = 0.5  # how often the window's thread looks whether a generation is due

_collector: GarbageCollector | None = None
_windows: set[int] = set()


def window_opened(window) -> None:
    """From now until ``window`` is closed or deleted (and every other window opened too), only the
    window's thread collects."""
    global _collector
    key = id(window)
    _windows.add(key)
    window.destroyed.connect(lambda *_: _forget(key))  # deleted without being closed
    if _collector is None:
        _collector = GarbageCollector(interval=CHECK_SECONDS)  # turns automatic collection off


def window_closed(window) -> None:
    _forget(id(window))


def _forget(key: int) -> None:
    global _collector
    _windows.discard(key)
    if not _windows and _collector is not None:
        _collector.timer.stop()
        _collector = None
        gc.enable()

"""Python's cyclic garbage collector runs on the window's thread only, from its event loop.

Left automatic, the collector runs wherever an allocation reaches its count, and frees there the Qt
objects in garbage cycles (a wrapper whose slot refers back to it, say). Twice that hung the window
for good. On the worker's thread: the worker, collecting, held Qt's connection lock inside ~QObject
and waited for the interpreter lock, which the window's thread held while it waited for that
connection lock to delete a menu. Inside a destructor on the window's own thread: ~QObject calls into
Python while it holds that lock, an allocation there started a collection, and a menu freed by it
waited for the lock its own thread held. So once a window has opened, automatic collection stays off
for the rest of the process (turning it back on when the last window closed was what let the second
happen: a window is deleted after it closes), and pyqtgraph's GarbageCollector collects on a timer of
the window's thread, a generation at a time as the thresholds say, whenever Qt's event loop runs. A
program that goes on without the event loop after its windows closed may call ``gc.collect()``.
"""

from pyqtgraph.util.garbage_collector import GarbageCollector

CHECK_SECONDS = 0.5  # how often the window's thread looks whether a generation is due

_collector: GarbageCollector | None = None


def window_opened() -> None:
    """From now on only the window's thread collects, from its event loop."""
    global _collector
    if _collector is None:
        _collector = GarbageCollector(interval=CHECK_SECONDS)  # turns automatic collection off

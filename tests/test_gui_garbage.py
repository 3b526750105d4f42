"""Python's cyclic garbage collector frees Qt objects on the window's thread, never on the worker's or a
job's, nor inside a Qt destructor (gdsim/ui/garbage.py): either deadlocked the window once."""

import gc
import threading
import weakref

from PySide6.QtCore import QObject


def freed_on_a_busy_thread(qtbot) -> list:
    """Make a QObject that only the cyclic collector can free, then allocate on another thread, as a
    worker's step does, until the collector's count is reached many times over; the thread the
    QObject was freed on."""
    gc.collect()
    freed_on = []
    o = QObject()
    o.itself = o  # a reference cycle
    # called where the collector frees it (a queued 'destroyed' would arrive on the window's thread)
    noticed = weakref.ref(o, lambda _: freed_on.append(threading.current_thread()))
    del o
    kept = []
    busy = threading.Thread(target=lambda: kept.extend([] for _ in range(20 * gc.get_threshold()[0])))
    busy.start()
    busy.join()
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)
    assert noticed() is None
    return freed_on


def test_qt_objects_in_garbage_cycles_are_freed_on_the_windows_thread(qtbot, window):
    assert freed_on_a_busy_thread(qtbot) == [threading.main_thread()]


def test_collection_stays_on_the_windows_thread_after_every_window_closed(qtbot):
    """A closed window is deleted later: a collection started inside its destructors, as automatic
    collection turned back on at close allowed, froze the window's thread on a lock it held itself."""
    from gdsim.app import create_window

    first, second = create_window(), create_window()
    try:
        for win in (first, second):
            win.show()
        assert not gc.isenabled()
    finally:
        first.close()
        second.close()
    assert not gc.isenabled()
    for win in (first, second):
        with qtbot.waitSignal(win.destroyed):
            win.deleteLater()
    assert not gc.isenabled()
    assert freed_on_a_busy_thread(qtbot) == [threading.main_thread()]  # the timer collects still

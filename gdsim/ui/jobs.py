"""Background jobs: work the window must not wait for (reading a file and building a setup, computing
a landscape), each lane on a thread of its own.

A ``JobLane`` runs one job at a time, the newest: submitting a job cancels the one before it. A job
is a plain function without Qt; it may return a result, or an iterator whose every item is a result
(a landscape, stage by stage). Inside, ``gdsim.engine.progress.checkpoint`` reports how far it is and
stops it, by raising ``Cancelled``, once it is cancelled; long work calls it every few tens of
milliseconds, so a lane stops and joins within a second whatever it is doing.

The lane's signals are emitted on its thread and reach the window's slots queued, in order; each
names its job, so that a receiver can drop what a job it no longer waits for delivers.
"""

import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Signal

from ..engine import InputError
from ..engine.csv_file import converting_in_a_child
from ..engine.progress import Cancelled, reporting
from ..model.lessons import LessonError

PROGRESS_SECONDS = 0.05  # the shortest time between two progress reports of a job
# What a job may fail with because of what the user gave it: reported, not raised.
REFUSALS = (InputError, LessonError)

DONE, REFUSED, CANCELLED, BROKEN = range(4)  # how a job ended


def hand_over() -> None:
    """Let another thread that waits for the interpreter lock take it now. Between two chunks of a job,
    so that the window's thread does not wait for the job (and, with a run stepping on a third thread,
    find the lock passed back and forth between the other two)."""
    time.sleep(0)


class JobLane(QObject):
    progressed = Signal(int, float)  # (job, fraction done)
    delivered = Signal(int, object)  # (job, a result: what it returned, or each item it yielded)
    refused = Signal(int, object)  # (job, the InputError or LessonError it raised)
    ended = Signal(int, int)  # (job, DONE, REFUSED, CANCELLED or BROKEN)

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._newest = 0
        self._cancel = threading.Event()  # the newest job's
        self._closed = False
        # A daemon thread: were it ever stuck in a read that cannot be interrupted, it would still
        # not keep the process from exiting (a QThread destroyed while running aborts it).
        self._thread = threading.Thread(target=self._serve, name=f"gdsim-{name}", daemon=True)
        self._thread.start()

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    def submit(self, work: Callable[[], object]) -> int:
        """Run ``work`` after cancelling the job before it; returns the new job's number."""
        with self._lock:
            self._cancel.set()
            self._cancel = threading.Event()
            self._newest += 1
            job = self._newest
            self._jobs.put((job, work, self._cancel))
        return job

    def cancel(self) -> None:
        """Stop the newest job at its next checkpoint; it ends CANCELLED (if it has not ended yet)."""
        self._cancel.set()

    def shutdown(self, timeout: float) -> bool:
        """Cancel every job and join the thread; True if it ended within ``timeout`` seconds. Nothing
        is emitted afterwards."""
        self.cancel()
        self._jobs.put(None)
        self._thread.join(max(timeout, 0.0))
        with self._lock:
            self._closed = True
        return not self._thread.is_alive()

    # --- the lane's thread --------------------------------------------------------------------

    def _emit(self, signal, *args) -> None:
        with self._lock:
            if not self._closed:
                signal.emit(*args)

    def _serve(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            job, work, cancel = item
            self._emit(self.ended, job, self._run(job, work, cancel))

    def _run(self, job: int, work, cancel: threading.Event) -> int:
        last = 0.0

        def listen(done: float) -> None:
            nonlocal last
            hand_over()
            if cancel.is_set():
                raise Cancelled
            now = time.perf_counter()
            if now - last >= PROGRESS_SECONDS:
                last = now
                self._emit(self.progressed, job, done)

        try:
            with reporting(listen), converting_in_a_child():
                if cancel.is_set():
                    raise Cancelled
                result = work()
                if isinstance(result, Iterator):
                    for item in result:
                        self._emit(self.delivered, job, item)
                        if cancel.is_set():  # between items too: a cancelled job yields no more
                            raise Cancelled
                else:
                    self._emit(self.delivered, job, result)
        except Cancelled:
            return CANCELLED
        except REFUSALS as e:
            self._emit(self.refused, job, e)
            return REFUSED
        except Exception:  # a defect: said as a slot's would be, and the lane goes on
            sys.excepthook(*sys.exc_info())
            return BROKEN
        return DONE

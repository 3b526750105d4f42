"""Checkpoints in long computations: where a job running in the background says how far it is and
stops if it was cancelled. Outside such a job a checkpoint does nothing.

Long loops (reading a CSV file, a loss landscape) call ``checkpoint(done)`` between chunks of work of
at most a few tens of milliseconds. A job wraps its work in ``reporting(listener)``; the listener gets
the fraction done and raises ``Cancelled`` to stop the work there. The listener is held in a context
variable, so it belongs to the thread (the job) that set it and no signature has to carry it.
"""

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[float], None]
_listener: contextvars.ContextVar[Listener | None] = contextvars.ContextVar("gdsim_progress", default=None)


class Cancelled(BaseException):  # noqa: N818 (the name says what happened, as asyncio.CancelledError)
    """Raised at a checkpoint of a job that was cancelled: nothing the job made is used.

    A BaseException, as asyncio's CancelledError, so that no ``except Exception`` on the way out
    mistakes it for a failure of the work."""


def checkpoint(done: float = 0.0) -> None:
    """Between two chunks of long work: ``done`` is the fraction of this part done (0 … 1). Raises
    Cancelled if the job running this work was cancelled."""
    listener = _listener.get()
    if listener is not None:
        listener(min(max(float(done), 0.0), 1.0))


@contextmanager
def reporting(listener: Listener) -> Iterator[None]:
    """Checkpoints inside the block call ``listener(done)``, which may raise Cancelled."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


@contextmanager
def part(low: float, high: float) -> Iterator[None]:
    """Checkpoints inside the block are one part of a longer job: their 0 … 1 becomes low … high of
    the job's fraction."""
    outer = _listener.get()
    if outer is None:
        yield
        return
    token = _listener.set(lambda done: outer(low + (high - low) * done))
    try:
        yield
    finally:
        _listener.reset(token)


__all__ = ["Cancelled", "checkpoint", "part", "reporting"]

"""The worker: owns the runs and steps them on its own thread, in short time-boxed chunks.

The session builds every setup (``gdsim.model.build``) and hands the worker the built runs; the worker
never builds a problem or a run, nor computes a landscape: it says when one is wanted (after a switch
of problem, once switches stop; for another plane; as the held parameters move) and the session's
background jobs compute it. A QTimer inside the worker's thread drives the stepping, so requests
(pause, step, new runs, a new η) are handled between chunks, within a few milliseconds even at full
speed. The runs of a setup step side by side (``advance_together``). While playing, the worker
publishes a Snapshot (copies) when the window has drawn the last one, at most about 60 times a second
(and at least every IDLE_PUBLISH_SECONDS); it never emits once per step.
"""

import threading
import time

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ..engine import InputError
from ..engine.run import advance_together
from ..model import landscape, snapshot, tables
from ..model.build import Built

FRAME_SECONDS = 1 / 60  # the least time between two snapshots
IDLE_PUBLISH_SECONDS = 0.1  # the most, while playing, when the window has not drawn the last one
CHUNK_SECONDS = 0.004  # the longest the worker computes before it looks at its queue again
SLICE_SECONDS = 0.004  # within a chunk, how often it looks at the frame gate (longer slices: fewer
# blocks of steps, whose fixed cost dominates with seven runs; measured 2,200 → 3,200 steps/s each)
FRAME_WAIT_SECONDS = 0.05  # the longest it waits for a frame to be painted
HISTORY_ROWS = 1000  # rows per snapshot until the window says how wide its plots are
LONGEST_WAIT_MS = 10_000  # between paced steps; the model keeps speeds ≥ 0.1 steps/s, so this only guards
# With more than two parameters the landscape holds the others at the watched run's point: it is
# worked out again when they have moved by more than this share of their domain, at most so often.
HELD_DRIFT = 0.01
HELD_SECONDS = 0.3
# After the runs switch to another problem (other data, activation or loss) the landscape is worked out
# once no other switch has come for this long: a point dragged by hand sends a switch every 40 ms, and a
# neuron's landscape on a few dozen points takes about 100 ms (benchmarks/hand_data_speed.py).
SETTLE_MS = 120


class FrameGate:
    """Keeps the worker off the interpreter lock while the window paints a frame.

    Python threads share one lock, and painting a frame makes hundreds of calls from Qt into Python
    and back, each needing it. A worker that releases the lock only to take it straight back (as a
    QThread's Python slots do, tick after tick) starves the window: the interpreter hands the lock
    over on request only after 5 ms without a switch, and every release counts as a switch
    (measured: a 5 ms timer in the window fired twice in two seconds). So between slices of steps
    the worker passes the lock on, and while a frame is painted it waits at the gate.
    """

    def __init__(self):
        self._open = threading.Event()
        self._open.set()
        self._drawn = threading.Event()  # the window has drawn the last snapshot: it can take another
        self._drawn.set()

    @property
    def is_open(self) -> bool:
        return self._open.is_set()

    def close(self) -> None:
        """The window starts a frame."""
        self._open.clear()

    def open(self) -> None:
        """The window has painted it."""
        self._open.set()

    def drawn(self) -> None:
        """The window has drawn the newest snapshot: the worker may publish the next."""
        self._drawn.set()

    @property
    def wants_snapshot(self) -> bool:
        return self._drawn.is_set()

    def snapshot_sent(self) -> None:
        """The worker has published a snapshot the window has not drawn yet."""
        self._drawn.clear()

    def pass_through(self) -> None:
        """The worker, between slices: wait while a frame is painted, else let a waiter have the lock."""
        if self._open.is_set():
            time.sleep(0)
        else:
            self._open.wait(FRAME_WAIT_SECONDS)


def held_point(runs, watched: int) -> np.ndarray:
    """A copy of the watched run's point (d,): where a landscape of more than two parameters holds
    the others."""
    return runs[min(watched, len(runs) - 1)].params[0].copy()


class Worker(QObject):
    # (Problem, plane (i, j) or None, held point (d,) or None): its landscape is wanted, in that plane.
    landscape_wanted = Signal(object, object, object)
    stepped = Signal(object)  # a Snapshot
    switch_refused = Signal(object, int)  # (InputError, generation): the runs stay on their problem
    trajectories_ready = Signal(object, int)  # (tuple of gdsim.model.tables.Recorded, generation)

    def __init__(self, gate: "FrameGate | None" = None):
        super().__init__()
        self._gate = gate or FrameGate()
        self._runs = ()
        self._starts = ()
        self._watched = 0
        self._generation = -1
        self._playing = False
        self._speed: float | None = None
        self._timer: QTimer | None = None
        self._settle: QTimer | None = None  # the landscape after a switch of problem, once they stop
        self._chunk = 1
        self._paced_since = 0.0
        self._paced_done = 0
        self._last_publish = 0.0
        self._history_rows = HISTORY_ROWS
        self._plane: tuple[int, int] | None = None  # the two parameters a landscape of more shows
        self._held = None  # the point whose other parameters the last such landscape holds
        self._held_at = 0.0

    # --- requests -----------------------------------------------------------------------------

    @Slot()
    def start(self):
        """Runs once the thread has started: the stepping timer must live in this thread."""
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._on_settled)

    @Slot(object, int, int)
    def configure(self, built: Built, generation: int, new_landscape: int):
        """Take over freshly built runs (a new setup, or the same one reset), paused at their start."""
        # new_landscape travels as an int: PySide6 6.12 miscounts references to True and False
        # passed through a queued Signal(bool) into a Slot(bool), and the interpreter aborts.
        if new_landscape and self._settle is not None:
            self._settle.stop()  # a new problem: the session works out its landscape now
        self._runs = built.runs
        self._starts = built.setup.starts_of(built.problem)
        self._watched = built.setup.watched
        self._generation = generation
        self._speed = built.setup.speed
        self._set_playing(False)
        if new_landscape:
            self._note_held(built.problem)
        self._publish()

    @Slot(object, int)
    def switch_problem(self, problem, generation: int):
        """The same runs go on with another problem over the same parameters (a new activation or
        loss), playing or paused as they were. If one of them cannot go on from where it is, none
        switches and ``switch_refused`` says why; the next snapshots belong to ``generation`` either way."""
        self._generation = generation
        if not self._runs:
            return
        try:
            for run in self._runs:
                run.check_problem(problem)
        except InputError as e:
            self.switch_refused.emit(e, generation)
        else:
            for run in self._runs:
                run.switch_problem(problem)
        if self._settle is None:
            self._want_landscape(self._runs[0].problem)
        else:
            self._settle.start()  # (again): once the switches stop
        if self._finished():
            self._set_playing(False)
        self._publish()

    @Slot()
    def play(self):
        if self._runs and not self._finished():
            self._set_playing(True)
            self._publish()

    @Slot()
    def pause(self):
        self._set_playing(False)
        self._publish()

    @Slot()
    def toggle(self):
        if self._playing:
            self.pause()
        else:
            self.play()

    @Slot()
    def step_once(self):
        """Exactly one step, then paused."""
        self._set_playing(False)
        if self._runs and not self._finished():
            self._advance(1)
        self._publish()

    @Slot(int, str, object)
    def set_hyperparameter(self, index: int, name: str, value):
        """A value the session has checked; it applies from the next step."""
        if index < len(self._runs):
            self._runs[index].set_hyperparameter(name, value)
            self._publish()

    @Slot(int, object)
    def set_schedule(self, index: int, schedule):
        """A schedule the session has checked (a Schedule or None); it applies from the next step."""
        if index < len(self._runs):
            self._runs[index].set_schedule(schedule)
            self._publish()

    @Slot(int, object, int)
    def set_batches(self, index: int, batch_size, seed: int):
        """Mini-batches the session has checked (a size or None, a seed), from the next step."""
        if index < len(self._runs):
            self._runs[index].set_batches(batch_size, seed)
            self._publish()

    @Slot(object)
    def set_speed(self, speed):
        self._speed = speed
        if self._playing:
            self._set_playing(True)  # restart the pacing clock at the new speed

    @Slot(int)
    def set_step_limit(self, limit: int):
        """Raised, a run held at the old limit goes on; lowered below its step, it is held there."""
        for run in self._runs:
            run.set_step_limit(limit)
        self._publish()

    @Slot(int)
    def set_watched(self, index: int):
        """The next snapshots say which run is watched; the runs go on."""
        self._watched = index
        self._publish()

    @Slot()
    def _on_settled(self):
        if self._runs:
            self._want_landscape(self._runs[0].problem)

    @Slot(int, int)
    def set_plane(self, i: int, j: int):
        """The two parameters the landscape of a problem of more than two shows."""
        self._plane = (i, j)
        if self._runs and self._runs[0].problem.dim > 2:
            self._want_landscape(self._runs[0].problem)

    def _note_held(self, problem) -> np.ndarray | None:
        """The point whose other parameters a landscape of more than two holds (the watched run's),
        remembered to follow it as it moves; None for a problem of one or two parameters."""
        if problem.dim <= 2 or not self._runs:
            return None
        self._held, self._held_at = held_point(self._runs, self._watched), time.perf_counter()
        return self._held

    def _want_landscape(self, problem) -> None:
        self.landscape_wanted.emit(problem, self._plane, self._note_held(problem))

    def _refresh_landscape(self) -> None:
        """A landscape of more than two parameters follows the held ones as the run moves them."""
        problem = self._runs[0].problem
        if problem.dim <= 2 or self._held is None or time.perf_counter() - self._held_at < HELD_SECONDS:
            return
        point = self._runs[min(self._watched, len(self._runs) - 1)].params[0]
        span = np.array([hi - lo for lo, hi in problem.domain])
        others = np.ones(problem.dim, dtype=bool)
        others[list(self._plane or landscape.default_plane(problem.dim))] = False
        with np.errstate(all="ignore"):
            drift = np.abs(point - self._held)[others] / span[others]
        if np.isfinite(point).all() and (drift > HELD_DRIFT).any():
            self._want_landscape(problem)

    @Slot(int)
    def set_history_rows(self, rows: int):
        self._history_rows = max(2, rows)

    @Slot(float)
    def set_tolerance(self, tol: float):
        for run in self._runs:
            run.tol = tol
        self._publish()

    # --- stepping -----------------------------------------------------------------------------

    def _set_playing(self, playing: bool):
        self._playing = playing
        if self._timer is None:
            return
        if playing:
            self._paced_since, self._paced_done = time.perf_counter(), 0
            wait = 0 if self._speed is None else min(max(5, int(1000 / self._speed)), LONGEST_WAIT_MS)
            self._timer.start(wait)
        else:
            self._timer.stop()

    def _tick(self):
        if not self._playing:
            return
        if self._speed is None:
            self._run_for(CHUNK_SECONDS)
        else:
            due = int((time.perf_counter() - self._paced_since) * self._speed) - self._paced_done
            if due > 0:
                self._paced_done += self._advance(due)
        if self._finished():
            self._set_playing(False)
            self._publish()
            return
        since = time.perf_counter() - self._last_publish
        if since >= IDLE_PUBLISH_SECONDS or since >= FRAME_SECONDS and self._gate.wants_snapshot:
            self._publish()

    def _run_for(self, seconds: float):
        deadline = time.perf_counter() + seconds
        while True:
            t = time.thread_time()
            taken = self._advance(self._chunk)
            elapsed = time.thread_time() - t
            if taken == 0 or self._finished():
                return
            # Grow the chunk while it is short; shrink it when one chunk overruns a slice.
            if elapsed < SLICE_SECONDS / 2:
                self._chunk *= 2
            elif elapsed > SLICE_SECONDS and self._chunk > 1:
                self._chunk //= 2
            self._gate.pass_through()
            if time.perf_counter() >= deadline:
                return

    def _advance(self, n: int) -> int:
        """Up to n steps of every run still running (each stops at its own step limit); the most taken."""
        return advance_together(self._runs, n)

    def _finished(self) -> bool:
        return not any(run.running for run in self._runs)

    def _publish(self):
        if not self._runs:
            return
        self._refresh_landscape()
        self._last_publish = time.perf_counter()
        self._gate.snapshot_sent()
        self.stepped.emit(snapshot.take(self._runs, self._generation, self._playing, self._history_rows,
                                        self._starts, self._watched))

    @Slot()
    def send_trajectories(self):
        """Every run's recorded rows, copied (for File → Export)."""
        self.trajectories_ready.emit(tuple(tables.recorded(run) for run in self._runs), self._generation)

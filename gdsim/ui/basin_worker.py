"""The basin map's worker: advances a swarm of starts (or two, to compare) on its own thread, in short
time-boxed slices driven by a timer there, and publishes a sample of the cloud at a bounded rate.

Everything numeric happens here: the steps, the points of the cloud to draw, the labels at the end.
The window only shows what arrives. Between slices of about 3 ms the worker passes the interpreter lock
on, and while the window paints a frame of the cloud it waits (a ``FrameGate``, as the runs' worker
does), so the window answers at once; a cancel request arrives between two slices.
"""

import math
import time
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ..engine import InputError
from ..engine.swarm import Swarm, result
from .worker import FrameGate

FRAME_SECONDS = 1 / 20  # the least time between two frames of the cloud
SLICE_SECONDS = 0.003  # about how long one slice of steps takes
CLOUD_SIDE = 60  # the cloud drawn is a grid of at most this many starts a side, taken from the map's


@dataclass(frozen=True)
class BasinJob:
    """One map to make: a problem, an optimizer with its hyperparameters and schedule, the starts of a
    grid of ``grid`` cells a side over ``region``, at most ``steps`` steps, the tolerance and radius."""

    problem: object
    optimizer: str
    hyperparameters: dict
    schedule: object
    starts: np.ndarray
    grid: int
    region: tuple
    steps: int
    tol: float
    radius: float
    # The cloud's picture: the view's ranges ((x0, x1), (y0, y1)), its size in pixels (columns, rows)
    # and the side of a dot in pixels.
    view: tuple = ((0.0, 1.0), (0.0, 1.0))
    pixels: tuple = (400, 400)
    dot_px: int = 2


@dataclass(frozen=True)
class CloudFrame:
    """Where the starts are after ``step`` of ``steps`` steps: for each map, a picture (rows, columns)
    of uint8 over the view, 1 where a dot of a sample of its starts is (the same starts in every
    frame; in 1-D at x and the loss there), else 0. A picture, not points: the window shows it in
    one call, where thousands of points cost it milliseconds each frame."""

    step: int
    steps: int
    pictures: tuple


class BasinWorker(QObject):
    progressed = Signal(object)  # a CloudFrame
    finished = Signal(object)  # a tuple of gdsim.engine.Basins, one per job
    cancelled = Signal()
    failed = Signal(object)  # an InputError

    def __init__(self, threads: int = 1, gate: FrameGate | None = None):
        super().__init__()
        self._threads = threads
        self._gate = gate or FrameGate()
        self._timer: QTimer | None = None
        self._jobs: tuple[BasinJob, ...] = ()
        self._swarms: list[Swarm] = []
        self._sample = np.empty(0, dtype=int)
        self._slice = 1
        self._last_frame = 0.0
        self._drawn = True  # the window has drawn the last frame

    @Slot()
    def begin(self) -> None:
        """Runs once the thread has started: the timer must live in this thread."""
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)

    @Slot(object)
    def start(self, jobs) -> None:
        """Make the maps of these jobs (a new request replaces one under way)."""
        self._close()
        try:
            self._swarms = [Swarm(job.problem, job.optimizer, job.starts, job.hyperparameters,
                                  schedule=job.schedule, tol=job.tol, threads=self._threads) for job in jobs]
        except InputError as e:
            self._close()
            self.failed.emit(e)
            return
        self._jobs = tuple(jobs)
        self._sample = cloud_sample(jobs[0].grid, jobs[0].problem.dim)
        self._slice = 1
        self._drawn = True
        self._publish(force=True)
        self._timer.start(0)

    @Slot()
    def cancel(self) -> None:
        if self._swarms:
            self._close()
            self.cancelled.emit()

    @Slot()
    def frame_drawn(self) -> None:
        self._drawn = True

    def _close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        for swarm in self._swarms:
            swarm.close()
        self._swarms, self._jobs = [], ()

    def _tick(self) -> None:
        swarms, steps = self._swarms, self._jobs[0].steps if self._jobs else 0
        if not swarms:
            return
        left = steps - swarms[0].step
        n = min(self._slice, left)
        began = time.perf_counter()
        for swarm in swarms:
            swarm.advance(n)
        took = time.perf_counter() - began
        # Slices of about SLICE_SECONDS: the next one as long as this pace allows.
        per_step = took / max(n, 1)
        self._slice = max(1, min(4 * self._slice, int(SLICE_SECONDS / per_step) if per_step > 0 else 1000))
        if swarms[0].step >= steps or not any(swarm.running for swarm in swarms):
            self._finish()
            return
        self._publish()
        self._gate.pass_through()  # the window may want the interpreter's lock, or be painting

    def _finish(self) -> None:
        self._timer.stop()
        swarms, jobs = self._swarms, self._jobs
        for swarm in swarms:
            swarm.finish()
        self._publish(force=True)
        results, minima = [], None
        for swarm, job in zip(swarms, jobs, strict=True):
            # The second map names the minima as the first does: the same minimum, the same colour.
            made = result(swarm, job.grid, job.region, job.steps, job.radius, minima)
            minima = made.minima
            results.append(made)
        self._swarms, self._jobs = [], ()
        self.finished.emit(tuple(results))

    def _publish(self, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and (not self._drawn or now - self._last_frame < FRAME_SECONDS):
            return
        self._last_frame = now
        self._drawn = False
        job = self._jobs[0]
        pictures = tuple(cloud_picture(cloud_points(job.problem, swarm.points()[self._sample]), job.view,
                                       job.pixels, job.dot_px) for swarm in self._swarms)
        self.progressed.emit(CloudFrame(self._swarms[0].step, job.steps, pictures))


def cloud_sample(grid: int, dim: int) -> np.ndarray:
    """The starts of an n × n grid (n in 1-D) the cloud shows: every k-th row and column, at most
    CLOUD_SIDE a side (in 1-D every start)."""
    if dim == 1:
        return np.arange(grid)
    k = math.ceil(grid / CLOUD_SIDE)
    keep = np.arange(k // 2, grid, k)
    return (keep[:, None] * grid + keep[None, :]).ravel()


def cloud_points(problem, points: np.ndarray) -> np.ndarray:
    """The points (M, 2) to draw for starts at ``points`` (M, d): in 1-D, on the loss curve; points that
    are not finite are left out."""
    if problem.dim == 1:
        with np.errstate(all="ignore"):
            points = np.column_stack([points[:, 0], problem.loss(points)])
    return np.ascontiguousarray(points[np.isfinite(points).all(axis=1)])


def cloud_picture(points: np.ndarray, view, pixels, dot_px: int) -> np.ndarray:
    """The points (M, 2) as dots of ``dot_px`` pixels a side on a picture (rows, columns) of uint8 over
    the view's ranges, rows upwards: 1 at a dot, else 0; points outside are left out."""
    columns, rows = pixels
    (x0, x1), (y0, y1) = view
    picture = np.zeros((rows, columns), dtype=np.uint8)
    with np.errstate(invalid="ignore", over="ignore"):
        ix = np.floor((points[:, 0] - x0) / (x1 - x0) * columns)
        iy = np.floor((points[:, 1] - y0) / (y1 - y0) * rows)
    inside = (ix >= 0) & (ix < columns) & (iy >= 0) & (iy < rows)
    ix, iy = ix[inside].astype(np.int64), iy[inside].astype(np.int64)
    half = dot_px // 2
    for dy in range(dot_px):
        for dx in range(dot_px):
            picture[np.clip(iy + dy - half, 0, rows - 1), np.clip(ix + dx - half, 0, columns - 1)] = 1
    return picture

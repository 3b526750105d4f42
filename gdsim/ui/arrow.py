"""An arrow from one point to another in a plot's data coordinates, its head kept at a fixed size."""

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF

from .polyline import Polyline

ANGLE_STEP = 0.02  # degrees


class Arrow:
    """A shaft (a two-point curve) and a head (pyqtgraph's ArrowItem, sized in pixels).

    The head's angle depends on how the view stretches x against y, so it is recomputed whenever
    the view's range changes, not only when the arrow moves.
    """

    def __init__(self, plot: pg.PlotItem, color: str, width: float = 2.0, head: float = 16.0, z: float = 20):
        self._plot = plot
        self._start = self._end = None
        self._direction = None  # with point(): a data-space direction drawn at a given pixel length
        self._pixels = 0.0
        self._bounds = None  # with point(): ((x0, x1), (y0, y1)) it stays within, besides the view
        self._head = head
        self.shaft = Polyline(pg.mkPen(color, width=width))
        self.head = pg.ArrowItem(angle=0, headLen=head, tipAngle=36, tailLen=None, pen=pg.mkPen(color),
                                 brush=pg.mkBrush(color))
        for item in (self.shaft, self.head):
            item.setZValue(z)
            plot.addItem(item)
        plot.getViewBox().sigTransformChanged.connect(self._orient)
        self.hide()

    @property
    def start(self) -> np.ndarray | None:
        """Where the arrow starts, in data coordinates; None while it is hidden."""
        return self._start

    @property
    def end(self) -> np.ndarray | None:
        """Where its head is, in data coordinates; None while it is hidden."""
        return self._end

    @property
    def visible(self) -> bool:
        return self._end is not None

    def length_px(self) -> float:
        """Its length on screen, in pixels (0 while hidden)."""
        if self._end is None:
            return 0.0
        sx, sy = self._plot.getViewBox().viewPixelSize()
        return float(np.hypot((self._end[0] - self._start[0]) / sx, (self._end[1] - self._start[1]) / sy))

    def set_style(self, color: str, width: float, head: float) -> None:
        self._head = head
        self.shaft.setPen(pg.mkPen(color, width=width))
        self.head.setStyle(headLen=head, pen=pg.mkPen(color), brush=pg.mkBrush(color))

    def set(self, start, end) -> None:
        """An arrow between two points in data coordinates."""
        self._direction = None
        self._show(np.asarray(start, float), np.asarray(end, float))

    def point(self, start, direction, pixels: float, bounds=None) -> None:
        """An arrow from ``start`` along ``direction`` (data coordinates), ``pixels`` long on screen
        whatever the zoom, but shortened where it would leave the view, or ``bounds`` ((x0, x1),
        (y0, y1)) if given and ``start`` is within them (hidden if ``start`` is outside the view, or
        if too little room is left for its head)."""
        direction = np.asarray(direction, float)
        if not np.isfinite(direction).all() or not direction.any():
            self.hide()
            return
        self._direction, self._pixels, self._bounds = direction, pixels, bounds
        start = np.asarray(start, float)
        self._show(start, self._end_at(start))

    def _show(self, start: np.ndarray, end: np.ndarray | None) -> None:
        if (end is None or not (np.isfinite(start).all() and np.isfinite(end).all())
                or np.array_equal(start, end)):
            self._start = self._end = None
            self.shaft.hide()
            self.head.hide()
            return
        self._start, self._end = start, end
        self.shaft.setData([start[0], end[0]], [start[1], end[1]])
        self.head.setPos(end[0], end[1])
        self.shaft.show()
        self.head.show()
        self._turn_head()

    def _end_at(self, start: np.ndarray) -> np.ndarray | None:
        """The end of a pointing arrow, kept inside the view; None where it cannot be drawn."""
        box = self._plot.getViewBox()
        sx, sy = box.viewPixelSize()  # data units per pixel
        pixel = np.array([sx, sy])
        screen = self._direction / pixel
        screen *= self._pixels / np.hypot(*screen)
        end = start + screen * pixel
        # Keep the tip a little inside the edges; give up when not even the head fits.
        (x0, x1), (y0, y1) = box.viewRange()
        margin = 0.25 * self._head * pixel
        lo, hi = np.array([x0, y0]) + margin, np.array([x1, y1]) - margin
        if (start < lo).any() or (start > hi).any():
            return None
        if self._bounds is not None:
            (bx0, bx1), (by0, by1) = self._bounds
            if bx0 <= start[0] <= bx1 and by0 <= start[1] <= by1:
                lo, hi = np.maximum(lo, [bx0, by0]), np.minimum(hi, [bx1, by1])
        step = end - start
        t = 1.0
        for k in (0, 1):
            if step[k] > 0:
                t = min(t, (hi[k] - start[k]) / step[k])
            elif step[k] < 0:
                t = min(t, (lo[k] - start[k]) / step[k])
        if t * self._pixels < 1.2 * self._head:
            return None
        return start + t * step

    def hide(self) -> None:
        self._start = self._end = None
        self._direction = None
        self.shaft.hide()
        self.head.hide()

    def _orient(self, *args) -> None:
        if self._direction is not None and args and self._start is not None:
            # The view changed: keep the length in pixels, and the arrow inside the view.
            self._show(self._start, self._end_at(self._start))
        elif self._start is not None:
            self._turn_head()

    def _turn_head(self) -> None:
        vb = self._plot.getViewBox()
        a = vb.mapViewToScene(QPointF(*self._start))
        b = vb.mapViewToScene(QPointF(*self._end))
        if a is None or b is None:
            return
        dx, dy = b.x() - a.x(), b.y() - a.y()
        if dx == 0 and dy == 0:
            return
        # ArrowItem points left at angle 0 and turns clockwise on screen as the angle grows. It makes its
        # path anew for each angle: a turn of less than ANGLE_STEP (a hundredth of a pixel at the tip)
        # is left out.
        angle = round((180.0 + math.degrees(math.atan2(dy, dx))) / ANGLE_STEP) * ANGLE_STEP
        if angle != self.head.opts["angle"]:
            self.head.setStyle(angle=angle)

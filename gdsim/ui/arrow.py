"""An arrow from one point to another in a plot's data coordinates, its head kept at a fixed size."""

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF


class Arrow:
    """A shaft (a two-point curve) and a head (pyqtgraph's ArrowItem, sized in pixels).

    The head's angle depends on how the view stretches x against y, so it is recomputed whenever
    the view's range changes, not only when the arrow moves.
    """

    def __init__(self, plot: pg.PlotItem, color: str, width: float = 2.0, head: float = 16.0, z: float = 20):
        self._plot = plot
        self._start = self._end = None
        self._direction = None  # with point(): a data-space direction drawn at a fixed pixel length
        self._pixels = 0.0
        self.shaft = pg.PlotCurveItem(pen=pg.mkPen(color, width=width))
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

    def set_style(self, color: str, width: float, head: float) -> None:
        self.shaft.setPen(pg.mkPen(color, width=width))
        self.head.setStyle(headLen=head, pen=pg.mkPen(color), brush=pg.mkBrush(color))

    def set(self, start, end) -> None:
        """An arrow between two points in data coordinates."""
        start, end = np.asarray(start, float), np.asarray(end, float)
        if not (np.isfinite(start).all() and np.isfinite(end).all()) or np.array_equal(start, end):
            self.hide()
            return
        self._start, self._end = start, end
        self.shaft.setData([start[0], end[0]], [start[1], end[1]])
        self.head.setPos(end[0], end[1])
        self.shaft.show()
        self.head.show()
        self._orient()

    def point(self, start, direction, pixels: float) -> None:
        """An arrow from ``start`` along ``direction`` (data coordinates), ``pixels`` long on screen
        whatever the zoom: for showing which way something points rather than how far."""
        direction = np.asarray(direction, float)
        if not np.isfinite(direction).all() or not direction.any():
            self.hide()
            return
        self._direction, self._pixels = direction, pixels
        self.set(start, self._end_at(np.asarray(start, float)))

    def _end_at(self, start: np.ndarray) -> np.ndarray:
        sx, sy = self._plot.getViewBox().viewPixelSize()  # data units per pixel
        screen = self._direction / np.array([sx, sy])
        screen *= self._pixels / np.hypot(*screen)
        return start + screen * np.array([sx, sy])

    def hide(self) -> None:
        self._start = self._end = None
        self._direction = None
        self.shaft.hide()
        self.head.hide()

    def _orient(self, *args) -> None:
        if self._start is None:
            return
        if self._direction is not None and args:  # the view changed: keep the length in pixels
            self._end = self._end_at(self._start)
            self.shaft.setData([self._start[0], self._end[0]], [self._start[1], self._end[1]])
            self.head.setPos(self._end[0], self._end[1])
        vb = self._plot.getViewBox()
        a = vb.mapViewToScene(QPointF(*self._start))
        b = vb.mapViewToScene(QPointF(*self._end))
        if a is None or b is None:
            return
        dx, dy = b.x() - a.x(), b.y() - a.y()
        if dx == 0 and dy == 0:
            return
        # ArrowItem points left at angle 0 and turns clockwise on screen as the angle grows.
        self.head.setStyle(angle=180.0 + math.degrees(math.atan2(dy, dx)))

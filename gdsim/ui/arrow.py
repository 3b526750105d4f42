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
        self.shaft = pg.PlotCurveItem(pen=pg.mkPen(color, width=width))
        self.head = pg.ArrowItem(angle=0, headLen=head, tipAngle=36, tailLen=None, pen=pg.mkPen(color),
                                 brush=pg.mkBrush(color))
        for item in (self.shaft, self.head):
            item.setZValue(z)
            plot.addItem(item)
        plot.getViewBox().sigTransformChanged.connect(self._orient)
        self.hide()

    def set_style(self, color: str, width: float, head: float) -> None:
        self.shaft.setPen(pg.mkPen(color, width=width))
        self.head.setStyle(headLen=head, pen=pg.mkPen(color), brush=pg.mkBrush(color))

    def set(self, start, end) -> None:
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

    def hide(self) -> None:
        self._start = self._end = None
        self.shaft.hide()
        self.head.hide()

    def _orient(self, *args) -> None:
        if self._start is None:
            return
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

"""A curve for a run's path that paints at most one point per screen pixel it passes through.

A long run's path crosses the same few pixels thousands of times near its end (it converges), and
every segment painted with a wide pen and its outline costs about a microsecond: a path of 800 rows
took 1.4 ms a frame, seven of them most of a frame. Points that fall in the pixel of the point before
them change nothing that can be seen, so they are left out when painting; ``getData`` still gives
every point.
"""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter


def pixel_steps(px: np.ndarray, py: np.ndarray) -> np.ndarray:
    """Indices of the points (device pixels (n,), (n,)) that lie in another pixel than the point before
    them, with the first and the last point always kept."""
    if len(px) <= 2:
        return np.arange(len(px))
    cx, cy = np.floor(px), np.floor(py)
    moved = (cx[1:] != cx[:-1]) | (cy[1:] != cy[:-1])
    moved[-1] = True
    return np.concatenate([[0], np.flatnonzero(moved) + 1])


class PathCurve(pg.PlotCurveItem):
    """A PlotCurveItem (pen and shadow pen, connected points, no fill) painted with one point per pixel."""

    def paint(self, p: QPainter, opt, widget) -> None:
        x, y = self.getData()
        if x is None or len(x) < 2:
            return
        t = p.transform()
        px = t.m11() * x + t.m21() * y + t.dx()
        py = t.m12() * x + t.m22() * y + t.dy()
        kept = pixel_steps(px, py)
        path = pg.arrayToQPath(x[kept], y[kept], connect="all")
        p.setRenderHint(QPainter.RenderHint.Antialiasing, bool(self.opts["antialias"]))
        for pen in (self.opts["shadowPen"], self.opts["pen"]):
            if pen is None or pen.style() == Qt.PenStyle.NoPen:
                continue
            p.setPen(pen)
            p.drawPath(path)

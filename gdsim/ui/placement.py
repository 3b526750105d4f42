"""Where to put a label in a plot: of a few candidate spots, the one whose text covers the fewest
points of what is drawn (a curve, a tangent, arrows) and no label placed before it, kept inside the
plot. Worked out in the view box's pixels, where a label's size is known."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF


class Placer:
    """Places labels in one view box, for one frame: ``place`` remembers each label it has placed so
    that the next one avoids it."""

    def __init__(self, box: pg.ViewBox, obstacles):
        """``obstacles`` (n, 2): points in data coordinates that a label should not cover, or a
        function that gives them, called only if a label is placed (most frames place none)."""
        (self._x0, x1), (y0, self._y1) = box.viewRange()
        self._width, self._height = box.width(), box.height()
        self._sx = _per_pixel(x1 - self._x0, self._width)
        self._sy = _per_pixel(self._y1 - y0, self._height)
        self._obstacles = obstacles
        self._points = np.empty((0, 2))
        self._weights = np.empty(0)
        self.taken: list[QRectF] = []

    def to_pixels(self, points: np.ndarray) -> np.ndarray:
        """Data coordinates (n, 2) to the view box's pixels, y downwards."""
        return np.column_stack([(points[:, 0] - self._x0) / self._sx, (self._y1 - points[:, 1]) / self._sy])

    def add_obstacles(self, points, weight: float = 1.0) -> None:
        """More points not to cover; covering one costs ``weight`` (a point of a path costs 1)."""
        self._add_pixels(self.to_pixels(np.asarray(points, float).reshape(-1, 2)), weight)

    def add_marker(self, point, radius: float, weight: float) -> None:
        """A symbol drawn at ``point`` (data coordinates), ``radius`` pixels from its centre to its
        edge: covering its centre or any of its edge costs ``weight`` (a label beside it must not
        hide it, which its centre alone would not ensure)."""
        centre = self.to_pixels(np.asarray(point, float).reshape(1, 2))
        around = np.linspace(0, 2 * np.pi, 8, endpoint=False)
        edge = centre + radius * np.column_stack([np.cos(around), np.sin(around)])
        self._add_pixels(np.concatenate([centre, edge]), weight)

    def _add_pixels(self, more: np.ndarray, weight: float) -> None:
        self._points = np.concatenate([self._points, more])
        self._weights = np.concatenate([self._weights, np.full(len(more), float(weight))])

    def _take_obstacles(self) -> None:
        if self._obstacles is not None:
            first = self._obstacles() if callable(self._obstacles) else self._obstacles
            self._obstacles = None
            self.add_obstacles(first)

    def place(self, label: pg.TextItem, candidates) -> QRectF:
        """Put the label at the best of the candidates, each (x, y, anchor_x, anchor_y): the point in
        data coordinates where the label's anchor goes, as in TextItem. Returns its rectangle (pixels).
        Of equally good candidates, the first."""
        self._take_obstacles()
        c = np.asarray(candidates, float).reshape(-1, 4)
        if not len(c):
            return QRectF()
        size = label.boundingRect()
        w, h = size.width(), size.height()
        # every candidate's rectangle at once, kept inside the plot (pixels)
        px, py = self.to_pixels(c[:, :2]).T
        left = np.minimum(np.maximum(px - c[:, 2] * w, 0.0), max(self._width - w, 0.0))
        top = np.minimum(np.maximum(py - c[:, 3] * h, 0.0), max(self._height - h, 0.0))
        cost = np.zeros(len(c))
        p = self._points
        if len(p):
            x, y = p[:, 0], p[:, 1]
            inside = ((x >= left[:, None]) & (x <= (left + w)[:, None])
                      & (y >= top[:, None]) & (y <= (top + h)[:, None]))
            cost += inside @ self._weights
        for r in self.taken:  # overlapping a label placed before costs most (as QRectF.intersects)
            if w > 0 and h > 0 and not r.isEmpty():
                across = (left < r.right()) & (r.left() < left + w)
                cost += 1000 * (across & (top < r.bottom()) & (r.top() < top + h))
        i = int(np.argmin(cost))
        rect = QRectF(float(left[i]), float(top[i]), w, h)
        ax, ay = float(c[i, 2]), float(c[i, 3])
        label.setAnchor((ax, ay))
        label.setPos(self._x0 + (rect.left() + ax * w) * self._sx,
                     self._y1 - (rect.top() + ay * h) * self._sy)
        self.taken.append(rect)
        return rect


def _per_pixel(span: float, pixels: float) -> float:
    """Data units per pixel; 1 for a view not laid out yet or of no extent (no division by zero)."""
    per = span / pixels if pixels > 0 else 0.0
    return per if np.isfinite(per) and per > 0 else 1.0

"""A line through points in a view's coordinates, lean enough to be given new points every frame.

pyqtgraph's PlotCurveItem (and PlotDataItem around it) does much in Python for each new set of points
and for each paint: options and signals, bounds found again with nanmin/nanmax under a warnings guard
and padded by a pixel size worked out from the device transform, for every curve, every frame (with
lesson 10's runs, ~25 curves, a third of a frame's time). A Polyline does only what gdsim's views need:
a pen, an optional wider outline under it (the shadow pen), the bounds kept from setData, and a paint
that leaves out the points that fall in the pixel of the point before them (a converging path crosses
the same few pixels thousands of times; those points change nothing that can be seen, and every
segment painted with a wide pen costs about a microsecond), the points where it bends by less than a
fraction of a pixel (see straight_drops), and, when Qt repaints only part of the
view (a point moved), the segments of a solid line that lie outside that part (Qt strokes a whole
path before it clips it). What it leaves out is worked out once for each setData and view transform,
however often Qt paints the line in between. ``getData`` still gives every point.
"""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem


def pixel_steps(px: np.ndarray, py: np.ndarray) -> np.ndarray:
    """Indices of the points (device pixels (n,), (n,)) that lie in another pixel than the point before
    them, with the first and the last point always kept."""
    if len(px) <= 2:
        return np.arange(len(px))
    cx, cy = np.floor(px), np.floor(py)
    moved = (cx[1:] != cx[:-1]) | (cy[1:] != cy[:-1])
    moved[-1] = True
    return np.concatenate([[0], np.flatnonzero(moved) + 1])


def straight_drops(px: np.ndarray, py: np.ndarray, tolerance: float = 0.2, passes: int = 3) -> np.ndarray:
    """Indices of the points to keep (device pixels (n,), (n,)) once the points where the line bends by
    less than ``tolerance`` pixels are left out (those within that distance of the segment between
    their neighbours): each pass leaves out every other such point (never two side by side), so the
    line moves by at most ``passes`` × ``tolerance`` pixels. Qt strokes a
    wide line at about 6,000 instructions a corner (its join is worked out with atan2), and a smooth
    curve of 500 points has few corners one could see."""
    z = px + 1j * py  # one array: half as many numpy calls, which cost more than the arithmetic here
    keep = np.arange(len(px))
    w = z
    for parity in range(passes):
        if len(keep) < 3:
            break
        if parity:
            w = z[keep]
        d = w[2:] - w[:-2]
        v = w[1:-1] - w[:-2]
        product = v * d.conjugate()
        chord = np.abs(d)
        reach = tolerance * chord
        # Flat: the middle point lies within the tolerance of the chord between its neighbours (as
        # distances times the chord's length), beside it and not beyond its ends: a path that turns
        # back along a line (a run bouncing between 2 and −2) keeps its turning points.
        flat = ((np.abs(product.imag) <= reach) & (product.real >= -reach)
                & (product.real <= chord * chord + reach))
        flat &= (chord > 0) | (np.abs(v) <= tolerance)  # neighbours that coincide: it must be at them
        flat[1 - parity % 2::2] = False  # never two neighbours in one pass
        kept = np.ones(len(keep), dtype=bool)
        kept[1:-1] = ~flat
        keep = keep[kept]
    return keep


SHORT = 16  # points; a line this short is painted whole, without working out what to leave out
STRAIGHTEN_FROM = 64  # points in distinct pixels; a line of more is straightened (straight_drops)


class Polyline(pg.GraphicsObject):
    """Connected points (n,), (n,) drawn with ``opts['pen']`` over ``opts['shadowPen']`` (or none).
    Points that are not finite are left out, with the line broken there."""

    def __init__(self, pen=None, shadow_pen=None):
        super().__init__()
        self.opts = {"pen": pg.mkPen(pen if pen is not None else "w"),
                     "shadowPen": None if shadow_pen is None else pg.mkPen(shadow_pen)}
        self._x: np.ndarray | None = None
        self._y: np.ndarray | None = None
        self._finite: np.ndarray | None = None  # None: every point is
        self._bounds: tuple[float, float, float, float] | None = None  # x0, x1, y0, y1 of the points
        self._rect: QRectF | None = None
        self._whole: QPainterPath | None = None  # the path of a short line, made once per setData
        self._thinned: _Thinned | None = None  # the points worth drawing, for the last paint's transform
        self._pen_list = None  # see _pens
        self._pixel: tuple[float, float] | None = None  # a pixel's width and height in data units
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # for exposedRect

    # --- as PlotCurveItem ---------------------------------------------------------------------

    def setPen(self, *args, **kwargs) -> None:  # noqa: N802 (pyqtgraph's names)
        self.opts["pen"] = pg.mkPen(*args, **kwargs)
        self._new_bounds()

    def setShadowPen(self, *args, **kwargs) -> None:  # noqa: N802
        self.opts["shadowPen"] = None if args and args[0] is None else pg.mkPen(*args, **kwargs)
        self._new_bounds()

    def setData(self, x, y) -> None:  # noqa: N802
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if x.shape != y.shape:
            raise ValueError(f"x and y differ in shape: {x.shape} and {y.shape}")
        self._x, self._y = x, y
        self._finite = None
        self._whole = None
        self._thinned = None
        self._bounds = None
        if len(x):
            # NaN carries through min and max, and ±inf stays at an end: finite ends, finite points
            bounds = (float(x.min()), float(x.max()), float(y.min()), float(y.max()))
            if np.isfinite(bounds).all():
                self._bounds = bounds
            else:
                finite = np.isfinite(x) & np.isfinite(y)
                self._finite = finite
                if finite.any():
                    fx, fy = x[finite], y[finite]
                    self._bounds = (float(fx.min()), float(fx.max()), float(fy.min()), float(fy.max()))
        self._new_bounds()

    @property
    def all_finite(self) -> bool:
        """Whether every point is finite (none left out, no gap)."""
        return self._finite is None

    def getData(self) -> tuple[np.ndarray | None, np.ndarray | None]:  # noqa: N802
        return self._x, self._y

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):  # noqa: N802, N803
        """For a view box that ranges itself over its items (the points' bounds, whole)."""
        if self._bounds is None:
            return None, None
        return self._bounds[2 * ax: 2 * ax + 2]

    # --- QGraphicsItem ------------------------------------------------------------------------

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph's name)
        self._pixel = None  # the pens' widths are in pixels: in data units they change with the view
        self._new_bounds()

    def _new_bounds(self) -> None:
        self.prepareGeometryChange()
        self._rect = None
        self.update()

    def _pens(self) -> list[tuple[QPen, bool, float]]:
        """The pens to stroke with, outline first, each with whether it is solid and its width: kept
        until a pen is set (asked of Qt at each paint, they cost more than a short line's numpy)."""
        key = (self.opts["shadowPen"], self.opts["pen"])
        if self._pen_list is None or any(a is not b for a, b in zip(self._pen_list[0], key, strict=True)):
            pens = [(pen, pen.style() == Qt.PenStyle.SolidLine, pen.widthF()) for pen in key
                    if pen is not None and pen.style() != Qt.PenStyle.NoPen]
            self._pen_list = (key, pens)
        return self._pen_list[1]

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        if self._rect is None:
            if self._bounds is None:
                self._rect = QRectF()
            else:
                x0, x1, y0, y1 = self._bounds
                pad = max((width for _, _, width in self._pens()), default=0.0) / 2 + 1  # pixels
                if self._pixel is None:
                    self._pixel = tuple(0.0 if v is None else v.length() for v in self.pixelVectors())
                dx, dy = pad * self._pixel[0], pad * self._pixel[1]
                self._rect = QRectF(x0 - dx, y0 - dy, x1 - x0 + 2 * dx, y1 - y0 + 2 * dy)
        return self._rect

    def paint(self, p: QPainter, opt, widget) -> None:
        x, y = self._x, self._y
        if x is None or len(x) < 2:
            return
        if len(x) <= SHORT:  # a tangent, an arrow's shaft: numpy's calls would cost more than they save
            if self._whole is None:
                self._whole = pg.arrayToQPath(x, y, connect="all" if self._finite is None else "finite")
            for pen, _, _ in self._pens():
                p.setPen(pen)
                p.drawPath(self._whole)
            return
        thinned = self._thinned_for(p.transform())
        exposed = p.transform().mapRect(opt.exposedRect)
        for pen, solid, width in self._pens():
            # A dashed line is drawn whole: cut into pieces, its dashes would start anew at each piece
            # and no longer meet those painted before around the exposed part.
            p.setPen(pen)
            p.drawPath(thinned.part(exposed, width + 2) if solid else thinned.whole())

    def _thinned_for(self, t: QTransform) -> "_Thinned":
        """The points worth drawing at the device transform ``t``: worked out once for each setData and
        each transform, however often Qt paints the line meanwhile."""
        key = (t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy())
        if self._thinned is None or self._thinned.key != key:
            x, y = self._x, self._y
            if t.m12() == 0 and t.m21() == 0:  # a plot's transform: scaled and moved, never turned
                px, py = t.m11() * x + t.dx(), t.m22() * y + t.dy()
            else:
                px, py = t.m11() * x + t.m21() * y + t.dx(), t.m12() * x + t.m22() * y + t.dy()
            kept = pixel_steps(px, py)
            # a line with gaps keeps its corners (its pieces are few), and so does one of few points
            # (leaving some out would cost more than stroking them)
            if self._finite is None and len(kept) > STRAIGHTEN_FROM:
                kept = kept[straight_drops(px[kept], py[kept])]
            finite = None if self._finite is None else self._finite[kept]
            self._thinned = _Thinned(key, x[kept], y[kept], px[kept], py[kept], finite)
        return self._thinned


class _Thinned:
    """A line's points thinned for one device transform: their data coordinates, device pixels and
    which are finite ((n,) each, None: all), with the paths made of them kept for the next paint."""

    def __init__(self, key: tuple, x, y, px, py, finite):
        self.key = key
        self.x, self.y, self.px, self.py, self.finite = x, y, px, py, finite
        fx, fy = (px, py) if finite is None else (px[finite], py[finite])
        self._extent = (QRectF(float(fx.min()), float(fy.min()), float(np.ptp(fx)), float(np.ptp(fy)))
                        if len(fx) else QRectF())
        self._whole: QPainterPath | None = None

    def whole(self) -> QPainterPath:
        if self._whole is None:
            self._whole = pg.arrayToQPath(self.x, self.y, connect="all" if self.finite is None else "finite")
        return self._whole

    def part(self, exposed: QRectF, pad: float) -> QPainterPath:
        """The path through the segments that reach into the exposed rectangle (device pixels) or
        within ``pad`` pixels of it: inside it, the same as the whole line."""
        if self.finite is None and exposed.adjusted(-pad, -pad, pad, pad).contains(self._extent):
            return self.whole()  # the usual case: every point is exposed
        x, y, px, py, finite = self.x, self.y, self.px, self.py, self.finite
        left, right = exposed.left() - pad, exposed.right() + pad
        top, bottom = exposed.top() - pad, exposed.bottom() + pad
        a, b = slice(None, -1), slice(1, None)
        seen = ((np.maximum(px[a], px[b]) >= left) & (np.minimum(px[a], px[b]) <= right)
                & (np.maximum(py[a], py[b]) >= top) & (np.minimum(py[a], py[b]) <= bottom))
        if finite is not None:
            seen &= finite[:-1] & finite[1:]  # as "finite": no segment to or from a gap
        if seen.all():
            return self.whole()
        if not seen.any():
            return QPainterPath()
        ends = np.zeros(len(x), dtype=bool)
        ends[:-1] |= seen
        ends[1:] |= seen
        connect = np.append(seen, False)[ends]  # a kept point joins the next kept one if its segment is seen
        return pg.arrayToQPath(x[ends], y[ends], connect=connect)

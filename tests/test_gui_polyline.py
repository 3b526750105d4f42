"""Polyline: what it leaves out is worked out once per setData and view transform, and the picture is
the same as drawing every point."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from gdsim.ui import polyline
from gdsim.ui.polyline import Polyline, straight_drops

SIZE = (300, 200)


def transform(scale: float = 3.0) -> QTransform:
    t = QTransform()
    t.translate(SIZE[0] / 2, SIZE[1] / 2)
    t.scale(scale, -scale)
    return t


def paint(item, t: QTransform, exposed_px: QRectF | None = None) -> QImage:
    """The item painted as a view paints it: with its transform, clipped to the exposed part."""
    image = QImage(*SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setTransform(t)
    option = QStyleOptionGraphicsItem()
    exposed = QRectF(0, 0, *SIZE) if exposed_px is None else exposed_px
    option.exposedRect = t.inverted()[0].mapRect(exposed)
    painter.setClipRect(option.exposedRect)
    item.paint(painter, option, None)
    painter.end()
    return image


def plain(x, y, pens, t: QTransform, exposed_px: QRectF | None = None) -> QImage:
    """Every point, stroked as Qt strokes a path."""
    image = QImage(*SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setTransform(t)
    if exposed_px is not None:
        painter.setClipRect(t.inverted()[0].mapRect(exposed_px))
    path = pg.arrayToQPath(np.asarray(x, float), np.asarray(y, float), connect="finite")
    for pen in pens:
        painter.setPen(pen)
        painter.drawPath(path)
    painter.end()
    return image


def differing_pixels(a: QImage, b: QImage) -> int:
    pa = np.frombuffer(a.constBits(), np.uint8).reshape(SIZE[1], SIZE[0], 4)
    pb = np.frombuffer(b.constBits(), np.uint8).reshape(SIZE[1], SIZE[0], 4)
    return int((pa != pb).any(axis=2).sum())


def walk(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    return np.cumsum(rng.normal(0, 0.4, n)), np.cumsum(rng.normal(0, 0.3, n))


def test_polyline_thins_once_per_data_and_transform(monkeypatch):
    calls = []
    original = polyline.pixel_steps
    monkeypatch.setattr(polyline, "pixel_steps", lambda px, py: calls.append(1) or original(px, py))
    line = Polyline(pg.mkPen("r", width=2.5), pg.mkPen("k", width=5))
    line.setData(*walk(500))
    first = paint(line, transform())
    again = paint(line, transform())
    assert len(calls) == 1 and differing_pixels(first, again) == 0
    paint(line, transform(4.0))  # zoomed: thinned anew
    assert len(calls) == 2
    line.setData(*walk(500, seed=1))  # new points: thinned anew
    paint(line, transform(4.0))
    assert len(calls) == 3


def test_polyline_draws_new_points_after_setdata():
    line = Polyline(pg.mkPen("r", width=2.5))
    x, y = walk(400)
    line.setData(x, y)
    paint(line, transform())
    line.setData(x + 5, y)  # the same shape, moved 15 px right: the cached picture would be wrong
    pens = [line.opts["pen"]]
    moved = plain(x + 5, y, pens, transform())
    assert differing_pixels(paint(line, transform()), moved) < 0.01 * SIZE[0] * SIZE[1]


@pytest.mark.parametrize("exposed", [None, QRectF(90, 60, 80, 50)])
def test_polyline_looks_as_every_point_drawn(exposed):
    """What thinning leaves out moves the line by at most a pixel here and there: the picture is that
    of every point drawn, to within a few pixels, whole or in part."""
    x, y = walk(800, seed=3)
    pens = [pg.mkPen("k", width=5), pg.mkPen("r", width=2.5)]
    line = Polyline(pens[1], pens[0])
    line.setData(x, y)
    painted = paint(line, transform(), exposed)
    painted_again = paint(line, transform(), exposed)  # from the kept points and path
    reference = plain(x, y, pens, transform(), exposed)
    ink = differing_pixels(reference, plain([], [], pens, transform()))
    assert ink > 300
    assert differing_pixels(painted, reference) < 0.05 * ink
    assert differing_pixels(painted, painted_again) == 0


def test_polyline_gaps_stay_gaps():
    x = np.linspace(-40, 40, 200)
    y = np.sin(x / 5) * 20
    y[90:110] = np.nan
    line = Polyline(pg.mkPen("r", width=3))
    line.setData(x, y)
    image = paint(line, transform(1.5))
    column = int(SIZE[0] / 2)  # x = 0 lies in the gap
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(SIZE[1], SIZE[0], 4)
    assert (pixels[:, column - 3:column + 4, :3] == 255).all()
    assert (pixels[:, 100, :3] != 255).any()  # x = −33: drawn


def test_straight_drops_moves_the_line_by_at_most_passes_times_the_tolerance():
    rng = np.random.default_rng(5)
    t = np.linspace(0, 1, 700)
    px, py = t * 900, 300 * np.exp(-5 * t) + rng.normal(0, 0.1, 700)
    kept = straight_drops(px, py, tolerance=0.2, passes=3)
    assert kept[0] == 0 and kept[-1] == 699 and len(kept) < 0.6 * len(px)
    # every point left out lies within 0.6 px of the kept line
    kx, ky = px[kept], py[kept]
    seg = np.searchsorted(kx, px, side="right").clip(1, len(kx) - 1)
    x0, x1, y0, y1 = kx[seg - 1], kx[seg], ky[seg - 1], ky[seg]
    off = np.abs((x1 - x0) * (py - y0) - (y1 - y0) * (px - x0)) / np.hypot(x1 - x0, y1 - y0)
    assert off.max() <= 0.6 + 1e-9


def test_polyline_dashed_line_is_drawn_whole():
    line = Polyline(pg.mkPen("r", width=2, style=Qt.PenStyle.DashLine))
    x, y = walk(300, seed=7)
    line.setData(x, y)
    exposed = QRectF(100, 70, 60, 40)
    whole = paint(line, transform())
    part = paint(line, transform(), exposed)
    # inside the exposed part the dashes are where the whole line has them
    w = np.frombuffer(whole.constBits(), np.uint8).reshape(SIZE[1], SIZE[0], 4)[70:110, 100:160]
    p = np.frombuffer(part.constBits(), np.uint8).reshape(SIZE[1], SIZE[0], 4)[70:110, 100:160]
    assert (w == p).all()


def test_straight_drops_keeps_where_a_path_turns_back_along_a_line():
    """A run bouncing between 2 and −2 (lesson 2, η = 1), or overshooting along a straight valley, turns
    back on its own line: the turning points are no bends of less than a pixel, and stay."""
    px = np.where(np.arange(9) % 2 == 0, 100.0, 20.0)  # 100, 20, 100, 20, …
    py = np.full(9, 50.0)
    assert list(straight_drops(px, py)) == list(range(9))
    px = np.array([0.0, 10.0, 20.0, 30.0, 25.0, 20.0, 15.0])  # along a line and back part of the way
    kept = straight_drops(px, np.zeros(7))
    assert 3 in kept and 0 in kept and 6 in kept


def test_polyline_draws_a_bounce_as_a_line_between_its_ends():
    x = np.where(np.arange(999) % 2 == 0, 2.0, -2.0)  # from 2 and back to 2, 499 times
    y = np.full(999, 4.0)
    line = Polyline(pg.mkPen("g", width=2.5), pg.mkPen("k", width=5))
    line.setData(x, y)
    t = QTransform()
    t.translate(150, 150)
    t.scale(30, -10)
    image = paint(line, t)
    row = np.frombuffer(image.constBits(), np.uint8).reshape(SIZE[1], SIZE[0], 4)[110]  # y = 4
    inked = np.flatnonzero((row[:, :3] != 255).any(axis=1))
    assert inked.min() <= 150 - 58 and inked.max() >= 150 + 58  # from x = −2 to x = 2 (±60 px)
    assert len(inked) >= 120

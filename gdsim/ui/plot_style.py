"""The base of the plots: a PlotWidget that reports when it has painted, styled from a Style."""

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from .style import RunLook, Style

_PEN_STYLES = {"solid": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine,
               "dashdot": Qt.PenStyle.DashDotLine, "dashdotdot": Qt.PenStyle.DashDotDotLine}


class EdgeAxis(pg.AxisItem):
    """An axis whose end labels may reach ``edge_room`` pixels past the ends of the plot, into the
    margin kept for them. A tick label is centred on its tick, so without this room pyqtgraph drops
    the label of a tick at the very top or right of a plot (it keeps labels within the axis and,
    with a grid, within the plot)."""

    edge_room = 0.0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # pyqtgraph would label a log axis spanning 1e-27 to 1e73 "loss (x1e+27)" and divide its
        # ticks by that: the tick labels here carry their own powers of ten.
        self.enableAutoSIPrefix(False)

    def set_edge_room(self, pixels: float) -> None:
        self.prepareGeometryChange()
        self.edge_room = float(pixels)
        self.picture = None
        self.update()

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802, N803 (pyqtgraph's names)
        """pyqtgraph's spacing, widened on a horizontal axis until the labels fit side by side: it
        always labels its major ticks, which overlap in a narrow plot at a large font
        ("0200400600800" at 200 %). At least two ticks stay labelled."""
        levels = super().tickSpacing(minVal, maxVal, size)
        if self.orientation not in ("bottom", "top") or not levels or size <= 0 or self.logMode:
            return levels
        low, high = sorted((minVal, maxVal))
        metrics = QFontMetricsF(self.style.get("tickFont") or QFont())
        gap = metrics.horizontalAdvance("0")
        chosen = levels[0][0]
        power = 10.0 ** math.floor(math.log10(chosen))
        for spacing in sorted(m * power * 10**k for k in (0, 1, 2) for m in (1, 2, 2.5, 4, 5)):
            if spacing < levels[0][0]:
                continue
            ticks = np.arange(math.ceil(low / spacing), math.floor(high / spacing) + 1) * spacing
            if len(ticks) < 2:
                break
            chosen = spacing
            labels = self.tickStrings(list(ticks), 1.0, spacing)
            widest = max(metrics.horizontalAdvance(text) for text in labels)
            if spacing * size / (high - low) >= widest + gap:
                break
        return levels if chosen == levels[0][0] else [(chosen, 0.0)]

    _bounds = None  # (what they were worked out for, the bounds)

    def boundingRect(self):  # noqa: N802 (Qt's name)
        """pyqtgraph's (over the grid, when there is one), with the room for the end labels. Qt asks
        for it dozens of times a frame and it takes pyqtgraph ~30 µs in Python: it is kept until the
        axis or its view moves or is resized."""
        view = self.linkedView()
        key = (self.geometry(), None if view is None else view.geometry(), self.grid, self.edge_room,
               self.style["tickLength"], self.style["hideOverlappingLabels"])
        if self._bounds is None or self._bounds[0] != key:
            rect = super().boundingRect()
            m = self.edge_room
            upright = self.orientation in ("left", "right")
            rect = rect.adjusted(0, -m, 0, m) if upright else rect.adjusted(-m, 0, m, 0)
            self._bounds = (key, rect)
        return QRectF(self._bounds[1])


class PlotView(pg.PlotWidget):
    """A PlotWidget with a title that is shortened (…) rather than cut where the plot is narrow, and
    axes whose end labels are kept (EdgeAxis)."""

    _title: str | None = None
    _title_points = 10.0

    def __init__(self, parent=None, axisItems=None, **kwargs):  # noqa: N803 (pyqtgraph's name)
        axes = {"left": EdgeAxis("left"), "bottom": EdgeAxis("bottom"), **(axisItems or {})}
        super().__init__(parent=parent, axisItems=axes, **kwargs)
        # Items move and change every frame: a BSP tree of them would be rebuilt as often as it is used
        self.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)

    def set_title(self, text: str) -> None:
        self._title = text
        self.refit_title()

    def refit_title(self) -> None:
        """Shorten the title to the plot's width, and lay the plot out in the view again."""
        self._fit_title()
        pg.GraphicsView.resizeEvent(self, None)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # The title first: a plot is never laid out narrower than its title's text.
        self._fit_title()
        super().resizeEvent(event)

    def _fit_title(self) -> None:
        if self._title is None:
            return
        plot = self.getPlotItem()
        font = QFont()
        font.setPointSizeF(self._title_points)
        metrics = QFontMetricsF(font)
        room = self.width() - plot.getAxis("left").width() - 2 * metrics.height()
        plot.setTitle(metrics.elidedText(self._title, Qt.TextElideMode.ElideRight, max(room, 0.0)))
        # pyqtgraph keeps the title's row 30 px high, too low for its text at 250 %
        height = math.ceil(metrics.height() * 1.3)
        plot.titleLabel.setMaximumHeight(height)
        plot.layout.setRowFixedHeight(0, height)


# Mantissas for the ticks within one decade, sparsest first; the densest that fits is used.
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_LOG_MANTISSAS = ((1,), (1, 3), (1, 2, 5), (1, 2, 3, 4, 5, 6, 7, 8, 9))


class LogAxis(EdgeAxis):
    """An axis whose log-scale ticks never crowd: pyqtgraph labels all of 1…9 × 10ⁿ when the range
    is under a few decades, which overlap at projector font sizes; this keeps the whole decades and
    adds only as many in-between values as have room for their labels."""

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802, N803 (pyqtgraph's names)
        decades = [(spacing, values) for spacing, values in stdTicks if spacing >= 1.0]
        shown = sum(len(values) for _, values in decades[:1])
        if shown >= 2 or maxVal <= minVal:
            return decades[:1]
        font = self.style.get("tickFont") or QFont()
        room = 1.8 * QFontMetricsF(font).height() * (maxVal - minVal) / max(size, 1.0)  # in decades
        chosen = _LOG_MANTISSAS[0]
        for mantissas in _LOG_MANTISSAS:
            gaps = np.diff(np.log10([*mantissas, 10]))
            if gaps.min() >= room:
                chosen = mantissas
        values = [v + np.log10(m) for v in range(int(np.floor(minVal)), int(np.ceil(maxVal)))
                  for m in chosen]
        return [(None, [v for v in values if minVal <= v <= maxVal])]

    def logTickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        """pyqtgraph's labels (5, 0.01, 2·10³, 10⁻²⁷), worked out from each value's decade: pyqtgraph
        computes 10**value, which overflows past 1e308 on a diverging run's loss axis. The scale is
        always 1 here (no SI prefix)."""
        labels = []
        for value in values:
            decade = math.floor(value)
            mantissa = "%0.1g" % 10 ** (value - decade)
            if mantissa.startswith("1e"):  # 9.96 rounds up to the next decade
                mantissa, decade = "1", decade + 1
            if -4 <= decade <= 0:
                labels.append("%0.1g" % (int(mantissa) * 10.0 ** decade))
                continue
            power = str(abs(decade)).translate(_SUPERSCRIPTS)
            labels.append(f"{'' if mantissa == '1' else mantissa + '·'}10{'⁻' if decade < 0 else ''}{power}")
        return labels


def set_view(widget: pg.PlotWidget, x: tuple[float, float], y: tuple[float, float],
             pad: float = 0.05) -> None:
    """Set the shown range directly, and apply it now. pyqtgraph's auto-range works it out while
    painting and then asks for a second paint, and so does a new range that is applied only when the
    view is painted (the items it moves ask again): a frame that sets its ranges itself is painted once.
    A range set again as it is changes nothing (pyqtgraph would draw the axes anew, ~1 ms each)."""
    (x0, x1), (y0, y1) = x, y
    if not (np.isfinite([x0, x1, y0, y1]).all()):
        return
    if x1 <= x0:
        x0, x1 = x0 - 0.5, x0 + 0.5
    if y1 <= y0:
        y0, y1 = y0 - 0.5, y0 + 0.5
    box = widget.getPlotItem().getViewBox()
    asked = (x0, x1, y0, y1, pad)
    if getattr(widget, "_view_asked", None) == (asked, box.viewRange()):
        return
    box.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=pad)
    box.updateMatrix()
    widget._view_asked = (asked, box.viewRange())


def held_range(shown: tuple[float, float] | None, wanted: tuple[float, float], fill: float = 0.6,
               margin: float = 0.1) -> tuple[float, float]:
    """The range to show for values spanning ``wanted``: ``shown`` as long as it holds them and they
    fill at least ``fill`` of it; else theirs, with ``margin`` of their span more at each end. Values
    that move a little each frame then leave the axis as it is (drawing it anew costs ~1 ms a frame)."""
    lo, hi = wanted
    if shown is not None:
        a, b = shown
        if a <= lo and hi <= b and (hi - lo) >= fill * (b - a):
            return shown
    extra = margin * (hi - lo)
    return lo - extra, hi + extra


_NICE_ENDS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_end(value: float) -> float:
    """The least of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is ≥ value (> 0): an
    axis that grows to hold a count grows in a few steps a decade, and lies still in between."""
    if not value > 0 or not np.isfinite(value):
        return value
    decade = 10.0 ** np.floor(np.log10(value))
    for nice in _NICE_ENDS:
        if nice * decade >= value * (1 - 1e-12):
            return float(nice * decade)
    return float(10 * decade)


def run_pen(look: RunLook, width: float) -> QPen:
    """A run's line: its colour and line style."""
    return pg.mkPen(look.color, width=width, style=_PEN_STYLES[look.dash])


def outline_pen(look: RunLook, width: float) -> QPen:
    """The band under a run's path (wider than the line), so that it shows on any colour beneath.
    Its corners are bevelled: round joins take Qt twice as long to stroke (a path of 800 points,
    5 px wide: 1.0 against 0.5 ms), and under a line half as wide they look the same."""
    pen = pg.mkPen(look.outline, width=width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.BevelJoin)
    return pen


def style_plot(widget: pg.PlotWidget, style: Style) -> None:
    widget.setBackground(style.background)
    plot = widget.getPlotItem()
    font = QFont()
    font.setPointSizeF(10 * style.scale)
    # A tick label is centred on its tick, so the top one reaches half a line above the plot and
    # the rightmost one half a number past its right end: keep that much room there for them.
    metrics = QFontMetricsF(font)
    room = {"left": math.ceil(metrics.height() / 2) + 1,
            "bottom": math.ceil(metrics.horizontalAdvance("−0.000") / 2) + 1}
    plot.layout.setContentsMargins(1, room["left"], room["bottom"], 1)
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen(style.foreground))
        axis.setTextPen(pg.mkPen(style.foreground))
        # Major ticks only: the minor grid lines cost four times the rest of a frame to paint, and
        # a projector shows them as a grey haze anyway.
        axis.setStyle(tickFont=font, maxTickLevel=0)
        if isinstance(axis, EdgeAxis):
            axis.set_edge_room(room[side])
        axis.label.setFont(font)
    plot.titleLabel.item.setFont(font)
    plot.titleLabel.setAttr("color", style.foreground)
    plot.titleLabel.setAttr("size", f"{10 * style.scale:g}pt")  # the label's own size wins over its font
    plot.titleLabel.setText(plot.titleLabel.text)  # redraw the title in the new colour
    if isinstance(widget, PlotView):
        widget._title_points = 10 * style.scale
        widget.refit_title()
    for side in ("left", "bottom"):
        # Kept as a pixmap until the range changes: most frames only move a point or two.
        plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    plot.showGrid(x=True, y=True, alpha=style.grid_alpha)

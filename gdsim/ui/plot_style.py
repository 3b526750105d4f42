"""The base of the plots: a PlotWidget that reports when it has painted, styled from a Style."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem

from .style import Style


class PlotView(pg.PlotWidget):
    """A PlotWidget that calls ``on_painted`` after each paint (the canvas counts its frames' paints)."""

    on_painted = None

    def paintEvent(self, event):  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if self.on_painted is not None:
            self.on_painted(self)


# Mantissas for the ticks within one decade, sparsest first; the densest that fits is used.
_LOG_MANTISSAS = ((1,), (1, 3), (1, 2, 5), (1, 2, 3, 4, 5, 6, 7, 8, 9))


class LogAxis(pg.AxisItem):
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


def keep_inside(widget: pg.PlotWidget, label: pg.TextItem, x: float, y: float, anchor_x: float,
                anchor_y: float) -> None:
    """Put a label's anchor at (x, y), moved sideways as little as needed for its text to stay within
    the plot (a label past the edge is cut off). Call after the view's range is set."""
    box = widget.getPlotItem().getViewBox()
    (x0, x1), _ = box.viewRange()
    if box.width() > 0:
        width = label.boundingRect().width() * (x1 - x0) / box.width()  # in data units
        if width < x1 - x0:
            x = min(max(x, x0 + anchor_x * width), x1 - (1 - anchor_x) * width)
    label.setAnchor((anchor_x, anchor_y))
    label.setPos(x, y)


def set_view(widget: pg.PlotWidget, x: tuple[float, float], y: tuple[float, float],
             pad: float = 0.05) -> None:
    """Set the shown range directly. pyqtgraph's auto-range works it out while painting and then
    asks for a second paint; a frame that sets its ranges itself is painted once."""
    (x0, x1), (y0, y1) = x, y
    if not (np.isfinite([x0, x1, y0, y1]).all()):
        return
    if x1 <= x0:
        x0, x1 = x0 - 0.5, x0 + 0.5
    if y1 <= y0:
        y0, y1 = y0 - 0.5, y0 + 0.5
    widget.getPlotItem().getViewBox().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=pad)


def style_plot(widget: pg.PlotWidget, style: Style) -> None:
    widget.setBackground(style.background)
    plot = widget.getPlotItem()
    font = QFont()
    font.setPointSizeF(10 * style.scale)
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen(style.foreground))
        axis.setTextPen(pg.mkPen(style.foreground))
        # Major ticks only: the minor grid lines cost four times the rest of a frame to paint, and
        # a projector shows them as a grey haze anyway.
        axis.setStyle(tickFont=font, maxTickLevel=0)
        axis.label.setFont(font)
    plot.titleLabel.item.setFont(font)
    plot.titleLabel.setAttr("color", style.foreground)
    plot.titleLabel.setAttr("size", f"{10 * style.scale:g}pt")  # the label's own size wins over its font
    plot.titleLabel.setText(plot.titleLabel.text)  # redraw the title in the new colour
    for side in ("left", "bottom"):
        # Kept as a pixmap until the range changes: most frames only move a point or two.
        plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    plot.showGrid(x=True, y=True, alpha=style.grid_alpha)

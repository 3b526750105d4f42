"""The base of the plots: a PlotWidget that reports when it has painted, styled from a Style."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsItem

from .style import Style


class PlotView(pg.PlotWidget):
    """A PlotWidget that calls ``on_painted`` after each paint (the canvas counts its frames' paints)."""

    on_painted = None

    def paintEvent(self, event):  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if self.on_painted is not None:
            self.on_painted(self)


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
    plot.titleLabel.setText(plot.titleLabel.text)  # redraw the title in the new colour
    for side in ("left", "bottom"):
        # Kept as a pixmap until the range changes: most frames only move a point or two.
        plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    plot.showGrid(x=True, y=True, alpha=style.grid_alpha)

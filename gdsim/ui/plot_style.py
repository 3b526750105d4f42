"""Applying a Style to a pyqtgraph plot: background, axes and grid."""

import pyqtgraph as pg
from PySide6.QtGui import QFont

from .style import Style


def style_plot(widget: pg.PlotWidget, style: Style) -> None:
    widget.setBackground(style.background)
    plot = widget.getPlotItem()
    font = QFont()
    font.setPointSizeF(10 * style.scale)
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen(style.foreground))
        axis.setTextPen(pg.mkPen(style.foreground))
        axis.setStyle(tickFont=font)
        axis.label.setFont(font)
    plot.titleLabel.item.setFont(font)
    plot.showGrid(x=True, y=True, alpha=style.grid_alpha)

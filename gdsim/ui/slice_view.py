"""A slice through the landscape: the loss along one parameter with the others held where they are,
and the tangent at the watched run's current point, whose slope is that parameter's partial derivative."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from .i18n import tr
from .plot_style import PlotView, keep_inside, set_view, style_plot
from .style import DARK, Style, clip_for_display, format_number

TANGENT_HALF_WIDTH = 0.2


class SliceView(PlotView):
    def __init__(self, index: int, style: Style = DARK, parent=None):
        super().__init__(parent=parent)
        self.index = index
        self._names = ("",)
        self._domain = (0.0, 1.0)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        self.curve = pg.PlotCurveItem()
        self.tangent = pg.PlotCurveItem()
        self.point = pg.ScatterPlotItem()
        self.point.setZValue(10)
        self.label = pg.TextItem(anchor=(0, 1))
        for item in (self.curve, self.tangent, self.point, self.label):
            plot.addItem(item)
        self.apply_style(style)

    def apply_style(self, style: Style) -> None:
        style_plot(self, style)
        w = style.width
        self.curve.setPen(pg.mkPen(style.foreground, width=w(2)))
        self.tangent.setPen(pg.mkPen(style.point, width=w(2), style=Qt.PenStyle.DashLine))
        self.point.setPen(pg.mkPen(style.background, width=w(1.5)))
        self.point.setBrush(pg.mkBrush(style.point))
        self.point.setSize(w(12))
        self.label.setColor(style.foreground)
        font = QFont()
        font.setPointSizeF(11 * style.scale)
        self.label.setFont(font)

    def set_problem(self, problem) -> None:
        self._names = problem.param_names
        self._domain = problem.domain[self.index]
        self.curve.setData([], [])
        self.retranslate()

    def retranslate(self) -> None:
        name = self._names[self.index] if self.index < len(self._names) else ""
        others = ", ".join(n for i, n in enumerate(self._names) if i != self.index)
        plot = self.getPlotItem()
        plot.setTitle(tr("loss along {0}, {1} held").format(name, others))
        plot.setLabel("bottom", name)

    def draw(self, snap) -> None:
        sl = next((s for s in snap.slices if s.index == self.index), None)
        if sl is None:
            return
        track = snap.watched_track
        lo, hi = self._domain
        self.curve.setData(sl.values, sl.loss)
        x = float(clip_for_display(np.array([track.params[self.index]]), lo, hi)[0])
        y = float(track.loss)
        slope = float(track.gradient[self.index])
        half = TANGENT_HALF_WIDTH * (hi - lo)
        xs = np.array([x - half, x + half])
        self.tangent.setData(xs, y + slope * (xs - x))
        self.point.setData([x], [y])
        name = self._names[self.index]
        self.label.setText(f"∂L/∂{name} = {format_number(slope)}")
        y_lo, y_hi = float(sl.loss.min()), float(sl.loss.max())
        set_view(self, (lo, hi), (y_lo, y_hi))
        self._place_label(x, y)

    def _place_label(self, x: float, y: float) -> None:
        """Beside the point, on the side and in the half of the plot with more room."""
        box = self.getPlotItem().getViewBox()
        (x0, x1), (y0, y1) = box.viewRange()
        right, above = x - x0 < x1 - x, y < (y0 + y1) / 2
        gap = 0.03 * (x1 - x0)
        if 0 < box.width() < self.label.boundingRect().width():  # too wide for a narrow plot: two lines
            self.label.setText(self.label.textItem.toPlainText().replace(" = ", " =\n"))
        keep_inside(self, self.label, x + gap if right else x - gap, y, 0 if right else 1, 1 if above else 0)

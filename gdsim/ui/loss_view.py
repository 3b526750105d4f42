"""The loss and the gradient norm against the step, on a linear or a log scale."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

from .plot_style import PlotView, set_view, style_plot
from .style import DARK, Style


def tr(text: str) -> str:
    return QCoreApplication.translate("LossView", text)


class LossView(PlotView):
    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent=parent)
        self._log = False
        self._style = style
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.setLabel("bottom", tr("step"))
        self.legend = plot.addLegend(offset=(-10, 10))
        self.loss = pg.PlotDataItem(name=tr("loss"))
        self.grad_norm = pg.PlotDataItem(name=tr("‖∇L‖ (gradient norm)"))
        plot.addItem(self.loss)
        plot.addItem(self.grad_norm)
        self.apply_style(style)

    def apply_style(self, style: Style) -> None:
        self._style = style
        style_plot(self, style)
        self.loss.setPen(pg.mkPen(style.tracks[0], width=style.width(2.5)))
        self.grad_norm.setPen(pg.mkPen(style.tracks[1], width=style.width(2), style=Qt.PenStyle.DashLine))
        self.legend.setLabelTextColor(style.foreground)

    @property
    def log_scale(self) -> bool:
        return self._log

    def set_log_scale(self, on: bool) -> None:
        self._log = bool(on)
        self.getPlotItem().setLogMode(y=self._log)
        self.getPlotItem().enableAutoRange()

    def clear_data(self) -> None:
        self.loss.setData([], [])
        self.grad_norm.setData([], [])

    def draw(self, snap) -> None:
        track = snap.lead
        shown = []
        for item, values in ((self.loss, track.history_loss), (self.grad_norm, track.history_grad_norm)):
            steps = track.history_step
            if self._log:
                keep = values > 0  # a log axis has no place for zero or negative values
                steps, values = steps[keep], values[keep]
            item.setData(steps.astype(float), values)
            shown.append(values)
        values = np.concatenate(shown)
        if values.size == 0:
            return
        lo, hi = float(values.min()), float(values.max())
        if self._log:
            lo, hi = np.log10(lo), np.log10(hi)  # a log axis takes its range in decades
        else:
            lo = min(lo, 0.0)
        # At least ten steps wide, so the first few points do not fill the plot edge to edge.
        set_view(self, (0.0, float(max(10, track.history_step[-1]))), (lo, hi), pad=0.03)

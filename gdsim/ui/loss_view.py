"""The loss of every optimizer against the step, and the watched one's gradient norm, on a linear or a
log scale."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from .i18n import tr
from .plot_style import LogAxis, PlotView, set_view, style_plot
from .style import DARK, Style


class LossView(PlotView):
    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent=parent, axisItems={"left": LogAxis("left")})
        self._log = False
        self._style = style
        self._labels: list[str] = []
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        self.legend = plot.addLegend(offset=(-10, 10))
        self.losses: list[pg.PlotDataItem] = []
        self.grad_norm = pg.PlotDataItem()
        plot.addItem(self.grad_norm)
        self.apply_style(style)
        self.retranslate()

    def apply_style(self, style: Style) -> None:
        self._style = style
        style_plot(self, style)
        for i, item in enumerate(self.losses):
            item.setPen(pg.mkPen(style.track(i), width=style.width(2.5)))
        self.grad_norm.setPen(pg.mkPen(style.foreground, width=style.width(1.5), style=Qt.PenStyle.DashLine))
        self.legend.setLabelTextColor(style.foreground)
        self.legend.setLabelTextSize(f"{9 * style.scale:g}pt")
        # An opaque box: the legend sits over the curves and must stay readable on a projector.
        self.legend.setBrush(pg.mkBrush(QColor(style.background)))
        self.legend.setPen(pg.mkPen(style.foreground, width=1))
        self._relabel()

    def retranslate(self) -> None:
        self.getPlotItem().setLabel("bottom", tr("step"))
        self._relabel()

    @property
    def log_scale(self) -> bool:
        return self._log

    def set_log_scale(self, on: bool) -> None:
        self._log = bool(on)
        self.getPlotItem().setLogMode(y=self._log)

    def set_labels(self, labels: list[str]) -> None:
        """The optimizers' names for the legend, in the order of the snapshot's tracks."""
        self._labels = list(labels)
        while len(self.losses) > len(self._labels):
            item = self.losses.pop()
            self.getPlotItem().removeItem(item)
        self._relabel()

    def clear_data(self) -> None:
        for item in (*self.losses, self.grad_norm):
            item.setData([], [])

    def _curve(self, index: int) -> pg.PlotDataItem:
        while len(self.losses) <= index:
            item = pg.PlotDataItem(pen=pg.mkPen(self._style.track(len(self.losses)),
                                                width=self._style.width(2.5)))
            self.getPlotItem().addItem(item)
            self.losses.append(item)
            self._relabel()
        return self.losses[index]

    def _relabel(self) -> None:
        self.legend.clear()
        for i, item in enumerate(self.losses):
            name = self._labels[i] if i < len(self._labels) else ""
            self.legend.addItem(item, tr("loss, {0}").format(name) if len(self.losses) > 1 else tr("loss"))
        self.legend.addItem(self.grad_norm, tr("‖∇L‖ (gradient norm)"))
        self.legend.setColumnCount(2 if len(self.losses) > 3 else 1)  # short enough to leave the curves seen

    def draw(self, snap) -> None:
        shown = []
        for i, track in enumerate(snap.tracks):
            shown.append(self._set(self._curve(i), track.history_step, track.history_loss))
        watched = snap.watched_track
        shown.append(self._set(self.grad_norm, watched.history_step, watched.history_grad_norm))
        values = np.concatenate(shown)
        if values.size == 0:
            return
        lo, hi = float(values.min()), float(values.max())
        if self._log:
            lo, hi = np.log10(lo), np.log10(hi)  # a log axis takes its range in decades
        else:
            lo = min(lo, 0.0)
        last = max(int(t.history_step[-1]) for t in snap.tracks)
        # At least ten steps wide, so the first few points do not fill the plot edge to edge.
        set_view(self, (0.0, float(max(10, last))), (lo, hi), pad=0.03)

    def _set(self, item, steps, values) -> np.ndarray:
        if self._log:
            keep = values > 0  # a log axis has no place for zero or negative values
            steps, values = steps[keep], values[keep]
        item.setData(steps.astype(float), values)
        return values

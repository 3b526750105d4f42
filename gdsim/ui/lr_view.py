"""η per step: the learning rate each update used, one line per run in its colour, under the loss plot
and on its step axis. The canvas shows it while some run has a schedule."""

import numpy as np
import pyqtgraph as pg

from .i18n import tr
from .plot_style import PlotView, held_range, nice_end, run_pen, set_view, style_plot
from .style import DARK, Style


class LrView(PlotView):
    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent=parent)
        self._style = style
        self._range = None
        self.getPlotItem().setMenuEnabled(False)
        self.curves: list[pg.PlotDataItem] = []
        self.apply_style(style)
        self.retranslate()

    def apply_style(self, style: Style) -> None:
        self._style = style
        style_plot(self, style)
        for i, item in enumerate(self.curves):
            item.setPen(self._pen(i))

    def _pen(self, index: int):
        return run_pen(self._style.run(index), self._style.width(2.5))

    def retranslate(self) -> None:
        plot = self.getPlotItem()
        plot.setLabel("bottom", tr("step"))
        plot.setLabel("left", tr("η per step"))

    def clear_data(self) -> None:
        self._range = None
        for item in self.curves:
            item.setData([], [])

    def _curve(self, index: int) -> pg.PlotDataItem:
        while len(self.curves) <= index:
            item = pg.PlotDataItem(pen=self._pen(len(self.curves)))
            self.getPlotItem().addItem(item)
            self.curves.append(item)
        return self.curves[index]

    def draw(self, snap) -> None:
        """Each run's ηₜ at its recorded steps up to where it stopped (at step 0, the first update's η)."""
        for item in self.curves[len(snap.tracks):]:
            item.setData([], [])
        values = []
        for i, track in enumerate(snap.tracks):
            if track.history_lr is None:
                continue
            steps, etas = track.history_step, track.history_lr
            if track.status != "running":  # the rows after it stopped hold its point: no update used η
                keep = steps <= track.stopped_at
                steps, etas = steps[keep], etas[keep]
            self._curve(i).setData(steps.astype(float), etas)
            values.append(etas)
        if not values:
            return
        shown = np.concatenate(values)
        hi = float(shown.max())
        if not np.isfinite(hi) or hi <= 0:
            return
        last = max(int(t.history_step[-1]) for t in snap.tracks)
        self._range = held_range(self._range, (0.0, hi), margin=0.05)
        set_view(self, (0.0, nice_end(max(10, last))), self._range, pad=0.03)

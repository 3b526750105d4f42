"""η per step: the learning rate each update used, one line per run in its colour, under the loss plot
and on its step axis. The canvas shows it while some run has a schedule."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF

from .i18n import tr
from .plot_style import PlotView, held_range, nice_end, run_pen, set_view, style_plot
from .style import DARK, Style


class LrView(PlotView):
    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent=parent)
        self._style = style
        self._range = None
        self._tick_spacing = None
        self.getPlotItem().setMenuEnabled(False)
        self.curves: list[pg.PlotDataItem] = []
        self.apply_style(style)
        self.retranslate()

    def apply_style(self, style: Style) -> None:
        self._style = style
        self._tick_spacing = None  # fitted anew to the new font
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
        end = nice_end(max(10, last))
        self._fit_step_ticks(end)
        set_view(self, (0.0, end), self._range, pad=0.03)

    def _fit_step_ticks(self, end: float) -> None:
        """As many step ticks as their labels have room for (a narrow plot at 200 % has room for two
        or three; pyqtgraph would draw its top-level labels over each other)."""
        axis = self.getPlotItem().getAxis("bottom")
        font = axis.style.get("tickFont") or QFont()
        widest = QFontMetricsF(font).horizontalAdvance(f"{end:,.0f}")
        room = max(1, int(max(axis.width(), 1.0) // (1.3 * widest)))  # a label and a gap
        spacing = _nice_spacing(end / room)
        if spacing != self._tick_spacing:
            self._tick_spacing = spacing
            axis.setTickSpacing(spacing, spacing)


def _nice_spacing(least: float) -> float:
    """The least of 1, 2, 5 times a power of ten that is at least ``least`` (> 0)."""
    decade = 10.0 ** np.floor(np.log10(max(least, 1.0)))
    return float(next(m * decade for m in (1, 2, 5, 10) if m * decade >= least))

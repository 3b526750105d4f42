"""The loss of every optimizer against the step, and the watched one's gradient norm, on a linear or a
log scale. The legend stands beside the plot, never over the curves."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from .i18n import tr
from .legend import Entry, Legend
from .plot_style import LogAxis, PlotView, held_range, nice_end, run_pen, set_view, style_plot
from .polyline import Polyline
from .style import DARK, Style

# Where the legend goes in the plot's layout: right of the data (beside the right axis), or, when that
# would take more than RIGHT_SHARE of the width, below the step axis in as many columns as fit.
RIGHT, BELOW = (2, 3), (4, 1)
RIGHT_SHARE, BELOW_SHARE = 0.45, 0.35


class LossView(PlotView):
    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent=parent, axisItems={"left": LogAxis("left")})
        self._log = False
        self._loss_range = None  # the range of the loss axis shown (in decades on a log scale)
        self._style = style
        self._labels: list[str] = []
        self._watched = 0
        self._snap = None  # the last snapshot drawn, drawn again on the other scale
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        self.legend = Legend()
        self.legend_place = RIGHT
        plot.layout.addItem(self.legend, *RIGHT)
        self.losses: list[Polyline] = []
        self.grad_norm = Polyline()
        plot.addItem(self.grad_norm)
        self.apply_style(style)
        self.retranslate()

    def apply_style(self, style: Style) -> None:
        self._style = style
        style_plot(self, style)
        for i, item in enumerate(self.losses):
            item.setPen(self._loss_pen(i))
        self.grad_norm.setPen(self._grad_norm_pen())
        self.legend.set_style(style.foreground, style.scale)
        self._relabel()

    def _loss_pen(self, index: int):
        return run_pen(self._style.run(index), self._style.width(2.5))

    def _grad_norm_pen(self):
        # Dotted, a line style no run uses, in the colour of the run it belongs to.
        color = self._style.run(self._watched).color
        return pg.mkPen(color, width=self._style.width(1.5), style=Qt.PenStyle.DotLine)

    def retranslate(self) -> None:
        plot = self.getPlotItem()
        plot.setLabel("bottom", tr("step"))
        plot.setLabel("left", tr("loss"))
        self._relabel()

    @property
    def log_scale(self) -> bool:
        return self._log

    def set_log_scale(self, on: bool) -> None:
        self._log = bool(on)
        self._loss_range = None
        self.getPlotItem().setLogMode(y=self._log)
        if self._snap is not None:
            self.draw(self._snap)  # the curves hold log10 of the losses on a log scale

    def set_labels(self, labels: list[str]) -> None:
        """The runs' names for the legend, in the order of the snapshot's tracks."""
        self._labels = list(labels)
        while len(self.losses) > len(self._labels):
            item = self.losses.pop()
            self.getPlotItem().removeItem(item)
        self._watched = min(self._watched, max(0, len(self._labels) - 1))
        self._relabel()

    def clear_data(self) -> None:
        self._loss_range = None
        self._snap = None
        for item in (*self.losses, self.grad_norm):
            item.setData([], [])

    def _curve(self, index: int) -> Polyline:
        while len(self.losses) <= index:
            item = Polyline(self._loss_pen(len(self.losses)))
            self.getPlotItem().addItem(item)
            self.losses.append(item)
            self._relabel()
        return self.losses[index]

    def _relabel(self) -> None:
        count = max(len(self.losses), len(self._labels))
        several = count > 1
        entries = []
        for i in range(count):
            name = self._labels[i] if i < len(self._labels) else ""
            look = self._style.run(i)
            entries.append(Entry(self._loss_pen(i), name if several else tr("loss"), look.symbol,
                                 pg.mkBrush(look.color), pg.mkPen(self._style.background)))
        watched = self._labels[self._watched] if self._watched < len(self._labels) else ""
        entries.append(Entry(self._grad_norm_pen(),
                             tr("‖∇L‖ of {0}").format(watched) if several else tr("‖∇L‖ (gradient norm)")))
        self.legend.set_entries(entries)
        self._fit_legend()

    legend = None  # until __init__ makes it (pyqtgraph resizes the view while it is being built)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.legend is not None:
            self._fit_legend()

    def _fit_legend(self) -> None:
        """Beside the data, in as many columns as its height needs, if that takes at most a share of
        the width; in a crowded plot with smaller text (down to the size at 100 %). If even that does
        not fit, below the step axis, in as many columns as the width has room for, with the largest
        text that keeps it within BELOW_SHARE of the height (or the smallest)."""
        plot, legend = self.getPlotItem(), self.legend
        width, height = self.width(), self.height()
        room = height - plot.getAxis("bottom").height() - 2 * self._style.width(10)
        count = max(1, len(legend.entries))
        scales = [s for s in (self._style.scale, 1.75, 1.5, 1.25, 1.0) if s <= self._style.scale]
        for scale in scales:
            legend.set_scale(scale)
            columns = max(1, -(-count // max(1, int(room // legend.row_height()))))
            if legend.size_for(columns).width() <= RIGHT_SHARE * width:
                place = RIGHT
                break
        else:
            place = BELOW
            for scale in scales:
                legend.set_scale(scale)
                columns = max(1, min(count, int((width - plot.getAxis("left").width())
                                                // legend.size_for(1).width())))
                if legend.size_for(columns).height() <= BELOW_SHARE * height:
                    break
        legend.set_columns(columns)
        if place != self.legend_place:
            plot.layout.removeItem(legend)
            plot.layout.addItem(legend, *place)
            self.legend_place = place

    def draw(self, snap) -> None:
        self._snap = snap
        if snap.watched != self._watched:
            self._watched = snap.watched
            self.grad_norm.setPen(self._grad_norm_pen())
            self._relabel()
        curves = [self._curve(i) for i in range(len(snap.tracks))]
        for curve, track in zip(curves, snap.tracks, strict=True):
            self._set(curve, track.history_step, track.history_loss)
        watched = snap.watched_track
        self._set(self.grad_norm, watched.history_step, watched.history_grad_norm)
        # the range of what is drawn (in decades on a log scale), from the bounds the curves keep; one
        # that is not finite (a loss grown past what a float holds) leaves the axes as they are
        items = (*curves, self.grad_norm)
        bounds = [b for b in (item.dataBounds(1) for item in items) if b[0] is not None]
        if not bounds:
            return
        lo, hi = min(b[0] for b in bounds), max(b[1] for b in bounds)
        if not all(item.all_finite for item in items):
            lo, hi = float("nan"), float("nan")
        elif not self._log:
            lo = min(lo, 0.0)
        last = max(int(t.history_step[-1]) for t in snap.tracks)
        # At least ten steps wide, so the first few points do not fill the plot edge to edge; both
        # axes keep their range while the curves grow or sink a little (see held_range, nice_end).
        self._loss_range = held_range(self._loss_range, (lo, hi), margin=0.05)
        set_view(self, (0.0, nice_end(max(10, last))), self._loss_range, pad=0.03)

    def _set(self, item, steps, values) -> None:
        """Draw the values (the losses, not their logarithms) over the steps."""
        if self._log:
            if not (len(values) and values.min() > 0):
                keep = values > 0  # a log axis has no place for zero or negative values
                steps, values = steps[keep], values[keep]
            item.setData(steps, np.log10(values))  # a log axis takes its values in decades
        else:
            item.setData(steps, values)

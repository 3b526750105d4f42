"""A slice through the landscape: the loss along one parameter with the others held where they are,
and the tangent at the watched run's current point, whose slope is that parameter's partial derivative."""

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from .i18n import tr
from .marker import Marker
from .placement import Placer
from .plot_style import PlotView, held_range, set_view, style_plot
from .polyline import Polyline
from .sample_note import SampleNote
from .style import DARK, Style, format_number

TANGENT_HALF_WIDTH = 0.2
LABEL_POINTS = 11  # the ∂L label's size at 100 %; it grows with the scale …
LABEL_MIN_POINTS = 9  # … and shrinks no smaller than this where the plot is too narrow for it
# While a run plays its slope changes every frame, faster than anyone reads it, and writing and placing
# the label costs a third of the view's frame: it is written at this rate (as the formula panel's
# numbers), and at once for a paused or finished run.
LABEL_UPDATES_PER_SECOND = 10


class SliceView(PlotView):
    def __init__(self, index: int, style: Style = DARK, parent=None):
        super().__init__(parent=parent)
        self.index = index
        self._names = ("",)
        self._domain = (0.0, 1.0)
        self._loss_range = None  # the loss range shown, held while the curve moves a little
        self._watched = 0
        self._label_for = None  # what the label was written and placed for (see _label_key)
        self._label_at = float("-inf")  # when (perf_counter) it was last written
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        self.curve = Polyline()
        self.tangent = Polyline()
        self.point = Marker()
        self.point.setZValue(10)
        self.label = pg.TextItem(anchor=(0, 1))
        for item in (self.curve, self.tangent, self.label):
            plot.addItem(item)
        plot.addItem(self.point, ignoreBounds=True)
        self.sample_note = SampleNote(plot)  # a curve estimated from some of the samples says so
        self._estimated_from = (0, 0)
        self.apply_style(style)

    def apply_style(self, style: Style) -> None:
        style_plot(self, style)
        w = style.width
        self.curve.setPen(pg.mkPen(style.foreground, width=w(2)))
        self.tangent.setPen(pg.mkPen(style.tangent, width=w(2.5), style=Qt.PenStyle.DashLine))
        self._style = style
        self._show_run(self._watched)  # the slices go through the watched run's point
        self.point.setSize(w(13))
        self.label.setColor(style.foreground)
        self.label.fill = pg.mkBrush(style.background)
        self.label.border = pg.mkPen(style.tangent, width=w(1.5))
        self._font_points = LABEL_POINTS * style.scale
        self._set_label_points(self._font_points)
        self.sample_note.apply_style(style)
        self._label_for = None

    def _show_run(self, index: int) -> None:
        """The point in the look of the run it belongs to."""
        self._watched = index
        look = self._style.run(index)
        self.point.setPen(pg.mkPen(look.outline, width=self._style.width(1.5)))
        self.point.setBrush(pg.mkBrush(look.color))
        self.point.setSymbol(look.symbol)

    def _set_label_points(self, points: float) -> None:
        font = QFont()
        font.setPointSizeF(points)
        self.label.setFont(font)

    def set_problem(self, problem) -> None:
        self._names = problem.param_names
        self._domain = problem.domain[self.index]
        self._loss_range = None
        self._label_for = None
        self.curve.setData([], [])
        self.retranslate()

    def retranslate(self) -> None:
        name = self._names[self.index] if self.index < len(self._names) else ""
        others = ", ".join(n for i, n in enumerate(self._names) if i != self.index)
        plot = self.getPlotItem()
        self.set_title(tr("loss along {0}, {1} held").format(name, others))
        plot.setLabel("bottom", name)
        used, total = self._estimated_from
        self.sample_note.show(tr("estimated from {0} samples").format(f"{used:,}") if total else "")

    def draw(self, snap) -> None:
        sl = next((s for s in snap.slices if s.index == self.index), None)
        if sl is None:
            return
        track = snap.watched_track
        if snap.watched != self._watched:
            self._show_run(snap.watched)
        lo, hi = self._domain
        estimated = (sl.samples, sl.total) if sl.samples < sl.total else (0, 0)
        if estimated != self._estimated_from:
            self._estimated_from = estimated
            self.retranslate()
            self._label_for = None  # the note is placed with the label, clear of it
        self.curve.setData(sl.values, sl.loss)
        span = max(hi - lo, 1e-12)  # as clip_for_display, on one number
        x = min(max(float(track.params[self.index]), lo - 1e3 * span), hi + 1e3 * span)
        y = float(track.loss)
        slope = float(track.gradient[self.index])
        half = TANGENT_HALF_WIDTH * (hi - lo)
        xs = np.array([x - half, x + half])
        self.tangent.setData(xs, y + slope * (xs - x))
        self.point.setData([x], [y])
        low, high = self.curve.dataBounds(1)  # of the points where the loss is defined
        if low is not None:
            self._loss_range = held_range(self._loss_range, (low, high))
        set_view(self, (lo, hi), self._loss_range)
        now = time.perf_counter()
        written = self._label_for is not None
        if snap.playing and written and now - self._label_at < 1 / LABEL_UPDATES_PER_SECOND:
            return
        text = f"∂L/∂{self._names[self.index]} = {format_number(slope)}"
        key = self._label_key(text, x, y, sl.loss)
        if key != self._label_for:  # else it would be written and placed the same as before
            self._label_for = key
            self._label_at = now
            self.label.setText(text)
            defined = np.isfinite(sl.loss)  # a typed function may be undefined over part of the slice
            loss = sl.loss[defined]
            ts = np.linspace(*xs, 20)
            tangent = np.column_stack([ts, y + slope * (ts - x)])
            drawn = np.concatenate([np.column_stack([sl.values[defined], loss]), tangent])
            self._place_label(x, y, drawn)

    def _label_key(self, text: str, x: float, y: float, loss: np.ndarray) -> tuple:
        """What the label's text and place depend on: its text, the view, and where the point and the
        curve are, to within a few pixels (while a run creeps along, most frames change none of it,
        and writing and placing the label cost a third of the view's frame)."""
        box = self.getPlotItem().getViewBox()
        (x0, x1), (y0, y1) = box.viewRange()
        w, h = box.width(), box.height()
        px = np.array([w / (x1 - x0) if x1 > x0 else 0.0, h / (y1 - y0) if y1 > y0 else 0.0])
        with np.errstate(all="ignore"):
            at = np.array([(x - x0) * px[0], (y - y0) * px[1]]) / 2
            curve = (loss[:: max(1, len(loss) // 12)] - y0) * px[1] / 4
        pixels = np.clip(np.nan_to_num(np.concatenate([at, curve])), -1e6, 1e6).round().astype(int)
        return text, x0, x1, y0, y1, w, h, self._font_points, pixels.tobytes()

    def _place_label(self, x: float, y: float, drawn: np.ndarray) -> None:
        """Where it covers least of the curve, the tangent and the point: beside the point, or at
        the top or the bottom of the plot."""
        box = self.getPlotItem().getViewBox()
        (x0, x1), (y0, y1) = box.viewRange()
        room = box.width()
        if self.label.textItem.font().pointSizeF() != self._font_points:
            self._set_label_points(self._font_points)
        if 0 < room < self.label.boundingRect().width():  # too wide for a narrow plot: two lines
            self.label.setText(self.label.textItem.toPlainText().replace(" = ", " =\n"))
            # still too wide (a large scale in a small window): smaller, down to LABEL_MIN_POINTS
            points = self._font_points
            for _ in range(3):
                width = self.label.boundingRect().width()
                if width <= room or points <= LABEL_MIN_POINTS:
                    break
                points = max(LABEL_MIN_POINTS, points * room / width * 0.97)
                self._set_label_points(points)
        gap = 0.03 * (x1 - x0)
        right = x - x0 < x1 - x  # the side with more room first
        sides = [(x + gap, 0.0), (x - gap, 1.0)] if right else [(x - gap, 1.0), (x + gap, 0.0)]
        candidates = [(sx, y, ax, ay) for ay in (1.0, 0.0) for sx, ax in sides]
        candidates += [((x0 + x1) / 2, y1, 0.5, 0.0), (x0, y1, 0.0, 0.0), (x1, y1, 1.0, 0.0)]
        candidates += [((x0 + x1) / 2, y0, 0.5, 1.0), (x0, y0, 0.0, 1.0), (x1, y0, 1.0, 1.0)]
        placer = Placer(box, drawn)
        placer.add_marker([x, y], self.point.opts["size"] / 2 + self._style.width(3), weight=100)
        placer.place(self.label, candidates)
        self.sample_note.place(placer)

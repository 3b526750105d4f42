"""The data and the model: the points (x, y) and the curve ŷ = f(w·x + b) of the watched run as it is
now, in that run's colour, on axes named after the dataset's columns. The range holds the data and
grows to hold the model's curve (a tanh neuron's outputs down to −1, say), never shrinking while one
setup runs."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from .i18n import tr
from .plot_style import PlotView, set_view, style_plot
from .style import DARK, Style

# The built-in datasets' column names, as the engine gives them, for translation.
_COLUMN_NAMES = {
    "hours studied": QT_TRANSLATE_NOOP("names", "hours studied"),
    "passed (1) or not (0)": QT_TRANSLATE_NOOP("names", "passed (1) or not (0)"),
}
# How far beyond the data the range may grow to show the model: a line gone wild is not followed
# until the data is a speck.
MODEL_REACH = 2.0  # data spans


def column_name(name: str) -> str:
    """A dataset's column name in the user's language (a CSV file's own names stay as written)."""
    return QCoreApplication.translate("names", _COLUMN_NAMES[name]) if name in _COLUMN_NAMES else name


class DataView(PlotView):
    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent=parent)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        self._dataset = None
        self._kind = "linreg"
        self._data_range = None  # ((x0, x1), (y0, y1)) of the points
        self._y_range = None  # the shown y range: the data's, grown to hold the model
        self.points = pg.ScatterPlotItem()
        self.model = pg.PlotCurveItem()
        self.model.setZValue(10)
        # The samples of the watched run's last mini-batch (the one that moved the line to where it is),
        # ringed in its colour, those of its next one ringed with a dashed line, and how many.
        self.batch = pg.ScatterPlotItem()
        self.batch.setZValue(5)
        self.next_batch = pg.ScatterPlotItem()
        self.next_batch.setZValue(4)
        self.batch_label = pg.TextItem(anchor=(0, 0))
        self.batch_label.setZValue(20)
        self.batch_label.hide()
        self._watched = 0
        plot.addItem(self.points)
        plot.addItem(self.model)
        plot.addItem(self.batch)
        plot.addItem(self.next_batch)
        plot.addItem(self.batch_label)
        self.apply_style(style)

    def apply_style(self, style: Style) -> None:
        style_plot(self, style)
        self.points.setPen(pg.mkPen(style.background, width=style.width(1)))
        self.points.setBrush(pg.mkBrush(style.foreground))  # neutral: no run's colour is the data's
        self.points.setSize(style.width(10))
        self._style = style
        self.model.setPen(pg.mkPen(style.track(self._watched), width=style.width(3)))
        self._style_batch()
        font = QFont()
        font.setPointSizeF(10 * style.scale)
        self.batch_label.setFont(font)
        self.batch_label.setColor(style.foreground)
        self.batch_label.fill = pg.mkBrush(style.background)

    def _style_batch(self) -> None:
        style = self._style
        color = style.track(self._watched)
        self.batch.setPen(pg.mkPen(color, width=style.width(3)))
        self.batch.setBrush(pg.mkBrush(None))
        self.batch.setSize(style.width(22))
        self.next_batch.setPen(pg.mkPen(color, width=style.width(2), style=Qt.PenStyle.DashLine))
        self.next_batch.setBrush(pg.mkBrush(None))
        self.next_batch.setSize(style.width(30))

    def set_problem(self, problem) -> None:
        dataset = getattr(problem, "dataset", None)
        self.model.setData([], [])
        self._show_batch(None, None)
        if dataset is None or dataset.n_inputs != 1:
            self._dataset = None
            self.points.setData([], [])
            return
        self._dataset = dataset
        self._kind = problem.name
        self.retranslate()
        x, y = dataset.X[:, 0], dataset.y
        self.points.setData(x, y)
        self._data_range = ((float(x.min()), float(x.max())), (float(y.min()), float(y.max())))
        self.clear_model()

    def clear_model(self) -> None:
        """A new run: the range goes back to the data's."""
        self._y_range = None if self._data_range is None else self._data_range[1]
        if self._data_range is not None:
            set_view(self, self._data_range[0], self._y_range, pad=0.1)

    def retranslate(self) -> None:
        plot = self.getPlotItem()
        self.set_title(tr("data and model ŷ = f(w·x + b)") if self._kind == "neuron"
                       else tr("data and model ŷ = w·x + b"))
        if self._dataset is not None:
            plot.setLabel("bottom", column_name(self._dataset.x_label))
            plot.setLabel("left", column_name(self._dataset.y_label))

    def _show_batch(self, last, following) -> None:
        """Ring the samples ``last`` the last step took, and with a dashed ring those ``following``
        the next step takes (None: none, or the whole data: nothing ringed), and say how many."""
        lines, short = [], []
        for item, rows, text, mark in ((self.batch, last, tr("○ last step: {0}/{1}"), "○"),
                                       (self.next_batch, following, tr("◌ next step: {0}/{1}"), "◌")):
            if rows is None or self._dataset is None:
                item.setData([], [])
                continue
            item.setData(self._dataset.X[rows, 0], self._dataset.y[rows])
            lines.append(text.format(len(rows), len(self._dataset.y)))
            short.append(f"{mark} {len(rows)}/{len(self._dataset.y)}")
        if not lines:
            self.batch_label.hide()
            return
        box = self.getPlotItem().getViewBox()
        metrics = QFontMetricsF(self.batch_label.textItem.font())
        fits = max(metrics.horizontalAdvance(line) for line in lines) < 0.9 * box.sceneBoundingRect().width()
        self.batch_label.setText("\n".join(lines if fits else short))  # a narrow view: the marks and counts
        (x0, _), (_, y1) = box.viewRange()
        self.batch_label.setPos(x0, y1)
        self.batch_label.show()

    def draw(self, snap) -> None:
        if snap.watched != self._watched:
            self._watched = snap.watched
            self.model.setPen(pg.mkPen(self._style.track(snap.watched), width=self._style.width(3)))
            self._style_batch()
        if snap.model_x is None or self._data_range is None:
            return
        self.model.setData(snap.model_x, snap.model_y)
        (y0, y1), (d0, d1) = self._y_range, self._data_range[1]
        reach = MODEL_REACH * ((d1 - d0) or 1.0)
        shown = np.clip(snap.model_y, d0 - reach, d1 + reach)
        grown = (min(y0, float(shown.min())), max(y1, float(shown.max())))
        if grown != self._y_range:
            self._y_range = grown
            set_view(self, self._data_range[0], grown, pad=0.1)
        track = snap.watched_track
        self._show_batch(track.last_batch_rows, track.batch_rows)  # the caption in the range's corner

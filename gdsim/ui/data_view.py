"""The data and the model: the points (x, y) and the curve ŷ = f(w·x + b) of the watched run as it is
now, in that run's colour, on axes named after the dataset's columns. The range holds the data and
grows to hold the model's curve (a tanh neuron's outputs down to −1, say), never shrinking while one
setup runs. Of a large dataset a seeded subsample of the points is drawn, and a note says so.

The points can be placed by hand: a click adds one, a drag moves one, a right-click removes one (a
click selects one, which Delete removes). The view only asks (``*_requested``); the data changes when
the session's problem does (see ``gdsim.ui.data_editor``). While a point is dragged it follows the
mouse at once, and the range holds still until the drag ends. Only points drawn can be taken."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF

from ..model import samples
from .i18n import tr
from .placement import Placer
from .plot_style import PlotView, set_view, style_plot
from .sample_note import SampleNote
from .style import DARK, Style

# The built-in datasets' column names, as the engine gives them, for translation.
_COLUMN_NAMES = {
    "hours studied": QT_TRANSLATE_NOOP("names", "hours studied"),
    "passed (1) or not (0)": QT_TRANSLATE_NOOP("names", "passed (1) or not (0)"),
}
# How far beyond the data the range may grow to show the model: a line gone wild is not followed
# until the data is a speck.
MODEL_REACH = 2.0  # data spans
SHOWN_POINTS = 2_000  # more points than these make a blot, and take long to draw
GRAB_PX = 12.0  # a press this close (× the scale) to a point takes that point
EMPTY_RANGE = ((0.0, 1.0), (0.0, 1.0))  # the range of a view with no points yet


def column_name(name: str) -> str:
    """A dataset's column name in the user's language (a CSV file's own names stay as written)."""
    return QCoreApplication.translate("names", _COLUMN_NAMES[name]) if name in _COLUMN_NAMES else name


class _DraggedPoints(pg.ScatterPlotItem):
    """The data's points, which hand a drag that starts on one of them to the view (any other drag
    pans the view, as in every plot)."""

    def __init__(self, view: "DataView"):
        super().__init__()
        self._view = view

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 (pyqtgraph's name)
        ev.ignore()  # the view handles every click (DataView._on_clicked)

    def mouseDragEvent(self, ev) -> None:  # noqa: N802 (pyqtgraph's name)
        if ev.button() != Qt.MouseButton.LeftButton or not self._view.drag(ev):
            ev.ignore()


class DataView(PlotView):
    add_point_requested = Signal(float, float)  # (x, y) where the user clicked
    move_point_requested = Signal(int, float, float, bool)  # (index, x, y, the drag has ended)
    remove_point_requested = Signal(int)
    selection_changed = Signal(object)  # the selected point's index, or None
    sample_clicked = Signal(int)  # the row of the data point clicked

    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent=parent)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        self._dataset = None
        self._kind = "linreg"
        self._data_range = None  # ((x0, x1), (y0, y1)) of the points
        self._y_range = None  # the shown y range: the data's, grown to hold the model
        self.editable = True  # points can be placed by hand (data of one input column)
        self.snap_to_classes = False  # a point placed or moved by hand takes y = 0 or 1
        # While the data changes by hand (set by the data editor) the range holds the old points too.
        self.keep_range = False
        self.selected: int | None = None
        self._dragged: int | None = None
        self._x = self._y = np.empty(0)
        self._drawn = np.arange(0)  # the rows of the points drawn
        self._shown = 0  # how many of the points are drawn
        self.points = _DraggedPoints(self)
        self.selection = pg.ScatterPlotItem()
        self.selection.setZValue(8)
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
        # The sample the chain-rule panel shows, ringed (None: no ring).
        self.chosen = pg.ScatterPlotItem(symbol="s")
        self.chosen.setZValue(6)
        self._chosen_row: int | None = None
        self._watched = 0
        plot.addItem(self.chosen)
        plot.addItem(self.points)
        plot.addItem(self.selection)
        plot.addItem(self.model)
        plot.addItem(self.batch)
        plot.addItem(self.next_batch)
        plot.addItem(self.batch_label)
        self.sample_note = SampleNote(plot)
        self.scene().sigMouseClicked.connect(self._on_clicked)
        self.apply_style(style)

    def apply_style(self, style: Style) -> None:
        style_plot(self, style)
        self.points.setPen(pg.mkPen(style.background, width=style.width(1)))
        self.points.setBrush(pg.mkBrush(style.foreground))  # neutral: no run's colour is the data's
        self.points.setSize(style.width(10))
        self.selection.setPen(pg.mkPen(style.step, width=style.width(3)))
        self.selection.setBrush(pg.mkBrush(None))
        self.selection.setSize(style.width(20))
        self._style = style
        self.model.setPen(pg.mkPen(style.track(self._watched), width=style.width(3)))
        self.sample_note.apply_style(style)
        self._style_batch()
        self.chosen.setPen(pg.mkPen(style.gradient, width=style.width(3)))
        self.chosen.setBrush(pg.mkBrush(None))
        self.chosen.setSize(style.width(26))
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
        if not self.keep_range:
            self.model.setData([], [])
        self._show_batch(None, None)
        if dataset is None or dataset.n_inputs != 1:
            self._dataset = None
            self.show_points(np.empty(0), np.empty(0))
            return
        named = (problem.name, dataset.x_label, dataset.y_label)
        known = None if self._dataset is None else (self._kind, self._dataset.x_label, self._dataset.y_label)
        self._dataset = dataset
        self._kind = problem.name
        if named != known:  # not at every point moved: it lays the plot out anew
            self.retranslate()
        self.show_points(dataset.X[:, 0], dataset.y)

    def show_points(self, x: np.ndarray, y: np.ndarray) -> None:
        """The data's points (N,) each. A new set is shown whole; one edited by hand (``keep_range``)
        within the range shown so far, grown where a point lies beyond it."""
        self._x, self._y = np.asarray(x, float), np.asarray(y, float)
        self._drawn = samples.rows(len(self._x), SHOWN_POINTS)  # all of them, unless there are many
        self._shown = len(self._drawn)
        self.points.setData(self._x[self._drawn], self._y[self._drawn])
        own = (((float(self._x.min()), float(self._x.max())), (float(self._y.min()), float(self._y.max())))
               if len(self._x) else None)
        if self.keep_range and self._data_range is not None:
            if own is not None:
                self._data_range = tuple((min(a0, b0), max(a1, b1))
                                         for (a0, a1), (b0, b1) in zip(self._data_range, own, strict=True))
                self._y_range = (min(self._y_range[0], own[1][0]), max(self._y_range[1], own[1][1]))
            if self._dragged is None:
                set_view(self, self._data_range[0], self._y_range, pad=0.1)
        else:
            self._data_range = own or EMPTY_RANGE
            self.select(None)
            self.clear_model()
        if self.selected is not None and self.selected >= len(self._x):
            self.select(None)
        self._show_selection()
        self.show_chosen(self._chosen_row)
        self._show_note()

    def _show_note(self) -> None:
        total = len(self._x)
        self.sample_note.show(tr("{0} of {1} samples shown").format(f"{self._shown:,}", f"{total:,}")
                              if self._shown < total else "")

    def show_chosen(self, row: int | None) -> None:
        """Ring sample ``row`` (the one the chain-rule panel shows); None: no ring."""
        self._chosen_row = row
        if row is None or not 0 <= row < len(self._x):
            self.chosen.setData([], [])
            return
        self.chosen.setData([self._x[row]], [self._y[row]])

    def clear_model(self) -> None:
        """A new run: the range goes back to the data's (held while the data changes by hand)."""
        if self.keep_range and self._y_range is not None:
            return
        self._y_range = None if self._data_range is None else self._data_range[1]
        if self._data_range is not None:
            set_view(self, self._data_range[0], self._y_range, pad=0.1)

    # --- placing points by hand ---------------------------------------------------------------

    def select(self, index: int | None) -> None:
        if index != self.selected:
            self.selected = index
            self._show_selection()
            self.selection_changed.emit(index)

    def _show_selection(self) -> None:
        i = self.selected
        if i is None or i >= len(self._x):
            self.selection.setData([], [])
        else:
            self.selection.setData([self._x[i]], [self._y[i]])

    def point_near(self, scene_pos: QPointF) -> int | None:
        """The point drawn nearest to a place in the scene, if within GRAB_PX (× the scale)."""
        if not len(self._drawn):
            return None
        x, y = self._x[self._drawn], self._y[self._drawn]
        t = self.getPlotItem().getViewBox().childGroup.sceneTransform()
        with np.errstate(all="ignore"):
            sx = t.m11() * x + t.m21() * y + t.dx()
            sy = t.m12() * x + t.m22() * y + t.dy()
            distance = np.hypot(sx - scene_pos.x(), sy - scene_pos.y())
        i = int(np.nanargmin(distance)) if np.isfinite(distance).any() else 0
        return int(self._drawn[i]) if distance[i] <= GRAB_PX * self._style.scale else None

    def _placed(self, x: float, y: float) -> tuple[float, float]:
        return float(x), (1.0 if y >= 0.5 else 0.0) if self.snap_to_classes else float(y)

    def _on_clicked(self, event) -> None:
        """A click: on a point, choose it as the chain rule's sample and select it (left) or remove it
        (right); elsewhere, add one (left). Only choosing, for data that cannot be edited."""
        vb = self.getPlotItem().getViewBox()
        if event.double() or not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        near = self.point_near(event.scenePos())
        if event.button() == Qt.MouseButton.LeftButton and near is not None:
            self.sample_clicked.emit(near)
        if not self.editable:
            return
        if event.button() == Qt.MouseButton.RightButton and near is not None:
            self.select(None)
            self.remove_point_requested.emit(near)
        elif event.button() == Qt.MouseButton.LeftButton:
            if near is not None:
                self.select(near)
                return
            point = vb.mapSceneToView(event.scenePos())
            self.add_point_requested.emit(*self._placed(point.x(), point.y()))

    def drag(self, ev) -> bool:
        """A left-button drag: True if it moves a point (it began on one), which follows the mouse."""
        if ev.isStart():
            near = self.point_near(ev.buttonDownScenePos()) if self.editable else None
            if near is None:
                return False
            self._dragged = near
            self.select(near)
        elif self._dragged is None:
            return False
        ev.accept()
        i = self._dragged
        point = self.getPlotItem().getViewBox().mapSceneToView(ev.scenePos())
        x, y = self._placed(point.x(), point.y())
        self._x, self._y = self._x.copy(), self._y.copy()
        self._x[i], self._y[i] = x, y
        self.points.setData(self._x[self._drawn], self._y[self._drawn])
        self._show_selection()
        if ev.isFinish():
            self._dragged = None
        self.move_point_requested.emit(i, x, y, ev.isFinish())
        return True

    def retranslate(self) -> None:
        plot = self.getPlotItem()
        self.set_title(tr("data and model ŷ = f(w·x + b)") if self._kind == "neuron"
                       else tr("data and model ŷ = w·x + b"))
        if self._dataset is not None:
            plot.setLabel("bottom", column_name(self._dataset.x_label))
            plot.setLabel("left", column_name(self._dataset.y_label))
        self._show_note()
        self.setToolTip(tr("Click to add a point, drag a point to move it, right-click a point (or click it "
                           "and press Delete) to remove it; Ctrl+Z takes an edit back")
                        if self.editable else "")

    def _show_batch(self, last, following) -> None:
        """Ring the samples ``last`` the last step took, and with a dashed ring those ``following``
        the next step takes (None: none, or the whole data: nothing ringed), and say how many. With the
        data placed by hand cleared, nothing: the rows are the old data's."""
        lines, short = [], []
        shown = self._dataset is not None and len(self._x) == len(self._dataset.y)
        for item, rows, text, mark in ((self.batch, last, tr("○ last step: {0}/{1}"), "○"),
                                       (self.next_batch, following, tr("◌ next step: {0}/{1}"), "◌")):
            if rows is None or not shown:
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
        if grown != self._y_range and self._dragged is None:  # the range holds still under a drag
            self._y_range = grown
            set_view(self, self._data_range[0], grown, pad=0.1)
        track = snap.watched_track
        self._show_batch(track.last_batch_rows, track.batch_rows)  # the caption in the range's corner
        if self.sample_note.text:  # where it covers fewest points and least of the model
            x, y = self.points.getData()
            drawn = np.concatenate([np.column_stack([x, y]), np.column_stack([snap.model_x, shown])])
            placer = Placer(self.getPlotItem().getViewBox(), drawn)
            if self.batch_label.isVisible():  # the mini-batch's caption holds the top left corner
                size = self.batch_label.boundingRect()
                placer.taken.append(QRectF(0.0, 0.0, size.width(), size.height()))
            self.sample_note.place(placer)

"""The data and the model: the points (x, y) and the curve ŷ = f(w·x + b) of the watched run as it is
now, in that run's colour."""

import pyqtgraph as pg

from .i18n import tr
from .plot_style import PlotView, set_view, style_plot
from .style import DARK, Style


class DataView(PlotView):
    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent=parent)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        self.points = pg.ScatterPlotItem()
        self.model = pg.PlotCurveItem()
        self.model.setZValue(10)
        self._watched = 0
        plot.addItem(self.points)
        plot.addItem(self.model)
        self.apply_style(style)

    def apply_style(self, style: Style) -> None:
        style_plot(self, style)
        self.points.setPen(pg.mkPen(style.background, width=style.width(1)))
        self.points.setBrush(pg.mkBrush(style.foreground))  # neutral: no run's colour is the data's
        self.points.setSize(style.width(10))
        self._style = style
        self.model.setPen(pg.mkPen(style.track(self._watched), width=style.width(3)))

    def set_problem(self, problem) -> None:
        dataset = getattr(problem, "dataset", None)
        plot = self.getPlotItem()
        self.model.setData([], [])
        if dataset is None or dataset.n_inputs != 1:
            self.points.setData([], [])
            return
        self._kind = problem.name
        self.retranslate()
        plot.setLabel("bottom", "x")
        plot.setLabel("left", "y")
        self.points.setData(dataset.X[:, 0], dataset.y)
        x, y = dataset.X[:, 0], dataset.y
        set_view(self, (float(x.min()), float(x.max())), (float(y.min()), float(y.max())), pad=0.1)

    def retranslate(self) -> None:
        kind = getattr(self, "_kind", "linreg")
        self.getPlotItem().setTitle(tr("data and model ŷ = f(w·x + b)") if kind == "neuron"
                                    else tr("data and model ŷ = w·x + b"))

    def draw(self, snap) -> None:
        if snap.watched != self._watched:
            self._watched = snap.watched
            self.model.setPen(pg.mkPen(self._style.track(snap.watched), width=self._style.width(3)))
        if snap.model_x is not None:
            self.model.setData(snap.model_x, snap.model_y)

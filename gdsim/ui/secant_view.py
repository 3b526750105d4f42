"""The derivative as a limit, in the 1-D loss view: the secant through (x, L(x)) and (x + h, L(x + h))
at the watched run's point, with its slope, and a slider that shrinks h from 1 to 0.0001, so the
secant turns into the tangent (View → Secant, key S)."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSlider

from ..model.secant import SECANT_STEPS, secant, secant_h
from .i18n import tr
from .polyline import Polyline
from .style import Style


def slope_text(value: float) -> str:
    """A secant's slope with up to 6 significant digits and no trailing zeros: 5, 4.1, 4.01, 4.001."""
    return f"{value:.6g}".replace("-", "−")


class SecantBar(QFrame):
    """The slider for h, laid over the top of the view."""

    h_changed = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SECANT_STEPS)
        self.slider.setPageStep(10)  # a decade: h = 1, 0.1, 0.01, …
        self.slider.valueChanged.connect(self._on_moved)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.label)
        layout.addWidget(self.slider, 1)
        self._show_h()

    @property
    def h(self) -> float:
        return secant_h(self.slider.value())

    def _on_moved(self, _value: int) -> None:
        self._show_h()
        self.h_changed.emit(self.h)

    def _show_h(self) -> None:
        self.label.setText(tr("secant: h = {0}").format(f"{self.h:.4g}"))

    def retranslate(self) -> None:
        self._show_h()
        self.slider.setToolTip(tr("Shrink h: the secant through x and x + h turns into the tangent"))


class Secant:
    """The secant's line and caption in a plot, and its slider over the view."""

    def __init__(self, view):
        self._view = view
        self.on = False
        self._problem = None
        self._last = None  # (track, here) of the last frame
        self.values: dict = {}  # what the caption shows (tests read it)
        plot = view.getPlotItem()
        self.line = Polyline()
        self.line.setZValue(14)
        self.points = pg.ScatterPlotItem()
        self.points.setZValue(16)
        self.label = pg.TextItem(anchor=(1, 0))
        self.label.setZValue(40)
        for item in (self.line, self.points, self.label):
            plot.addItem(item)
        self.bar = SecantBar(view)
        self.bar.h_changed.connect(lambda _h: self.redraw())
        self._show()

    def apply_style(self, style: Style) -> None:
        color = style.step
        self.line.setPen(pg.mkPen(color, width=style.width(2.5)))
        self.points.setPen(pg.mkPen(color, width=style.width(2)))
        self.points.setBrush(pg.mkBrush(style.background))
        self.points.setSize(style.width(10))
        font = QFont()
        font.setPointSizeF(12 * style.scale)
        self.label.setFont(font)
        self.bar.setFont(font)
        self.label.setColor(style.foreground)
        self.label.fill = pg.mkBrush(style.background)
        self.label.border = pg.mkPen(color, width=style.width(1.5))
        self.place_bar()

    def retranslate(self) -> None:
        self.bar.retranslate()

    def set_problem(self, problem) -> None:
        self._problem = problem
        self._last = None
        self._show()

    def set_on(self, on: bool) -> None:
        self.on = bool(on)
        self._show()
        self.redraw()

    def _show(self) -> None:
        shown = self.on and self._problem is not None and self._problem.dim == 1
        for item in (self.line, self.points, self.label):
            item.setVisible(shown)
        self.bar.setVisible(shown)
        if shown:
            self.place_bar()
        else:
            self.values = {}

    def place_bar(self) -> None:
        """Across the top of the view, below its title."""
        view = self._view
        width = min(view.width() - 20, round(360 * max(1.0, self.bar.font().pointSizeF() / 12)))
        self.bar.setFixedWidth(max(width, 120))
        self.bar.adjustSize()
        self.bar.move(view.width() - self.bar.width() - 10, round(view.height() * 0.1))
        self.bar.raise_()

    def draw(self, track, here) -> None:
        self._last = (track, here)
        self.redraw()

    def redraw(self) -> None:
        if not (self.on and self._last is not None and self._problem is not None and self._problem.dim == 1):
            return
        track, _ = self._last
        x, h = float(track.params[0]), self.bar.h
        low, high, slope = secant(self._problem, x, h)
        if not np.isfinite([low, high, slope]).all():
            self.line.setData([], [])
            self.points.setData([], [])
            self.label.setText("")
            return
        self.values = {"x": x, "h": h, "slope": slope, "tangent": float(track.gradient[0])}
        (x0, x1), (_, y1) = self._view.getPlotItem().getViewBox().viewRange()
        reach = 0.3 * (x1 - x0) + h  # the line runs a little beyond both points
        xs = np.array([x - reach, x + h + reach])
        self.line.setData(xs, low + slope * (xs - x))
        self.points.setData([x, x + h], [low, high])
        text = tr("secant's slope\n(L(x + h) − L(x)) / h = {0}\ntangent's slope L′(x) = {1}")
        self.label.setText(text.format(slope_text(slope), slope_text(float(track.gradient[0]))))
        # Right under the slider, at the right edge: where the eye already is.
        box = self._view.getPlotItem().getViewBox()
        below = self._view.mapToScene(0, self.bar.geometry().bottom() + 6)
        self.label.setPos(x1, box.mapSceneToView(below).y())

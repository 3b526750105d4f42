"""Parameter space: the loss curve with its tangent (1-D) or the loss landscape (2-D), the path taken,
the current point and the step about to be taken. Clicking, or dragging the start marker, sets the
start."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsItem

from ..engine import Problem
from .arrow import Arrow
from .landscape import Curve, Surface
from .plot_style import PlotView, style_plot
from .style import DARK, Style, clip_for_display, format_number

TANGENT_HALF_WIDTH = 0.22  # of the domain's width, each side of the point
TRAIL_POINTS = 60  # earlier iterates shown as dots in 1-D
GRADIENT_ARROW_PX = 70


def tr(text: str) -> str:
    return QCoreApplication.translate("ParameterView", text)


class ParameterView(PlotView):
    start_requested = Signal(object)  # a tuple of floats

    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent=parent)
        self._style = style
        self._problem: Problem | None = None
        self._curve: Curve | None = None
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        self.setAccessibleName(tr("Parameter space"))

        self.image = pg.ImageItem(axisOrder="col-major")
        self.image.setZValue(-10)
        self.contours = pg.PlotCurveItem()
        self.contours.setZValue(-5)
        for item in (self.image, self.contours):  # static: painted once per zoom, not per frame
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.loss_curve = pg.PlotCurveItem()
        self.tangent = pg.PlotCurveItem()
        self.trail = pg.PlotCurveItem()
        self.trail_dots = pg.ScatterPlotItem()
        self.minima = pg.ScatterPlotItem(symbol="star")
        self.saddles = pg.ScatterPlotItem(symbol="x")
        self.current = pg.ScatterPlotItem()
        self.current.setZValue(30)
        for item in (self.image, self.contours, self.loss_curve, self.tangent, self.trail, self.trail_dots,
                     self.minima, self.saddles, self.current):
            plot.addItem(item)
        self.step_arrow = Arrow(plot, style.step)
        self.gradient_arrow = Arrow(plot, style.gradient)
        self.next_step = pg.PlotCurveItem()
        self.next_step.setZValue(25)
        plot.addItem(self.next_step)
        self.slope_label = pg.TextItem(anchor=(0, 1))
        self.slope_label.setZValue(40)
        plot.addItem(self.slope_label)
        self.start_marker = pg.TargetItem(size=18, symbol="crosshair", movable=True)
        self.start_marker.setZValue(35)
        self.start_marker.setToolTip(tr("The start: drag it, or click anywhere, to start from there"))
        plot.addItem(self.start_marker)
        self.start_marker.sigPositionChangeFinished.connect(self._on_marker_moved)
        self.scene().sigMouseClicked.connect(self._on_clicked)
        self.apply_style(style)

    # --- configuration ------------------------------------------------------------------------

    def apply_style(self, style: Style) -> None:
        self._style = style
        style_plot(self, style)
        w = style.width
        self.loss_curve.setPen(pg.mkPen(style.foreground, width=w(2.5)))
        self.tangent.setPen(pg.mkPen(style.point, width=w(2), style=Qt.PenStyle.DashLine))
        self.contours.setPen(pg.mkPen(style.contour, width=w(1)))
        self.contours.setOpacity(0.55)
        self.trail.setPen(pg.mkPen(style.tracks[0], width=w(2.5)))
        self.trail_dots.setPen(pg.mkPen(None))
        self.trail_dots.setBrush(pg.mkBrush(style.tracks[0]))
        self.trail_dots.setSize(w(7))
        self.current.setPen(pg.mkPen(style.background, width=w(2)))
        self.current.setBrush(pg.mkBrush(style.point))
        self.current.setSize(w(15))
        for markers in (self.minima, self.saddles):
            markers.setPen(pg.mkPen(style.background, width=w(1)))
            markers.setBrush(pg.mkBrush(style.minimum))
            markers.setSize(w(18))
        self.step_arrow.set_style(style.step, w(3), w(18))
        self.gradient_arrow.set_style(style.gradient, w(3), w(18))
        self.next_step.setPen(pg.mkPen(style.step, width=w(2.5), style=Qt.PenStyle.DotLine))
        self.slope_label.setColor(style.foreground)
        font = QFont()
        font.setPointSizeF(12 * style.scale)
        self.slope_label.setFont(font)
        self.start_marker.setPen(pg.mkPen(style.foreground, width=w(2)))
        if self._problem is not None:
            self._set_colormap()

    def set_problem(self, problem: Problem) -> None:
        self._problem = problem
        self._curve = None
        plot = self.getPlotItem()
        names = problem.param_names
        one_d = problem.dim == 1
        plot.setLabel("bottom", names[0])
        plot.setLabel("left", tr("loss") if one_d else (names[1] if problem.dim == 2 else ""))
        for item in (self.image, self.contours):
            item.setVisible(problem.dim == 2)
        for item in (self.loss_curve, self.tangent, self.slope_label, self.trail_dots):
            item.setVisible(one_d)
        self.next_step.setVisible(not one_d)
        self.step_arrow.hide()
        self.gradient_arrow.hide()
        self.image.clear()
        self.contours.setData([], [])
        self.loss_curve.setData([], [])
        minima = np.array(problem.global_minima or problem.minima, dtype=float).reshape(-1, problem.dim)
        saddles = np.array(problem.saddle_points, dtype=float).reshape(-1, problem.dim)
        if problem.dim == 2:
            self.minima.setData(minima[:, 0], minima[:, 1])
            self.saddles.setData(saddles[:, 0], saddles[:, 1])
            (x0, x1), (y0, y1) = problem.domain
            plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
            self.minima.setToolTip(tr("A minimum of the loss"))
        else:
            self.minima.setData([], [])
            self.saddles.setData([], [])
            plot.setRange(xRange=problem.domain[0], padding=0.02)
        self.setEnabled(problem.dim <= 2)

    def set_landscape(self, landscape) -> None:
        problem = self._problem
        if problem is None:
            return
        if isinstance(landscape, Curve):
            self._curve = landscape
            self.loss_curve.setData(landscape.x, landscape.loss)
            lo, hi = float(landscape.loss.min()), float(landscape.loss.max())
            self.getPlotItem().setRange(xRange=problem.domain[0], yRange=(lo, hi), padding=0.05)
            if problem.dim == 1 and problem.minima:
                xs = np.array(problem.global_minima or problem.minima, dtype=float)[:, 0]
                ys = np.interp(xs, landscape.x, landscape.loss)
                self.minima.setData(xs, ys)
        elif isinstance(landscape, Surface):
            self._set_colormap()
            self.image.setImage(landscape.image, autoLevels=False, levels=landscape.levels)
            x, y = landscape.x, landscape.y
            dx, dy = (x[-1] - x[0]) / (len(x) - 1), (y[-1] - y[0]) / (len(y) - 1)
            self.image.setRect(QRectF(x[0] - dx / 2, y[0] - dy / 2, x[-1] - x[0] + dx, y[-1] - y[0] + dy))
            self.contours.setData(landscape.contours[:, 0], landscape.contours[:, 1],
                                  connect=landscape.connect)

    def _set_colormap(self) -> None:
        cmap = pg.colormap.get(self._style.colormap)
        self.image.setLookupTable(cmap.getLookupTable(nPts=256))

    # --- drawing ------------------------------------------------------------------------------

    def draw(self, snap, start) -> None:
        problem = self._problem
        if problem is None or problem.dim > 2:
            return
        track = snap.lead
        dom = problem.domain
        if problem.dim == 1:
            self._draw_1d(track, start, dom[0])
        else:
            self._draw_2d(track, start, dom)

    def _draw_1d(self, track, start, dom) -> None:
        lo, hi = dom
        x = float(clip_for_display(np.array([track.params[0]]), lo, hi)[0])
        y = float(track.loss)
        slope = float(track.gradient[0])
        self.current.setData([x], [y])
        half = TANGENT_HALF_WIDTH * (hi - lo)
        xs = np.array([x - half, x + half])
        self.tangent.setData(xs, y + slope * (xs - x))
        self.slope_label.setText(tr("slope f′(x) = {0}").format(format_number(slope)))
        # Beside the point, on the side with more room.
        right = x < (lo + hi) / 2
        self.slope_label.setAnchor((0, 1) if right else (1, 1))
        self.slope_label.setPos(x + (0.04 if right else -0.04) * (hi - lo), y)
        nx = float(clip_for_display(np.array([track.next_params[0]]), lo, hi)[0])
        self.step_arrow.set((x, y), (nx, y))
        hx = clip_for_display(track.history_params[-TRAIL_POINTS:, 0], lo, hi)
        hy = track.history_loss[-TRAIL_POINTS:]
        self.trail_dots.setData(hx, hy)
        self.trail.setData([], [])
        if self._curve is not None:
            sx = float(start[0])
            self.start_marker.setPos(sx, float(np.interp(sx, self._curve.x, self._curve.loss)))

    def _draw_2d(self, track, start, dom) -> None:
        (x0, x1), (y0, y1) = dom
        hx = clip_for_display(track.history_params[:, 0], x0, x1)
        hy = clip_for_display(track.history_params[:, 1], y0, y1)
        self.trail.setData(hx, hy)
        px = float(clip_for_display(np.array([track.params[0]]), x0, x1)[0])
        py = float(clip_for_display(np.array([track.params[1]]), y0, y1)[0])
        self.current.setData([px], [py])
        # Which way is downhill (−∇L, at a fixed length on screen), and where the step goes.
        self.gradient_arrow.point((px, py), -np.asarray(track.gradient, float), GRADIENT_ARROW_PX)
        nx = clip_for_display(track.next_params[:1], x0, x1)[0]
        ny = clip_for_display(track.next_params[1:2], y0, y1)[0]
        self.next_step.setData([px, nx], [py, ny])
        self.start_marker.setPos(float(start[0]), float(start[1]))

    # --- the start, chosen with the mouse -----------------------------------------------------

    def _on_marker_moved(self, marker) -> None:
        pos = marker.pos()
        self._request_start(pos.x(), pos.y())

    def _on_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.isAccepted() and event.double():
            return
        vb = self.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        point = vb.mapSceneToView(event.scenePos())
        self._request_start(point.x(), point.y())

    def _request_start(self, x: float, y: float) -> None:
        problem = self._problem
        if problem is None or problem.dim > 2:
            return
        self.start_requested.emit((x,) if problem.dim == 1 else (x, y))

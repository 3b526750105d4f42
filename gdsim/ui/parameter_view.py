"""Parameter space: the loss curve with its tangent (1-D) or the loss landscape (2-D), each optimizer's
path and current point, and the step about to be taken — whole, or in its parts (the gradient step,
what momentum or rescaling adds, the step taken). Clicking, or dragging the start marker, sets the
start."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsItem

from ..engine import Problem
from ..model.landscape import Curve, Surface
from .arrow import Arrow
from .i18n import tr
from .plot_style import PlotView, keep_inside, style_plot
from .style import DARK, Style, clip_for_display, format_number
from .update_parts import update_parts

TANGENT_HALF_WIDTH = 0.22  # of the domain's width, each side of the point
TRAIL_POINTS = 60  # earlier iterates shown as dots in 1-D
GRADIENT_ARROW_PX = 70


class _TrackItems:
    """One optimizer's path and current point."""

    def __init__(self, plot: pg.PlotItem):
        self.trail = pg.PlotCurveItem()
        self.dots = pg.ScatterPlotItem()
        self.point = pg.ScatterPlotItem()
        self.point.setZValue(30)
        for item in (self.trail, self.dots, self.point):
            plot.addItem(item)

    def style(self, style: Style, color: str) -> None:
        w = style.width
        self.trail.setPen(pg.mkPen(color, width=w(2.5)))
        self.dots.setPen(pg.mkPen(None))
        self.dots.setBrush(pg.mkBrush(color))
        self.dots.setSize(w(7))
        self.point.setPen(pg.mkPen(style.background, width=w(2)))
        self.point.setBrush(pg.mkBrush(color))
        self.point.setSize(w(15))

    def clear(self) -> None:
        for item in (self.trail, self.dots, self.point):
            item.setData([], [])


class ParameterView(PlotView):
    start_requested = Signal(object)  # a tuple of floats

    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent=parent)
        self._style = style
        self._problem: Problem | None = None
        self._curve: Curve | None = None
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)

        self.image = pg.ImageItem(axisOrder="col-major")
        self.image.setZValue(-10)
        self.contours = pg.PlotCurveItem()
        self.contours.setZValue(-5)
        for item in (self.image, self.contours):  # static: painted once per zoom, not per frame
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.loss_curve = pg.PlotCurveItem()
        self.tangent = pg.PlotCurveItem()
        self.minima = pg.ScatterPlotItem(symbol="star")
        self.saddles = pg.ScatterPlotItem(symbol="x")
        for item in (self.image, self.contours, self.loss_curve, self.tangent, self.minima, self.saddles):
            plot.addItem(item)
        self.tracks: list[_TrackItems] = []

        self.step_arrow = Arrow(plot, style.step)
        self.gradient_arrow = Arrow(plot, style.gradient)
        self.next_step = pg.PlotCurveItem()
        self.next_step.setZValue(25)
        plot.addItem(self.next_step)
        # The parts of one update, for stepping through it in class.
        self.part_arrows = [Arrow(plot, color) for color in (style.gradient, style.correction, style.step)]
        self.part_labels = [pg.TextItem(anchor=(0.5, 1)) for _ in self.part_arrows]
        self.slope_label = pg.TextItem(anchor=(0, 1))
        for label in (*self.part_labels, self.slope_label):
            label.setZValue(40)
            plot.addItem(label)
        self.start_marker = pg.TargetItem(size=18, symbol="crosshair", movable=True)
        self.start_marker.setZValue(35)
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
        self.contours.setOpacity(style.contour_opacity)
        for i, items in enumerate(self.tracks):
            items.style(style, style.track(i))
        for markers in (self.minima, self.saddles):
            markers.setPen(pg.mkPen(style.background, width=w(1)))
            markers.setBrush(pg.mkBrush(style.minimum))
            markers.setSize(w(18))
        self.step_arrow.set_style(style.step, w(3), w(18))
        self.gradient_arrow.set_style(style.gradient, w(3), w(18))
        colors = (style.gradient, style.correction, style.step)
        for arrow, color in zip(self.part_arrows, colors, strict=True):
            arrow.set_style(color, w(3), w(18))
        self.next_step.setPen(pg.mkPen(style.step, width=w(2.5), style=Qt.PenStyle.DotLine))
        font = QFont()
        font.setPointSizeF(12 * style.scale)
        for label in (self.slope_label, *self.part_labels):
            label.setColor(style.foreground)
            label.setFont(font)
        self.start_marker.setPen(pg.mkPen(style.foreground, width=w(2)))
        self.start_marker.setScale(style.scale)
        if self._problem is not None:
            self._set_colormap()

    def set_problem(self, problem: Problem) -> None:
        self._problem = problem
        self._curve = None
        plot = self.getPlotItem()
        one_d = problem.dim == 1
        self.retranslate()
        for item in (self.image, self.contours):
            item.setVisible(problem.dim == 2)
        for item in (self.loss_curve, self.tangent, self.slope_label):
            item.setVisible(one_d)
        self._hide_step()
        for items in self.tracks:
            items.clear()
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
        else:
            self.minima.setData([], [])
            self.saddles.setData([], [])
            plot.setRange(xRange=problem.domain[0], padding=0.02)
        self.setEnabled(problem.dim <= 2)

    def retranslate(self) -> None:
        self.setAccessibleName(tr("Parameter space"))
        self.start_marker.setToolTip(tr("The start: drag it, or click anywhere, to start from there"))
        self.minima.setToolTip(tr("A minimum of the loss"))
        problem = self._problem
        if problem is not None:
            names = problem.param_names
            plot = self.getPlotItem()
            plot.setLabel("bottom", names[0])
            plot.setLabel("left", tr("loss") if problem.dim == 1 else (names[1] if problem.dim == 2 else ""))

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

    def draw(self, snap, step_parts: bool = False) -> None:
        """Every optimizer's path and point; for the watched one, the tangent and the next step
        (whole, or in parts); the start."""
        problem = self._problem
        if problem is None or problem.dim > 2:
            return
        while len(self.tracks) < len(snap.tracks):
            items = _TrackItems(self.getPlotItem())
            items.style(self._style, self._style.track(len(self.tracks)))
            self.tracks.append(items)
        for items in self.tracks[len(snap.tracks):]:
            items.clear()
        for items, track in zip(self.tracks, snap.tracks, strict=False):
            self._draw_track(items, track)
        track = snap.watched_track
        here = self._point(track.params, track.loss)
        if problem.dim == 1:
            self._draw_tangent(track, here)
        self._hide_step()
        if step_parts and track.status == "running":
            self._draw_parts(track, here)
        elif problem.dim == 1:
            self.step_arrow.set(here, (self._clip(track.next_params)[0], here[1]))
        else:
            # Which way is downhill (−∇L, at a fixed length on screen), and where the step goes.
            self.gradient_arrow.point(here, -np.asarray(track.gradient, float), GRADIENT_ARROW_PX)
            after = self._clip(track.next_params)
            self.next_step.setData([here[0], after[0]], [here[1], after[1]])
        self._draw_start(snap.start)

    def _clip(self, params) -> np.ndarray:
        """Params (d,) kept within what Qt can draw, relative to the domain."""
        return np.array([clip_for_display(np.array([v]), *dom)[0]
                         for v, dom in zip(params, self._problem.domain, strict=True)])

    def _point(self, params, loss) -> tuple[float, float]:
        """Where a point is drawn: (x, loss) in 1-D, (x, y) in 2-D."""
        p = self._clip(params)
        return (float(p[0]), float(loss)) if len(p) == 1 else (float(p[0]), float(p[1]))

    def _draw_track(self, items: _TrackItems, track) -> None:
        here = self._point(track.params, track.loss)
        items.point.setData([here[0]], [here[1]])
        dom = self._problem.domain
        if self._problem.dim == 1:
            items.dots.setData(clip_for_display(track.history_params[-TRAIL_POINTS:, 0], *dom[0]),
                               track.history_loss[-TRAIL_POINTS:])
        else:
            items.trail.setData(clip_for_display(track.history_params[:, 0], *dom[0]),
                                clip_for_display(track.history_params[:, 1], *dom[1]))

    def _draw_tangent(self, track, here) -> None:
        (lo, hi), (x, y) = self._problem.domain[0], here
        slope = float(track.gradient[0])
        half = TANGENT_HALF_WIDTH * (hi - lo)
        xs = np.array([x - half, x + half])
        self.tangent.setData(xs, y + slope * (xs - x))
        self.slope_label.setText(tr("slope L′(x) = {0}").format(format_number(slope)))
        right = x < (lo + hi) / 2  # beside the point, on the side with more room
        gap = (0.04 if right else -0.04) * (hi - lo)
        keep_inside(self, self.slope_label, x + gap, y, 0 if right else 1, 1)

    def _draw_parts(self, track, here) -> None:
        """The gradient step, what momentum or rescaling adds to it, and the step taken."""
        one_d = self._problem.dim == 1
        base = np.array(here)
        spacing = 0.06 * np.ptp(self.getPlotItem().getViewBox().viewRange()[1])
        for i, part in enumerate(update_parts(track)):
            start, end = np.array(part.start, float), np.array(part.end, float)
            if one_d:
                # In 1-D the parts lie on one line: draw them at stacked heights to tell them apart.
                lift = np.array([0.0, spacing * (i + 1)])
                a, b = base + lift + [start[0], 0.0], base + lift + [end[0], 0.0]
            else:
                a, b = base + start, base + end
            self.part_arrows[part.kind].set(a, b)
            label = self.part_labels[part.kind]
            label.setText(part.caption)
            keep_inside(self, label, *((a + b) / 2), 0.5, 1)
            label.show()

    def _hide_step(self) -> None:
        self.step_arrow.hide()
        self.gradient_arrow.hide()
        self.next_step.setData([], [])
        for arrow, label in zip(self.part_arrows, self.part_labels, strict=True):
            arrow.hide()
            label.hide()

    def _draw_start(self, start) -> None:
        if self._problem.dim == 2:
            self.start_marker.setPos(float(start[0]), float(start[1]))
        elif self._curve is not None:
            sx = float(start[0])
            self.start_marker.setPos(sx, float(np.interp(sx, self._curve.x, self._curve.loss)))

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

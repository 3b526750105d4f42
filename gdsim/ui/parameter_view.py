"""Parameter space: the loss curve with its tangent (1-D) or the loss landscape with a colour bar (2-D),
each optimizer's path and current point, and the step about to be taken — whole, or in its parts (the
gradient step, what momentum or rescaling adds, the step taken). A run whose point has left the view
is marked at the edge with its coordinates. Clicking, or dragging the start marker, sets the start.
A problem of more than two parameters is drawn in the plane of two of them (``set_plane``), the others
held where the landscape says: its runs are projected onto that plane (``gdsim.model.plane``)."""

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsItem

from ..engine import Problem
from ..model.landscape import Surface, default_plane
from ..model.plane import plane_problem, projected
from ..model.prepare import gradient_norm_at_start
from .arrow import Arrow
from .basin_layer import BasinLayer
from .color_bar import LossColorBar
from .i18n import tr
from .marker import Marker
from .placement import Placer
from .plot_style import PlotView, outline_pen, run_pen, style_plot
from .polyline import Polyline
from .sample_note import SampleNote
from .secant_view import Secant
from .style import DARK, RunLook, Style, clip_for_display, format_number
from .update_parts import update_parts

TANGENT_HALF_WIDTH = 0.22  # of the shown width, each side of the point
TRAIL_POINTS = 60  # the latest iterates, also drawn as dots in 1-D
CURVE_POINTS = 801  # the 1-D curve is computed afresh over whatever x range is shown
# The −∇L arrow: its length on screen is proportional to |∇L|, reaching GRADIENT_MAX_PX (× the UI
# scale) at the gradient norm of the problem's own start and never shorter than GRADIENT_MIN_PX.
GRADIENT_MIN_PX, GRADIENT_MAX_PX = 28.0, 100.0
PARTS_MIN_PX = 80.0  # the parts of a step are drawn magnified until the longest is this long
_NICE = (1, 2, 5)
EDGE_INSET_PX = 12.0  # how far inside the edge a run that has left the view is marked
LABEL_AVOIDS_SEGMENTS = 100  # the latest segments of each path that labels keep off


def set_points(item: pg.ScatterPlotItem, x, y) -> None:
    """Points of a ScatterPlotItem, hidden while it has none: an empty one still costs Qt a call of
    its paint, ~0.2 ms in Python, each frame its view is painted."""
    item.setData(x, y)
    item.setVisible(len(x) > 0)


def magnification(longest_px: float, wanted_px: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, … that makes a length of longest_px at least wanted_px."""
    if not longest_px > 0 or longest_px >= wanted_px:
        return 1
    need = wanted_px / longest_px
    decade = 1
    while True:
        for nice in _NICE:
            if nice * decade >= need:
                return nice * decade
        decade *= 10


class _TrackItems:
    """One optimizer's path (over an outline), current point, and the marker at the
    edge of the view that stands for the point while it is outside."""

    def __init__(self, plot: pg.PlotItem):
        self.trail = Polyline()  # its outline is the shadow pen: one path, drawn twice
        self.dots = pg.ScatterPlotItem()
        self.point = Marker()
        self.edge = Marker()
        self.edge_label = pg.TextItem(anchor=(0, 0.5))
        for item, z in ((self.trail, 10), (self.dots, 11), (self.point, 30),
                        (self.edge, 32), (self.edge_label, 42)):
            item.setZValue(z)
            plot.addItem(item, ignoreBounds=isinstance(item, Marker))
        self.dots.hide()  # 1-D only
        self.edge.hide()
        self.edge_label.hide()

    def style(self, style: Style, look: RunLook) -> None:
        w = style.width
        self.trail.setPen(run_pen(look, w(2.5)))
        self.trail.setShadowPen(outline_pen(look, w(5)))
        self.dots.setPen(pg.mkPen(look.outline, width=w(1)))
        self.dots.setBrush(pg.mkBrush(look.color))
        self.dots.setSize(w(7))
        self.point.setPen(pg.mkPen(look.outline, width=w(2)))
        self.point.setBrush(pg.mkBrush(look.color))
        self.point.setSymbol(look.symbol)
        self.point.setSize(w(15))
        self.edge.setPen(pg.mkPen(look.outline, width=w(1.5)))
        self.edge.setBrush(pg.mkBrush(look.color))
        self.edge.setSize(w(20))
        font = QFont()
        font.setPointSizeF(10 * style.scale)
        self.edge_label.setFont(font)
        self.edge_label.setColor(style.foreground)
        self.edge_label.fill = pg.mkBrush(style.background)
        self.edge_label.border = pg.mkPen(look.color, width=w(1.5))

    def clear(self) -> None:
        for item in (self.trail, self.point):
            item.setData([], [])
        set_points(self.dots, [], [])
        self.edge.hide()
        self.edge_label.hide()


class ParameterView(PlotView):
    start_requested = Signal(object)  # a tuple of floats
    cell_clicked = Signal(int)  # a cell of the basin map shown: the index of its start

    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent=parent)
        self._style = style
        self._problem: Problem | None = None  # the problem drawn: of two parameters, ``_plane``'s if more
        self._real_problem: Problem | None = None  # the problem the runs step on
        self._plane: tuple[int, int] | None = None  # the two shown, of more than two parameters
        self._held: tuple[float, ...] | None = None  # where the others are held in the landscape shown
        self._full_start: tuple[float, ...] | None = None
        self._equal_axes = False
        self._home = ((0.0, 1.0), (0.0, 1.0))  # the range Reset returns to
        self._curve_span = None  # the x range the 1-D curve was computed for
        self._gradient_reference = 1.0
        self._snap = None  # the last snapshot drawn, redrawn when the view moves
        self._start_loss = None  # (what for, the loss at the start): see _draw_start
        self._step_parts = False
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)

        self.image = pg.ImageItem(axisOrder="col-major")
        self.image.setZValue(-10)
        self.contours = pg.PlotCurveItem()
        self.contours.setZValue(-5)
        for item in (self.image, self.contours):  # static: painted once per zoom, not per frame
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.color_bar = LossColorBar(plot)
        self.sample_note = SampleNote(plot)  # a landscape estimated from some of the samples says so
        self._estimated_from = (0, 0)  # (samples, of how many) of the landscape shown, if estimated
        self.loss_curve = pg.PlotCurveItem(connect="finite")  # a gap where the loss is not defined
        # computed anew only when the view moves: painted from a pixmap meanwhile (801 points)
        self.loss_curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.tangent = Polyline()
        self.tangent.setZValue(15)
        self.minima = pg.ScatterPlotItem(symbol="star")
        self.saddles = pg.ScatterPlotItem(symbol="x")
        for item in (self.minima, self.saddles):  # still until the problem or the view changes
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        for item in (self.image, self.contours, self.loss_curve, self.tangent, self.minima, self.saddles):
            plot.addItem(item)
        self.tracks: list[_TrackItems] = []

        self.step_arrow = Arrow(plot, style.step)
        self.gradient_arrow = Arrow(plot, style.gradient)
        self.next_step = Polyline()
        self.next_step.setZValue(25)
        plot.addItem(self.next_step)
        # The parts of one update, for stepping through it in class.
        self.part_arrows = [Arrow(plot, color) for color in (style.gradient, style.correction, style.step)]
        self.part_labels = [pg.TextItem(anchor=(0.5, 1)) for _ in self.part_arrows]
        self.parts_scale_label = pg.TextItem(anchor=(0, 0))
        self.slope_label = pg.TextItem(anchor=(0, 1))
        for label in (*self.part_labels, self.parts_scale_label, self.slope_label):
            label.setZValue(40)
            plot.addItem(label)
        self.parts_magnified = 1  # how many times as long as they are the parts of a step are drawn
        self._parts_shown = True  # until hidden: the labels below are made visible
        # Nesterov in the parts: Ruder's point φ and its look-ahead jump −μ·v to where ∇L is taken.
        self.lookahead_line = pg.PlotCurveItem()
        self.lookahead_point = pg.ScatterPlotItem(symbol="o")
        self.lookahead_label = pg.TextItem(anchor=(0.5, 1))
        for item, z in ((self.lookahead_line, 24), (self.lookahead_point, 26), (self.lookahead_label, 40)):
            item.setZValue(z)
            plot.addItem(item)
        self.secant = Secant(self)  # the derivative as a limit (1-D only, when asked for)
        self.basins = BasinLayer(plot)
        self.start_marker = pg.TargetItem(size=18, symbol="crosshair", movable=True)
        self.start_marker.setZValue(35)
        plot.addItem(self.start_marker)
        self.start_marker.sigPositionChangeFinished.connect(self._on_marker_moved)
        self.scene().sigMouseClicked.connect(self._on_clicked)
        plot.getViewBox().sigRangeChanged.connect(self._on_range_changed)
        self.apply_style(style)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        secant = self.__dict__.get("secant")  # resized before __init__ makes it
        if secant is not None and secant.bar.isVisible():
            secant.place_bar()

    # --- configuration ------------------------------------------------------------------------

    def apply_style(self, style: Style) -> None:
        self._style = style
        style_plot(self, style)
        w = style.width
        self.loss_curve.setPen(pg.mkPen(style.foreground, width=w(2.5)))
        self.tangent.setPen(pg.mkPen(style.tangent, width=w(2.5), style=Qt.PenStyle.DashLine))
        self.contours.setPen(pg.mkPen(style.contour, width=w(1)))
        self.contours.setOpacity(style.contour_opacity)
        for i, items in enumerate(self.tracks):
            items.style(style, style.run(i))
        for markers in (self.minima, self.saddles):
            markers.setPen(pg.mkPen(style.background, width=w(1)))
            markers.setBrush(pg.mkBrush(style.minimum))
            markers.setSize(w(18))
        self.step_arrow.set_style(style.step, w(3), w(18))
        self.gradient_arrow.set_style(style.gradient, w(3), w(18))
        colors = (style.gradient, style.correction, style.step)
        for arrow, color in zip(self.part_arrows, colors, strict=True):
            arrow.set_style(color, w(4), w(22))
        self.next_step.setPen(pg.mkPen(style.step, width=w(2.5), style=Qt.PenStyle.DotLine))
        font = QFont()
        font.setPointSizeF(12 * style.scale)
        for label, color in ((self.slope_label, style.tangent), *zip(self.part_labels, colors, strict=True),
                             (self.parts_scale_label, style.foreground)):
            label.setColor(style.foreground)
            label.setFont(font)
            label.fill = pg.mkBrush(style.background)
            label.border = pg.mkPen(color, width=w(1.5))
        self.lookahead_line.setPen(pg.mkPen(style.correction, width=w(2.5), style=Qt.PenStyle.DashLine))
        self.lookahead_point.setPen(pg.mkPen(style.correction, width=w(2.5)))
        self.lookahead_point.setBrush(pg.mkBrush(style.background))
        self.lookahead_point.setSize(w(14))
        self.lookahead_label.setColor(style.foreground)
        self.lookahead_label.setFont(font)
        self.lookahead_label.fill = pg.mkBrush(style.background)
        self.lookahead_label.border = pg.mkPen(style.correction, width=w(1.5))
        self.basins.apply_style(style)
        self.start_marker.setPen(pg.mkPen(style.foreground, width=w(2)))
        self.start_marker.setScale(style.scale)
        self.color_bar.apply_style(style)
        self.sample_note.apply_style(style)
        self.secant.apply_style(style)
        if self._problem is not None:
            self._set_colormap()
        self._redraw()

    def set_problem(self, problem: Problem, plane: tuple[int, int] | None = None) -> None:
        """The problem to draw; one of more than two parameters in the plane of two of them (``plane``,
        by default the first and the last), the others held as the landscape says."""
        before, before_plane = self._real_problem, self._plane
        self._real_problem = problem
        if problem.dim > 2:
            if plane is None or not (max(plane) < problem.dim and plane[0] != plane[1]):
                plane = default_plane(problem.dim)
            self._plane = plane
            shown = plane_problem(problem, plane, problem.start)
        else:
            self._plane = None
            shown = problem
        if (before is not None and problem.dim >= 2 and before.param_names == problem.param_names
                and before.domain == problem.domain and plane == before_plane):
            self._go_on_with(shown)
            return
        self._held = problem.start if self._plane is not None else None
        self._show_title()
        problem = shown
        self._problem = problem
        self.secant.set_problem(problem)
        self._snap = None
        self._curve_span = None
        one_d = problem.dim == 1
        self.retranslate()
        for item in (self.image, self.contours):
            item.setVisible(problem.dim == 2)
        self.color_bar.show(False)  # until the landscape is there
        self._estimated_from = (0, 0)
        self._show_sample_note()
        for item in (self.loss_curve, self.tangent, self.slope_label):
            item.setVisible(one_d)
        self._hide_step()
        for items in self.tracks:
            items.clear()
        self.basins.clear()
        self.image.clear()
        self.contours.setData([], [])
        self.loss_curve.setData([], [])
        self._gradient_reference = gradient_norm_at_start(problem)
        minima = np.array(problem.global_minima or problem.minima, dtype=float).reshape(-1, problem.dim)
        saddles = np.array(problem.saddle_points, dtype=float).reshape(-1, problem.dim)
        if problem.dim == 2:
            set_points(self.minima, minima[:, 0], minima[:, 1])
            set_points(self.saddles, saddles[:, 0], saddles[:, 1])
            self._home = problem.domain
        else:
            set_points(self.saddles, [], [])
        if one_d:
            x = np.linspace(*problem.domain[0], CURVE_POINTS)
            loss = problem.loss(x[:, None])
            loss = loss[np.isfinite(loss)]
            (x0, x1), pad = problem.domain[0], 0.02 * (problem.domain[0][1] - problem.domain[0][0])
            lo, hi = (float(loss.min()), float(loss.max())) if loss.size else (0.0, 1.0)
            margin = 0.05 * (hi - lo or 1.0)
            self._home = ((x0 - pad, x1 + pad), (lo - margin, hi + margin))
            if len(minima):
                set_points(self.minima, minima[:, 0], problem.loss(minima))
            else:
                set_points(self.minima, [], [])
        self._equal_axes = problem.equal_axes
        self._lock_aspect()
        self.reset_view()
        if one_d:
            self._update_curve()  # the range may be the same as before, and then no signal says so

    def _go_on_with(self, problem: Problem) -> None:
        """The same parameters over the same domain (the runs go on with other data, another
        activation or loss): the picture and the view stay until the new landscape comes."""
        self._problem = problem
        self._snap = None
        self._gradient_reference = gradient_norm_at_start(problem)
        minima = np.array(problem.global_minima or problem.minima, dtype=float).reshape(-1, problem.dim)
        set_points(self.minima, minima[:, 0], minima[:, 1])

    @property
    def equal_axes(self) -> bool:
        """Whether x and y are drawn at one scale (2-D problems only)."""
        return self._equal_axes and self._problem is not None and self._problem.dim == 2

    def set_equal_axes(self, on: bool) -> None:
        """One scale for both axes, so that a ravine looks long and a circle round; the whole domain
        is shown again."""
        self._equal_axes = bool(on)
        self._lock_aspect()
        self.reset_view()

    def _lock_aspect(self) -> None:
        box = self.getPlotItem().getViewBox()
        if self.equal_axes:
            box.setAspectLocked(True, ratio=1.0)
        else:
            box.setAspectLocked(False)

    def visible_region(self) -> tuple[tuple[float, float], ...]:
        """The parameters' ranges shown, within the problem's domain (where the landscape is drawn):
        ((x0, x1), (y0, y1)) in 2-D, ((x0, x1),) in 1-D. A range that lies outside the domain is
        taken as shown."""
        shown = self.getPlotItem().getViewBox().viewRange()[:self._problem.dim]
        region = []
        for (lo, hi), (d0, d1) in zip(shown, self._problem.domain, strict=True):
            a, b = max(lo, d0), min(hi, d1)
            region.append((float(a), float(b)) if a < b else (float(lo), float(hi)))
        return tuple(region)

    def reset_view(self) -> None:
        """Show the problem's domain again (after zooming or panning)."""
        (x0, x1), (y0, y1) = self._home
        self.getPlotItem().getViewBox().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def _show_title(self) -> None:
        """With more than two parameters, which two are shown and where the others are held."""
        if self._plane is None:
            self._title = None
            self.getPlotItem().setTitle(None)
            return
        names = self._real_problem.param_names
        i, j = self._plane
        held = ", ".join(f"{name} = {format_number(v, 3)}" for k, (name, v) in enumerate(
            zip(names, self._held, strict=True)) if k not in self._plane)
        self.set_title(tr("loss over {0}, {1} ({2} held)").format(names[i], names[j], held))

    def retranslate(self) -> None:
        self.setAccessibleName(tr("Parameter space"))
        if self._plane is not None:
            self._show_title()
        self.start_marker.setToolTip(tr("The start: drag it, or click anywhere, to start from there"))
        self.minima.setToolTip(tr("A minimum of the loss"))
        self.color_bar.retranslate()
        self._show_sample_note()
        self.secant.retranslate()
        problem = self._problem
        if problem is not None:
            names = problem.param_names
            plot = self.getPlotItem()
            plot.setLabel("bottom", names[0])
            plot.setLabel("left", tr("loss") if problem.dim == 1 else (names[1] if problem.dim == 2 else ""))
        self._redraw()

    def set_plane(self, plane: tuple[int, int]) -> None:
        """Show two other parameters of a problem of more than two (the view starts anew)."""
        if self._real_problem is not None and self._real_problem.dim > 2 and tuple(plane) != self._plane:
            self.set_problem(self._real_problem, tuple(plane))

    def set_landscape(self, landscape) -> None:
        """The loss over the domain, from the worker: a surface to draw as a heat map with contours
        (a 1-D curve is computed here, over whatever range is shown)."""
        if self._problem is None or not isinstance(landscape, Surface) or landscape.plane != self._plane:
            return
        if landscape.held is not None and landscape.held != self._held:
            self._held = landscape.held
            self._show_title()
        self._set_colormap()
        self.image.setImage(landscape.image, autoLevels=False, levels=landscape.levels)
        x, y = landscape.x, landscape.y
        dx, dy = (x[-1] - x[0]) / (len(x) - 1), (y[-1] - y[0]) / (len(y) - 1)
        self.image.setRect(QRectF(x[0] - dx / 2, y[0] - dy / 2, x[-1] - x[0] + dx, y[-1] - y[0] + dy))
        self.contours.setData(landscape.contours[:, 0], landscape.contours[:, 1], connect=landscape.connect)
        self.color_bar.set_surface(landscape)
        self.color_bar.show(True)
        self._estimated_from = (landscape.samples, landscape.total) if landscape.estimated else (0, 0)
        self._show_sample_note()

    def _show_sample_note(self) -> None:
        used, total = self._estimated_from
        text = tr("landscape estimated from {0} of {1} samples").format(f"{used:,}", f"{total:,}")
        self.sample_note.show(text if total else "")

    def _set_colormap(self) -> None:
        cmap = pg.colormap.get(self._style.colormap)
        self.image.setLookupTable(cmap.getLookupTable(nPts=256))

    # --- what is shown moves ------------------------------------------------------------------

    def _on_range_changed(self, *args) -> None:
        if self._problem is None:
            return
        if self._problem.dim == 1:
            self._update_curve()
        self._redraw()

    def _update_curve(self) -> None:
        """The 1-D curve over the x range shown, computed here: 801 losses of a 1-D problem take
        microseconds, far less than a round trip to the worker."""
        box = self.getPlotItem().getViewBox()
        (x0, x1), (y0, y1) = box.viewRange()
        if self._curve_span == (x0, x1) or not x1 > x0:
            return
        self._curve_span = (x0, x1)
        x = np.linspace(x0, x1, CURVE_POINTS)
        loss = self._problem.loss(x[:, None])
        self.loss_curve.setData(x, self._clip_loss(loss))

    def _clip_loss(self, loss: np.ndarray) -> np.ndarray:
        """Losses kept within what Qt can draw (far above the view is as good as infinitely far);
        NaN, where the loss is not defined (a typed log(x) left of 0), stays a gap."""
        _, (lo, hi) = self.getPlotItem().getViewBox().viewRange()
        finite = np.nan_to_num(np.asarray(loss, float), nan=np.nan, posinf=hi, neginf=lo)
        with np.errstate(invalid="ignore"):
            return clip_for_display(finite, lo, hi)

    def _redraw(self) -> None:
        if self._snap is not None:
            self._draw(self._snap, self._step_parts)

    # --- drawing ------------------------------------------------------------------------------

    def draw(self, snap, step_parts: bool = False) -> None:
        """Every optimizer's path and point; for the watched one, the tangent and the next step
        (whole, or in parts); the start."""
        if self._plane is not None:
            if snap.problem is not self._real_problem:
                return
            self._full_start = snap.start
            snap = projected(snap, self._plane, self._problem)
        problem = self._problem
        if problem is None or problem.dim > 2 or snap.problem is not problem:
            return
        self._draw(snap, step_parts)

    def _draw(self, snap, step_parts: bool) -> None:
        problem = self._problem
        self._snap, self._step_parts = snap, step_parts
        while len(self.tracks) < len(snap.tracks):
            items = _TrackItems(self.getPlotItem())
            items.style(self._style, self._style.run(len(self.tracks)))
            self.tracks.append(items)
        for items in self.tracks[len(snap.tracks):]:
            items.clear()
        for items, track in zip(self.tracks, snap.tracks, strict=False):
            self._draw_track(items, track)
        placer = Placer(self.getPlotItem().getViewBox(), self._obstacles)
        shown = self.getPlotItem().getViewBox().viewRange()
        for items, track in zip(self.tracks, snap.tracks, strict=False):
            self._mark_edge(items, track, placer, shown)  # first: its label belongs next to its marker
        track = snap.watched_track
        here = self._point(track.params, track.loss)
        if problem.dim == 1:
            self._draw_tangent(track, here, placer)
            self.secant.draw(track, here)
        if step_parts and track.status == "running":
            self._hide_step()
            self._draw_parts(track, here, placer)
        elif problem.dim == 1:
            self._hide_step(keep=(self.step_arrow,))
            self.step_arrow.set(here, (self._clip(track.next_params)[0], here[1]))
        else:
            self._hide_step(keep=(self.gradient_arrow, self.next_step))
            self._draw_gradient(track, here)
            after = self._clip(track.next_params)
            self.next_step.setData([here[0], after[0]], [here[1], after[1]])
        self._draw_start(snap.start)
        placer.add_obstacles([here, snap.start] if problem.dim == 2 else [here], weight=100)
        self.sample_note.place(placer)

    def _obstacles(self) -> np.ndarray:
        """What a label should not cover: the 1-D curve, the paths and points of the runs."""
        parts = []
        if self._problem.dim == 1:
            x, y = self.loss_curve.getData()
            if x is not None and len(x):
                parts.append(np.column_stack([x[::4], y[::4]]))
        for items in self.tracks:
            x, y = items.trail.getData()
            if x is not None and len(x):
                path = np.column_stack([x, y])[-LABEL_AVOIDS_SEGMENTS - 1:]
                along = np.linspace(0.0, 1.0, 6)[:, None, None]  # points along each segment
                parts.append((path[:-1] + along * (path[1:] - path[:-1])).reshape(-1, 2))
                parts.append(np.repeat(path[-1:], 50, axis=0))  # a run's point weighs most
        return np.concatenate(parts) if parts else np.empty((0, 2))

    def _clip(self, params) -> np.ndarray:
        """Params (d,) kept within what Qt can draw, relative to the domain (as clip_for_display)."""
        clipped = []
        for v, (lo, hi) in zip(params, self._problem.domain, strict=True):
            span = max(hi - lo, 1e-12)
            clipped.append(min(max(float(v), lo - 1e3 * span), hi + 1e3 * span))  # NaN stays NaN
        return np.array(clipped)

    def _point(self, params, loss) -> tuple[float, float]:
        """Where a point is drawn: (x, loss) in 1-D, (x, y) in 2-D."""
        p = self._clip(params)
        if len(p) == 1:
            return float(p[0]), float(self._clip_loss(np.array([loss]))[0])
        return float(p[0]), float(p[1])

    def _draw_track(self, items: _TrackItems, track) -> None:
        here = self._point(track.params, track.loss)
        items.point.setData([here[0]], [here[1]])
        dom = self._problem.domain
        xs = clip_for_display(track.history_params[:, 0], *dom[0])
        if self._problem.dim == 1:
            ys = self._clip_loss(track.history_loss)
            set_points(items.dots, xs[-TRAIL_POINTS:], ys[-TRAIL_POINTS:])
        else:
            ys = clip_for_display(track.history_params[:, 1], *dom[1])
        items.trail.setData(xs, ys)

    def _mark_edge(self, items: _TrackItems, track, placer: Placer, shown) -> None:
        """A run whose point is outside the view: a marker at the nearest edge, pointing the way to
        it, with its coordinates."""
        box = self.getPlotItem().getViewBox()
        (x0, x1), (y0, y1) = shown
        px, py = float(track.params[0]), float(track.loss if self._problem.dim == 1 else track.params[1])
        if not (math.isfinite(px) and math.isfinite(py)) or (x0 <= px <= x1 and y0 <= py <= y1):
            if items.edge.isVisible():
                items.edge.hide()
                items.edge_label.hide()
            return
        point = np.array([px, py])
        sx, sy = box.viewPixelSize()
        inset = EDGE_INSET_PX * self._style.scale
        ex = min(max(point[0], x0 + inset * sx), x1 - inset * sx)
        ey = min(max(point[1], y0 + inset * sy), y1 - inset * sy)
        # The marker points towards the run, along the direction it is farthest out in.
        out_x, out_y = (point[0] - ex) / sx, (point[1] - ey) / sy
        if abs(out_x) >= abs(out_y):
            symbol, away = ("t2", (-1, 0)) if out_x > 0 else ("t3", (1, 0))
        else:
            symbol, away = ("t1", (0, -1)) if out_y > 0 else ("t", (0, 1))
        items.edge.setData([ex], [ey], symbol=symbol)
        items.edge.show()
        placer.add_obstacles([(ex, ey)])
        names = self._problem.param_names
        if self._problem.dim == 1:
            text = f"{names[0]} = {format_number(point[0], 3)}, L = {format_number(point[1], 3)}"
        else:
            text = ", ".join(f"{n} = {format_number(v, 3)}" for n, v in zip(names, point, strict=True))
        label = items.edge_label
        label.setText(text)
        gap_x, gap_y = 1.6 * inset * sx * away[0], 1.6 * inset * sy * away[1]
        ax = 0.0 if away[0] > 0 else 1.0 if away[0] < 0 else 0.5
        ay = 0.5 if away[1] == 0 else (1.0 if away[1] > 0 else 0.0)
        placer.place(label, [(ex + gap_x, ey + gap_y, ax, ay),
                             (ex + gap_x, ey + gap_y + 2 * inset * sy, ax, ay),
                             (ex + gap_x, ey + gap_y - 2 * inset * sy, ax, ay)])
        label.show()

    def _draw_tangent(self, track, here, placer: Placer) -> None:
        (x0, x1), _ = self.getPlotItem().getViewBox().viewRange()
        x, y = here
        slope = float(track.gradient[0])
        half = TANGENT_HALF_WIDTH * (x1 - x0)
        xs = np.linspace(x - half, x + half, 24)
        ys = self._clip_loss(y + slope * (xs - x))
        self.tangent.setData(xs[[0, -1]], ys[[0, -1]])
        self.slope_label.setText(tr("slope L′(x) = {0}").format(format_number(slope)))
        placer.add_obstacles(np.column_stack([xs, ys]))
        placer.add_obstacles(np.repeat([here], 100, axis=0))  # the point above all must stay seen
        (_, _), (y0, y1) = self.getPlotItem().getViewBox().viewRange()
        gap = 0.04 * (x1 - x0)
        right = x < (x0 + x1) / 2  # beside the point on the side with more room comes first
        sides = [(x + gap, 0.0), (x - gap, 1.0)] if right else [(x - gap, 1.0), (x + gap, 0.0)]
        candidates = [(sx, y, ax, ay) for ay in (1.0, 0.0) for sx, ax in sides]
        candidates += [(x0, y1, 0.0, 0.0), ((x0 + x1) / 2, y1, 0.5, 0.0), (x1, y1, 1.0, 0.0),
                       (x0, y0, 0.0, 1.0), (x1, y0, 1.0, 1.0), (x0, (y0 + y1) / 2, 0.0, 0.5),
                       (x1, (y0 + y1) / 2, 1.0, 0.5)]
        placer.place(self.slope_label, candidates)

    def _draw_gradient(self, track, here) -> None:
        """−∇L, its length on screen proportional to |∇L| (see GRADIENT_MIN_PX); none at a point
        where the run has stopped with |∇L| below the tolerance (converged or stuck) or where ∇L = 0.
        It stays within the view and the heat map."""
        norm = float(track.grad_norm)
        if track.status in ("converged", "stuck") or not norm > 0 or not np.isfinite(norm):
            self.gradient_arrow.hide()
            return
        scale = self._style.scale
        pixels = min(max(GRADIENT_MAX_PX * norm / self._gradient_reference, GRADIENT_MIN_PX), GRADIENT_MAX_PX)
        # within the view, and within the heat map while the point is on it
        self.gradient_arrow.point(here, -np.asarray(track.gradient, float), pixels * scale,
                                  bounds=self._problem.domain)

    def _draw_parts(self, track, here, placer: Placer) -> None:
        """The gradient step, what momentum or rescaling adds to it, and the step taken, magnified
        together when they are too short to see, with a caption each."""
        one_d = self._problem.dim == 1
        box = self.getPlotItem().getViewBox()
        sx, sy = box.viewPixelSize()
        parts = update_parts(track)
        longest = max((np.hypot(*((np.resize(p.end - p.start, 2)) / (sx, sy))) for p in parts), default=0.0)
        if one_d:
            longest = max((abs(float(p.end[0] - p.start[0])) / sx for p in parts), default=0.0)
        k = magnification(longest, PARTS_MIN_PX * self._style.scale)
        self.parts_magnified = k
        self._parts_shown = True
        base = np.array(here)
        spacing = 0.07 * np.ptp(box.viewRange()[1])
        drawn = []
        for i, part in enumerate(parts):
            start, end = k * np.array(part.start, float), k * np.array(part.end, float)
            if one_d:
                # In 1-D the parts lie on one line: draw them at stacked heights to tell them apart.
                lift = np.array([0.0, spacing * (i + 1)])
                a, b = base + lift + [start[0], 0.0], base + lift + [end[0], 0.0]
            else:
                a, b = base + start, base + end
            self.part_arrows[part.kind].set(a, b)
            drawn.append((part, a, b))
            placer.add_obstacles(np.linspace(a, b, 16), weight=20)  # a caption must not hide an arrow
        if track.lookahead is not None:
            # φ lies η·μ·b from θ; drawn with the parts' magnification, in 1-D at a height of its own
            offset = k * (np.asarray(track.lookahead.position, float) - np.asarray(track.params, float))
            if one_d:
                lift = np.array([0.0, spacing * (len(parts) + 1)])
                phi, look = base + lift + [offset[0], 0.0], base + lift
            else:
                phi, look = base + offset, base
            self.lookahead_line.setData([phi[0], look[0]], [phi[1], look[1]])
            set_points(self.lookahead_point, [phi[0]], [phi[1]])
            placer.add_obstacles(np.linspace(phi, look, 16), weight=20)
            self.lookahead_label.setText(tr("φ: look-ahead −μ·v"))
            drawn.append((None, phi, look))
        for part, a, b in drawn:
            if part is None:
                placer.place(self.lookahead_label, self._caption_spots(a, b, sx, sy))
                self.lookahead_label.show()
                continue
            label = self.part_labels[part.kind]
            label.setText(part.caption)
            placer.place(label, self._caption_spots(a, b, sx, sy))
            label.show()
        if k > 1:
            self.parts_scale_label.setText(tr("arrows drawn ×{0}").format(k))
            (x0, x1), (y0, y1) = box.viewRange()
            placer.place(self.parts_scale_label, [(x0, y1, 0.0, 0.0), (x1, y1, 1.0, 0.0),
                                                  (x0, y0, 0.0, 1.0), (x1, y0, 1.0, 1.0)])
            self.parts_scale_label.show()

    @staticmethod
    def _caption_spots(a, b, sx, sy) -> list:
        """Places for an arrow's caption: off its middle on either side, then beyond its ends."""
        mid = (a + b) / 2
        d = np.array([(b[0] - a[0]) / sx, (b[1] - a[1]) / sy])
        length = float(np.hypot(*d)) or 1.0
        normal = np.array([-d[1], d[0]]) / length  # in pixels, y upwards
        spots = []
        ux, uy = d / length
        for off in (14.0, 45.0, 90.0):  # near the arrow first, farther out where it is crowded
            for sign in (1, -1):
                nx, ny = sign * normal
                anchor = (0.5 - 0.5 * np.sign(nx) if abs(nx) > 0.3 else 0.5,
                          0.5 + 0.5 * np.sign(ny) if abs(ny) > 0.3 else 0.5)
                spots.append((mid[0] + nx * off * sx, mid[1] + ny * off * sy, *anchor))
            for point, sign in ((b, 1), (a, -1)):
                spots.append((point[0] + sign * ux * off * sx, point[1] + sign * uy * off * sy,
                              0.5 - 0.5 * np.sign(sign * ux) if abs(ux) > 0.3 else 0.5,
                              0.5 + 0.5 * np.sign(sign * uy) if abs(uy) > 0.3 else 0.5))
        return spots

    def _hide_step(self, keep=()) -> None:
        """Hide the next step's arrows and its parts, but for those in ``keep`` (drawn again at once:
        hiding them first would cost each frame a round of updates for nothing)."""
        for arrow in (self.step_arrow, self.gradient_arrow):
            if arrow not in keep:
                arrow.hide()
        if self.next_step not in keep:
            self.next_step.setData([], [])
        self.parts_magnified = 1
        if not self._parts_shown:
            return
        self._parts_shown = False
        for arrow, label in zip(self.part_arrows, self.part_labels, strict=True):
            arrow.hide()
            label.hide()
        self.parts_scale_label.hide()
        self.lookahead_line.setData([], [])
        set_points(self.lookahead_point, [], [])
        self.lookahead_label.hide()

    def _draw_start(self, start) -> None:
        if self._problem.dim == 2:
            x, y = float(start[0]), float(start[1])
        else:
            x = float(start[0])
            key = (x, tuple(self.getPlotItem().getViewBox().viewRange()[1]))
            known = self._start_loss
            if known is None or known[0] is not self._problem or known[1] != key:
                self._start_loss = (self._problem, key, float(self._clip_loss(self._problem.loss([[x]]))[0]))
            y = self._start_loss[2]
        pos = self.start_marker.pos()
        if pos.x() != x or pos.y() != y:  # moving it costs pyqtgraph's handlers of a move
            self.start_marker.setPos(x, y)

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
        cell = self.basins.cell_at(point.x(), point.y())
        if cell is not None:
            self.cell_clicked.emit(cell)
            return
        self._request_start(point.x(), point.y())

    def _request_start(self, x: float, y: float) -> None:
        problem = self._problem
        if problem is None or problem.dim > 2:
            return
        if self._plane is not None:  # the others stay where they start
            start = list(self._full_start or self._real_problem.start)
            start[self._plane[0]], start[self._plane[1]] = x, y
            self.start_requested.emit(tuple(start))
            return
        self.start_requested.emit((x,) if problem.dim == 1 else (x, y))

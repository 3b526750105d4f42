"""The loss of a two-parameter problem as a surface one can turn: coloured as the heat map (the same
colour map and levels), with its contour lines, every run's path and current point on it, and −∇L at
the watched run's point drawn along the surface. Drag to turn, wheel to zoom (pyqtgraph's GLViewWidget).

Imports PyOpenGL through pyqtgraph.opengl: only ever imported once gl_support says OpenGL works.
Items are made once per problem or landscape and updated with setData each frame; the surface is
lit once, in its colours (no shader), when it is made."""

import time

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from OpenGL import GL
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont

from ..model import scene3d
from ..model.landscape import Surface
from .color_bar import power_label
from .i18n import tr
from .style import DARK, Style

# The camera that Home returns to: looking at the box from the front left, a little from above, so that
# x runs to the right and y into the picture as on the heat map.
CAMERA = {"distance": 4.0, "elevation": 36.0, "azimuth": -62.0, "fov": 60.0}
HOME_ASPECT = 1.25  # width / height of a view that shows the whole box from CAMERA's distance
# The −∇L arrow, in scene units: proportional to |∇L|, the longest at the gradient of the run's start.
ARROW_MIN, ARROW_MAX = 0.12, 0.45
HIDDEN_ALPHA = 0.3  # the parts of a path behind a hill are drawn faintly through it
# The colour map's colours with a little light from the front left, so that the shape reads where the
# colour changes little; a colour stays within SHADE of the heat map's.
SHADE = 0.15

_THROUGH = {  # drawn over whatever is in front, blended: for what must stay seen
    GL.GL_DEPTH_TEST: False,
    GL.GL_BLEND: True,
    GL.GL_CULL_FACE: False,
    "glBlendFuncSeparate": (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA, GL.GL_ONE, GL.GL_ONE_MINUS_SRC_ALPHA),
}


def rgba(color: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    r, g, b, _ = pg.mkColor(color).getRgbF()
    return (r, g, b, alpha)


class _RunItems:
    """One run: its path over an outline (black under a light colour, white under a dark one, as in the
    2-D view, so that it shows on every colour of the surface), faintly the parts a hill hides, and
    its point over an outline."""

    def __init__(self, view: "SurfaceView"):
        self.hidden = gl.GLLinePlotItem(mode="line_strip", glOptions=_THROUGH, antialias=True)
        self.band = gl.GLLinePlotItem(mode="line_strip", glOptions="translucent", antialias=True)
        self.path = gl.GLLinePlotItem(mode="lines", glOptions="translucent", antialias=True)  # dashes
        self.outline = gl.GLScatterPlotItem(glOptions=_THROUGH)
        self.dashes: tuple[float, ...] | None = None
        self.point = gl.GLScatterPlotItem(glOptions=_THROUGH)
        for depth, item in enumerate(self.items):
            item.setDepthValue(10 + depth)
            view.addItem(item)

    @property
    def items(self) -> tuple:
        return (self.hidden, self.band, self.path, self.outline, self.point)

    def style(self, style: Style, index: int) -> None:
        look = style.run(index)
        pattern = scene3d.DASHES[look.dash]
        self.dashes = None if pattern is None else tuple(style.scale * v for v in pattern)
        self.hidden.setData(color=rgba(look.color, HIDDEN_ALPHA), width=style.width(2.0))
        self.band.setData(color=rgba(look.outline, 0.8), width=style.width(6.0))
        self.path.setData(color=rgba(look.color), width=style.width(3.0))
        self.outline.setData(color=rgba(look.outline), size=style.width(17))
        self.point.setData(color=rgba(look.color), size=style.width(12))

    def set(self, path: np.ndarray, point: np.ndarray) -> None:
        above = path.copy()
        above[:, 2] += scene3d.LIFT * scene3d.HEIGHT  # the line over its band, not into it
        line = scene3d.dashed(above, self.dashes)
        for item, pos in ((self.hidden, path), (self.band, path), (self.path, line)):
            item.setData(pos=pos)
            item.setVisible(len(path) > 1)
        for item in (self.outline, self.point):
            item.setData(pos=point[None, :])
            item.setVisible(True)

    def hide(self) -> None:
        for item in self.items:
            item.setVisible(False)


class SurfaceView(gl.GLViewWidget):
    painted = Signal(float)  # seconds the last frame took, painted and shown (the window paces by it)

    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent=parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._style = style
        self._problem = None
        self._box: scene3d.Box | None = None
        self._surface: Surface | None = None
        self._snap = None
        self._log_height = False
        self.surface_item: gl.GLMeshItem | None = None
        self.mesh: scene3d.Mesh | None = None  # the surface's geometry, as drawn
        # Thin lines without smoothing: Mesa's software OpenGL smooths a line at ~1 µs a pixel.
        self.contours = gl.GLLinePlotItem(mode="lines", glOptions="translucent", antialias=False)
        self.frame = gl.GLLinePlotItem(mode="lines", glOptions="translucent", antialias=False)
        self.minima = gl.GLScatterPlotItem(glOptions=_THROUGH)
        self.arrow_shaft = gl.GLLinePlotItem(mode="lines", glOptions=_THROUGH, antialias=True)
        self.arrow_head = gl.GLLinePlotItem(mode="lines", glOptions=_THROUGH, antialias=True)
        self.labels = {key: gl.GLTextItem() for key in ("x", "y", "loss", "x0", "x1", "y0", "y1", "lo", "hi")}
        for depth, item in enumerate((self.contours, self.frame, self.minima)):
            item.setDepthValue(depth)
            self.addItem(item)
        for item in (self.arrow_shaft, self.arrow_head):
            item.setDepthValue(30)
            self.addItem(item)
        for item in self.labels.values():
            item.setDepthValue(40)
            self.addItem(item)
        self.runs: list[_RunItems] = []
        self._paint_began: float | None = None
        self.frameSwapped.connect(self._on_frame_swapped)
        self.arrow_length = 0.0  # scene units of the −∇L arrow drawn last (0 when none)
        self._home_distance = CAMERA["distance"]
        self.reset_camera()
        self.apply_style(style)

    # --- configuration ------------------------------------------------------------------------

    def reset_camera(self) -> None:
        """Back to the view from the front left (after turning or zooming)."""
        self._home_distance = self.home_distance()
        self.setCameraPosition(pos=pg.Vector(0, 0, scene3d.HEIGHT * 0.15), distance=self._home_distance,
                               elevation=CAMERA["elevation"], azimuth=CAMERA["azimuth"])
        self.opts["fov"] = CAMERA["fov"]
        self.update()

    def home_distance(self) -> float:
        """The first view's distance: farther in a view wider than HOME_ASPECT, whose field of view
        (pyqtgraph's is horizontal) would cut the box at the top and bottom."""
        aspect = self.width() / max(self.height(), 1)
        return CAMERA["distance"] * max(1.0, aspect / HOME_ASPECT)

    @property
    def at_home(self) -> bool:
        """Whether the camera is where reset_camera put it (not turned or zoomed since)."""
        return self.camera == (self._home_distance, CAMERA["elevation"], CAMERA["azimuth"])

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.at_home:  # a camera the user has not moved keeps the whole box in view
            self._home_distance = self.opts["distance"] = self.home_distance()

    @property
    def camera(self) -> tuple[float, float, float]:
        """(distance, elevation, azimuth) of the camera now."""
        return (float(self.opts["distance"]), float(self.opts["elevation"]), float(self.opts["azimuth"]))

    def apply_style(self, style: Style) -> None:
        self._style = style
        self.setBackgroundColor(style.background)
        w = style.width
        self.contours.setData(color=rgba(style.contour, style.contour_opacity * 0.8), width=w(1.0))
        self.frame.setData(color=rgba(style.foreground, 0.6), width=w(1.0))
        self.minima.setData(color=rgba(style.minimum), size=w(10))
        self.arrow_shaft.setData(color=rgba(style.gradient), width=w(4.0))
        self.arrow_head.setData(color=rgba(style.gradient), width=w(4.0))
        font = QFont()
        font.setPointSizeF(11 * style.scale)
        small = QFont()
        small.setPointSizeF(9 * style.scale)
        for key, item in self.labels.items():
            big = key in ("x", "y", "loss")
            item.setData(color=pg.mkColor(style.foreground), font=font if big else small)
        for i, run in enumerate(self.runs):
            run.style(style, i)
        if self._surface is not None:
            self._make_surface()
        self._redraw()

    def set_problem(self, problem) -> None:
        """A new problem: its landscape comes later (set_landscape); until then nothing is drawn."""
        self._problem = problem
        self._surface = self._box = self._snap = None
        self._clear_scene()
        self.retranslate()

    def set_landscape(self, surface) -> None:
        if not isinstance(surface, Surface) or self._problem is None or self._problem.dim != 2:
            return
        self._surface = surface
        self._place()

    @property
    def log_height(self) -> bool:
        return self._log_height

    def set_log_height(self, on: bool) -> None:
        """The height grows with the loss, or with its logarithm (a valley's floor made visible)."""
        self._log_height = bool(on)
        if self._surface is not None:
            self._place()

    def _place(self) -> None:
        """Everything fixed for a landscape: the surface, its contours, the frame, the minima, labels."""
        self._box = scene3d.Box.of(self._surface, bool(getattr(self._problem, "equal_axes", False)),
                                   self._log_height)
        self._make_surface()
        self.contours.setData(pos=scene3d.contour_segments(self._box))
        self._make_frame()
        self._place_minima()
        self.retranslate()
        self._redraw()

    def retranslate(self) -> None:
        self.setAccessibleName(tr("The loss as a surface in 3-D"))
        box, problem = self._box, self._problem
        if box is None or problem is None:
            for item in self.labels.values():
                item.setData(text="")
            return
        s = box.surface
        hx, hy = box.half
        lo_loss, hi_loss = box.loss_range
        top = scene3d.HEIGHT
        names = problem.param_names
        loss_name = tr("loss (log scale)") if box.log_height else tr("loss")
        a = Qt.AlignmentFlag
        below, right = a.AlignHCenter | a.AlignTop, a.AlignLeft | a.AlignVCenter
        left = a.AlignRight | a.AlignVCenter
        places = {
            "x": ((0.0, -hy * 1.25, 0.0), names[0], below), "y": ((hx * 1.25, 0.0, 0.0), names[1], right),
            "loss": ((-hx, -hy, top * 1.1), loss_name, a.AlignHCenter | a.AlignBottom),
            "x0": ((-hx, -hy * 1.06, 0.0), power_label(float(s.x[0])), below),
            "x1": ((hx, -hy * 1.06, 0.0), power_label(float(s.x[-1])), below),
            "y0": ((hx * 1.06, -hy, 0.0), power_label(float(s.y[0])), right),
            "y1": ((hx * 1.06, hy, 0.0), power_label(float(s.y[-1])), right),
            "lo": ((-hx * 1.04, -hy * 1.04, top * 0.04), power_label(lo_loss), left),
            "hi": ((-hx * 1.04, -hy * 1.04, top), power_label(hi_loss), left),
        }
        for key, (pos, text, alignment) in places.items():
            self.labels[key].setData(pos=np.array(pos, float), text=text, alignment=alignment)

    # --- the scene ----------------------------------------------------------------------------

    def _clear_scene(self) -> None:
        if self.surface_item is not None:
            self.removeItem(self.surface_item)
            self.surface_item = None
        empty = np.zeros((0, 3), np.float32)
        for item in (self.contours, self.frame, self.arrow_shaft, self.arrow_head):
            item.setData(pos=empty)
        self.minima.setData(pos=empty)
        for run in self.runs:
            run.hide()
        self.arrow_length = 0.0

    def _make_surface(self) -> None:
        mesh = scene3d.mesh(self._box)
        lo, hi = self._surface.levels
        hi = hi if hi > lo else lo + 1.0
        lut = pg.colormap.get(self._style.colormap).getLookupTable(nPts=256, alpha=False)
        with np.errstate(invalid="ignore"):  # pyqtgraph's own rule for an image's colours
            index = np.clip((mesh.values - lo) * (256 / (hi - lo)), 0, 255)
        colors = np.ones((len(mesh.values), 4), np.float32)
        colors[:, :3] = lut[np.nan_to_num(index).astype(int)] / 255.0
        colors[:, :3] *= (1 - SHADE + SHADE * scene3d.hillshade(mesh.normals))[:, None]
        self.mesh = mesh
        data = gl.MeshData(vertexes=mesh.vertexes, faces=mesh.faces, vertexColors=colors)
        if self.surface_item is not None:
            self.removeItem(self.surface_item)
        self.surface_item = gl.GLMeshItem(meshdata=data, computeNormals=False, smooth=False,
                                          glOptions="opaque")
        self.surface_item.setDepthValue(-10)
        self.addItem(self.surface_item)

    def _make_frame(self) -> None:
        """The domain's outline on the floor, and the loss axis at its front left corner."""
        hx, hy = self._box.half
        top = scene3d.HEIGHT
        corners = [(-hx, -hy), (hx, -hy), (hx, hy), (-hx, hy)]
        lines = []
        for i in range(4):
            lines += [(*corners[i], 0.0), (*corners[(i + 1) % 4], 0.0)]
        lines += [(-hx, -hy, 0.0), (-hx, -hy, top)]
        self.frame.setData(pos=np.array(lines, np.float32))

    def _place_minima(self) -> None:
        problem = self._problem
        minima = np.array(problem.global_minima or problem.minima, dtype=float).reshape(-1, 2)
        inside = [(x0 <= x <= x1) and (y0 <= y <= y1) for (x, y), ((x0, x1), (y0, y1))
                  in zip(minima, [problem.domain] * len(minima), strict=True)]
        minima = minima[np.array(inside, bool)] if len(minima) else minima
        if len(minima):
            self.minima.setData(pos=self._box.points(minima, problem.loss(minima)))
        else:
            self.minima.setData(pos=np.zeros((0, 3), np.float32))

    # --- drawing ------------------------------------------------------------------------------

    def _redraw(self) -> None:
        if self._snap is not None:
            self.draw(self._snap)

    def draw(self, snap) -> bool:
        """Every run's path and point, and −∇L at the watched run's point; False if this snapshot is
        not of the landscape shown (its landscape is still on its way)."""
        box = self._box
        if box is None or snap.problem is not self._problem:
            return False
        self._snap = snap
        style = self._style
        while len(self.runs) < len(snap.tracks):
            run = _RunItems(self)
            run.style(style, len(self.runs))
            self.runs.append(run)
        for run in self.runs[len(snap.tracks):]:
            run.hide()
        for run, track in zip(self.runs, snap.tracks, strict=False):
            run.set(box.path(track.history_params, track.history_loss),
                    box.points(np.asarray(track.params, float)[None, :], [track.loss])[0])
        self._draw_arrow(snap.watched_track)
        self.update()
        return True

    def _draw_arrow(self, track) -> None:
        norm = float(track.grad_norm)
        arrow = None
        if track.status not in ("converged", "stuck") and norm > 0 and np.isfinite(norm):
            start = float(track.history_grad_norm[0]) if len(track.history_grad_norm) else norm
            reference = start if np.isfinite(start) and start > 0 else norm
            length = min(max(ARROW_MAX * norm / reference, ARROW_MIN), ARROW_MAX)
            arrow = scene3d.descent_arrow(self._box, track.params, track.loss, track.gradient, length)
        if arrow is None:
            self.arrow_length = 0.0
            for item in (self.arrow_shaft, self.arrow_head):
                item.setVisible(False)
            return
        self.arrow_length = float(np.linalg.norm(arrow.shaft[1] - arrow.shaft[0]))
        self.arrow_shaft.setData(pos=arrow.shaft)
        self.arrow_head.setData(pos=arrow.head)
        for item in (self.arrow_shaft, self.arrow_head):
            item.setVisible(True)

    def paintGL(self, *args, **kwargs):  # noqa: N802 (Qt's name)
        self._paint_began = time.perf_counter()
        super().paintGL(*args, **kwargs)

    def _on_frame_swapped(self) -> None:
        """The frame is on screen: composed into the window and swapped, which in software OpenGL
        takes as long as the painting itself."""
        if self._paint_began is not None:
            self.painted.emit(time.perf_counter() - self._paint_began)
            self._paint_began = None

"""The geometry of the 3-D surface view: a 2-D loss landscape, the runs' paths on it and the −∇L arrow,
placed in one box of scene units. No Qt, no OpenGL here: the view only hands these arrays to its items.

The box is FOOTPRINT wide on its longer side (the domain's aspect ratio kept for problems drawn at one
scale, else square) and HEIGHT high. Heights are the landscape's shown values (the loss, or on a
log-scaled landscape log10 of its height above the minimum), so that the surface's height and its
colour say the same thing as the heat map.
"""

from dataclasses import dataclass

import numpy as np

from .landscape import Surface

FOOTPRINT = 2.0
HEIGHT = 1.2
# A point beyond the box (a run flying off) is drawn at most this far outside it, as a share of its size:
# far enough to see it has left, near enough to stay in the picture.
OUTSIDE = 0.15
# A path is drawn this share of the height above the surface, so that it is not hidden in the mesh.
LIFT = 0.008
LOG_FLOOR = 1e-3
# The surface's grid, at most this many points a side: software OpenGL (Mesa's llvmpipe) paints the
# landscape's 200 × 200 in ~50 ms a frame, 100 × 100 in ~3 ms.
MESH_POINTS = 100


@dataclass(frozen=True)
class Box:
    """Maps parameters (x, y) and losses to scene coordinates, for one landscape: the floor is the
    grid's least loss, the top its greatest; in between the height grows with the loss, or with its
    logarithm (``log_height``: log10 of the height above the least loss plus LOG_FLOOR of the range,
    so that the bottom of a valley keeps some depth without falling into a deep funnel)."""

    surface: Surface
    half: tuple[float, float]  # half the footprint along x and along y, in scene units
    log_height: bool = False

    @classmethod
    def of(cls, surface: Surface, equal_axes: bool = False, log_height: bool = False) -> "Box":
        if equal_axes:
            spans = np.array([np.ptp(surface.x), np.ptp(surface.y)], float)
            half = tuple(float(v) for v in FOOTPRINT / 2 * spans / spans.max())
        else:
            half = (FOOTPRINT / 2, FOOTPRINT / 2)
        return cls(surface, half, log_height)

    @property
    def loss_range(self) -> tuple[float, float]:
        lo, hi = self.surface.loss_range
        return (float(lo), float(hi)) if hi > lo else (float(lo), float(lo) + 1.0)

    def xy(self, params: np.ndarray) -> np.ndarray:
        """(n, 2) parameters → (n, 2) scene x, y; beyond the domain at most OUTSIDE past the box."""
        p = np.asarray(params, float).reshape(-1, 2)
        out = np.empty_like(p)
        for i, (grid, half) in enumerate(((self.surface.x, self.half[0]), (self.surface.y, self.half[1]))):
            lo, hi = float(grid[0]), float(grid[-1])
            with np.errstate(invalid="ignore", over="ignore"):
                u = (p[:, i] - lo) / (hi - lo) * 2 - 1
                out[:, i] = np.clip(np.nan_to_num(u, nan=0.0), -1 - 2 * OUTSIDE, 1 + 2 * OUTSIDE) * half
        return out

    def _log_ends(self) -> tuple[float, float, float]:
        lo, hi = self.loss_range
        floor = (hi - lo) * LOG_FLOOR
        return floor, np.log10(floor), np.log10(hi - lo + floor)

    def z(self, loss) -> np.ndarray:
        """Losses (n,) → heights in scene units, within the box give or take OUTSIDE of its height; an
        undefined loss (NaN) at the top, an infinite one above it."""
        lo, hi = self.loss_range
        big = np.finfo(float).max
        loss = np.nan_to_num(np.asarray(loss, float), nan=hi, posinf=big, neginf=-big)
        with np.errstate(over="ignore", invalid="ignore"):
            if self.log_height:
                floor, bottom, top = self._log_ends()
                share = (np.log10(np.maximum(loss - lo, 0.0) + floor) - bottom) / (top - bottom)
            else:
                share = (loss - lo) / (hi - lo)
        return np.clip(share, -OUTSIDE, 1 + OUTSIDE) * HEIGHT

    def dz(self, loss: float) -> float:
        """How fast the height grows with the loss at ``loss``: scene units per unit of loss."""
        lo, hi = self.loss_range
        if not self.log_height:
            return HEIGHT / (hi - lo)
        floor, bottom, top = self._log_ends()
        return HEIGHT / ((top - bottom) * (max(loss - lo, 0.0) + floor) * np.log(10.0))

    def points(self, params, loss) -> np.ndarray:
        """(n, 2) parameters and (n,) losses → (n, 3) scene points."""
        return np.column_stack([self.xy(params), self.z(loss)]).astype(np.float32)

    def path(self, params, loss) -> np.ndarray:
        """A run's path, lifted a little above the surface so that the mesh does not hide it."""
        points = self.points(params, loss)
        points[:, 2] += LIFT * HEIGHT
        return points


@dataclass(frozen=True)
class Mesh:
    vertexes: np.ndarray  # (n, 3) float32, in scene units
    faces: np.ndarray  # (f, 3) uint32: two triangles per grid cell, none touching an undefined point
    values: np.ndarray  # (n,) float32 shown values, for the colours (NaN where the loss is undefined)
    normals: np.ndarray  # (n, 3) float32 unit normals, pointing up
    rows: np.ndarray  # (nx,) and (ny,): which of the landscape's grid points the vertexes are
    columns: np.ndarray


def mesh(box: Box, points: int = MESH_POINTS) -> Mesh:
    """The landscape's grid, at most ``points`` × ``points`` of it (both ends kept), as triangles; cells
    with a corner where the loss is not defined are left out (a hole, as the heat map leaves them
    blank)."""
    s = box.surface
    rows = np.unique(np.linspace(0, len(s.x) - 1, min(points, len(s.x))).round().astype(int))
    columns = np.unique(np.linspace(0, len(s.y) - 1, min(points, len(s.y))).round().astype(int))
    x, y, image = s.x[rows], s.y[columns], s.image[np.ix_(rows, columns)]
    nx, ny = image.shape
    xy = box.xy(np.column_stack([np.repeat(x, ny), np.tile(y, nx)]))
    values = np.asarray(image, np.float32).ravel()
    undefined = np.isnan(values)
    z = np.where(undefined, 0.0, box.z(s.loss_of(np.where(undefined, 0.0, values))))
    vertexes = np.column_stack([xy, z]).astype(np.float32)
    index = np.arange(nx * ny, dtype=np.uint32).reshape(nx, ny)
    a, b = index[:-1, :-1].ravel(), index[1:, :-1].ravel()
    c, d = index[:-1, 1:].ravel(), index[1:, 1:].ravel()
    faces = np.concatenate([np.column_stack([a, b, d]), np.column_stack([a, d, c])])
    if undefined.any():
        faces = faces[~undefined[faces].any(axis=1)]
    grid = z.reshape(nx, ny)
    dzdx = np.gradient(grid, xy[::ny, 0], axis=0)
    dzdy = np.gradient(grid, xy[:ny, 1], axis=1)
    normals = np.stack([-dzdx, -dzdy, np.ones_like(grid)], axis=-1).reshape(-1, 3)
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)
    return Mesh(vertexes, np.ascontiguousarray(faces), values, normals.astype(np.float32), rows, columns)


def hillshade(normals: np.ndarray, light=(-0.4, -0.6, 1.0)) -> np.ndarray:
    """How lit each point is, 0 … 1, by a light from the front left and above (the camera's side)."""
    light = np.asarray(light, float) / np.linalg.norm(light)
    return np.clip(normals @ light, 0.0, 1.0)


def shown_at(box: Box, points: np.ndarray) -> np.ndarray:
    """The landscape's shown value at (n, 2) parameter points inside the domain, interpolated bilinearly
    on the grid (NaN where a corner is undefined)."""
    s = box.surface
    p = np.asarray(points, float).reshape(-1, 2)
    out = []
    for values, grid in ((p[:, 0], s.x), (p[:, 1], s.y)):
        f = (values - grid[0]) / (grid[-1] - grid[0]) * (len(grid) - 1)
        i = np.clip(np.floor(f).astype(int), 0, len(grid) - 2)
        out.append((i, np.clip(f - i, 0.0, 1.0)))
    (i, fx), (j, fy) = out
    img = s.image
    return ((1 - fx) * (1 - fy) * img[i, j] + fx * (1 - fy) * img[i + 1, j]
            + (1 - fx) * fy * img[i, j + 1] + fx * fy * img[i + 1, j + 1])


def contour_segments(box: Box) -> np.ndarray:
    """The landscape's contour lines laid on the surface, as (2s, 3) points: pairs that each make one
    segment (the form of a GL line list). Segments through an undefined point are left out."""
    s = box.surface
    if not len(s.contours):
        return np.empty((0, 3), np.float32)
    starts = np.flatnonzero(s.connect[:-1])
    pairs = np.stack([starts, starts + 1], axis=1).ravel()
    points = s.contours[pairs]
    shown = shown_at(box, points)
    defined = ~np.isnan(shown).reshape(-1, 2).any(axis=1)
    z = box.z(s.loss_of(np.where(np.isnan(shown), 0.0, shown))) + LIFT * HEIGHT / 2
    segments = np.column_stack([box.xy(points), z]).reshape(-1, 2, 3)[defined]
    return segments.reshape(-1, 3).astype(np.float32)


@dataclass(frozen=True)
class Arrow:
    shaft: np.ndarray  # (2, 3) tail and tip
    head: np.ndarray  # (4, 3) two segments from the tip (a GL line list)


def descent_arrow(box: Box, params, loss: float, gradient, length: float) -> Arrow | None:
    """−∇L at a point, drawn along the surface: the direction of steepest descent in the surface's
    tangent plane, ``length`` scene units long, its head lying in that plane. None where ∇L is zero or
    not finite."""
    g = np.asarray(gradient, float)
    norm = float(np.hypot(*g))
    if not (norm > 0 and np.isfinite(norm) and np.isfinite(loss)):
        return None
    s = box.surface
    kx = box.half[0] * 2 / (s.x[-1] - s.x[0])  # scene units per unit of each parameter
    ky = box.half[1] * 2 / (s.y[-1] - s.y[0])
    u = -g / norm
    # Moving by u in parameter space changes L by ∇L·u = −|∇L|.
    direction = np.array([kx * u[0], ky * u[1], -box.dz(float(loss)) * norm])
    if not np.isfinite(direction).all():
        return None
    direction /= np.linalg.norm(direction)
    tail = box.points(np.asarray(params, float)[None, :], [loss])[0].astype(float)
    tail[2] += LIFT * HEIGHT
    tip = tail + length * direction
    # Across the arrow along the contour (where L stays the same): horizontal, in the tangent plane.
    side = np.array([-kx * u[1], ky * u[0], 0.0])
    side /= np.linalg.norm(side)
    back = tip - 0.3 * length * direction
    wing = 0.15 * length * side
    head = np.array([tip, back + wing, tip, back - wing])
    return Arrow(np.array([tail, tip], np.float32), head.astype(np.float32))


# Dash patterns as the 2-D view's line styles, (on, off, on, off, …) in scene units along the path.
DASHES = {"solid": None, "dash": (0.08, 0.05), "dashdot": (0.08, 0.04, 0.015, 0.04),
          "dashdotdot": (0.08, 0.035, 0.015, 0.035, 0.015, 0.035)}


def dashed(points: np.ndarray, pattern: tuple[float, ...] | None) -> np.ndarray:
    """A path (n, 3) cut into dashes: pairs of points, each a segment (a GL line list), that follow
    the path's corners; the whole path, as pairs, for no pattern."""
    points = np.asarray(points, np.float32)
    if len(points) < 2:
        return np.empty((0, 3), np.float32)
    if pattern is None:
        return np.repeat(points, 2, axis=0)[1:-1]
    steps = np.linalg.norm(np.diff(points, axis=0), axis=1)
    along = np.concatenate([[0.0], np.cumsum(steps)])
    period = float(sum(pattern))
    starts = np.cumsum((0.0, *pattern))[:-1:2]  # where each "on" part begins within a period
    ends = starts + np.array(pattern[::2])
    periods = np.arange(int(along[-1] // period) + 1)[:, None] * period
    dashes = np.column_stack([(periods + starts).ravel(), (periods + ends).ravel()])
    dashes = np.clip(dashes[dashes[:, 0] < along[-1]], 0.0, along[-1])
    pieces = []
    for a, b in dashes:
        inside = np.flatnonzero((along > a) & (along < b))
        strip = np.concatenate([_at(points, along, np.array([a])), points[inside],
                                _at(points, along, np.array([b]))])
        pieces.append(np.repeat(strip, 2, axis=0)[1:-1])
    return np.concatenate(pieces).astype(np.float32) if pieces else np.empty((0, 3), np.float32)


def _at(points: np.ndarray, along: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Points at lengths ``s`` along the path."""
    return np.column_stack([np.interp(s, along, points[:, i]) for i in range(3)])

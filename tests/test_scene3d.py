"""The 3-D surface's geometry (gdsim.model.scene3d), without Qt or OpenGL: the box, the mesh, the
contours laid on it and the −∇L arrow along the surface."""

import numpy as np
import pytest

from gdsim.engine import make_problem
from gdsim.engine.custom import typed_function
from gdsim.model import landscape, scene3d


@pytest.fixture(scope="module")
def himmelblau():
    problem = make_problem("himmelblau")
    return problem, landscape.compute(problem)


def test_box_puts_the_domain_on_the_footprint_and_the_losses_between_floor_and_top(himmelblau):
    problem, surface = himmelblau
    box = scene3d.Box.of(surface)
    (x0, x1), (y0, y1) = problem.domain
    corners = box.xy(np.array([[x0, y0], [x1, y1], [(x0 + x1) / 2, (y0 + y1) / 2]]))
    np.testing.assert_allclose(corners, [[-1, -1], [1, 1], [0, 0]], atol=1e-12)
    lo, hi = surface.loss_range
    np.testing.assert_allclose(box.z([lo, hi, (lo + hi) / 2]), [0, scene3d.HEIGHT, scene3d.HEIGHT / 2])
    # a run far away, or at an infinite or undefined loss, stays near the box
    far = box.points(np.array([[1e300, -1e300]]), [np.inf])[0]
    assert np.all(np.abs(far[:2]) <= 1 + 2 * scene3d.OUTSIDE)
    assert far[2] == pytest.approx((1 + scene3d.OUTSIDE) * scene3d.HEIGHT)
    assert np.isfinite(box.points(np.array([[np.nan, 0.0]]), [np.nan])).all()


def test_an_equal_axes_box_keeps_the_domains_shape():
    problem = make_problem("ravine")  # 20 wide, 6 high, drawn at one scale
    box = scene3d.Box.of(landscape.compute(problem), equal_axes=True)
    assert box.half == pytest.approx((1.0, 0.3))


def test_log_height_orders_losses_as_the_loss_does_and_lifts_a_valley_floor(himmelblau):
    _, surface = himmelblau
    lo, hi = surface.loss_range
    linear, log = scene3d.Box.of(surface), scene3d.Box.of(surface, log_height=True)
    losses = lo + (hi - lo) * np.array([0.0, 1e-3, 1e-2, 0.1, 1.0])
    assert np.all(np.diff(log.z(losses)) > 0)
    assert log.z(losses)[[0, -1]] == pytest.approx([0.0, scene3d.HEIGHT])
    assert log.z(losses)[2] > 10 * linear.z(losses)[2]  # 1 % of the range: a third of the height


@pytest.mark.parametrize("log_height", [False, True])
def test_dz_is_the_slope_of_the_height(himmelblau, log_height):
    _, surface = himmelblau
    box = scene3d.Box.of(surface, log_height=log_height)
    for loss in (0.5, 20.0, 300.0):
        h = 1e-4 * loss
        numeric = (box.z([loss + h]) - box.z([loss - h]))[0] / (2 * h)
        assert box.dz(loss) == pytest.approx(numeric, rel=1e-5)


def test_the_mesh_is_the_landscapes_grid_and_leaves_out_cells_where_the_loss_is_undefined(himmelblau):
    _, surface = himmelblau
    n = landscape.GRID
    mesh = scene3d.mesh(scene3d.Box.of(surface), points=n)
    assert mesh.vertexes.shape == (n * n, 3) and mesh.faces.shape == (2 * (n - 1) ** 2, 3)
    assert mesh.faces.max() == n * n - 1
    # a vertex's height is its own loss: the one at grid point (i, j) is L(x[i], y[j])
    i, j = 37, 151
    vertex = mesh.vertexes[i * n + j]
    expected = scene3d.Box.of(surface).points(np.array([[surface.x[i], surface.y[j]]]),
                                              surface.loss_of(surface.image[i, j]))[0]
    np.testing.assert_allclose(vertex, expected, rtol=1e-5, atol=1e-6)
    # by default every second point or so, the domain's edges kept
    coarse = scene3d.mesh(scene3d.Box.of(surface))
    m = scene3d.MESH_POINTS
    assert coarse.vertexes.shape == (m * m, 3) and (coarse.rows[[0, -1]] == [0, n - 1]).all()
    np.testing.assert_array_equal(coarse.values, surface.image[np.ix_(coarse.rows, coarse.columns)].ravel())
    assert np.abs(coarse.vertexes[:, :2]).max() == pytest.approx(1.0)

    typed = typed_function("log(x) + y^2", ((-1.0, 3.0), (-2.0, 2.0)))  # undefined left of 0
    holed = landscape.compute(typed)
    mesh = scene3d.mesh(scene3d.Box.of(holed), points=n)
    undefined = np.isnan(holed.image.ravel())
    assert undefined.any()
    assert not undefined[mesh.faces].any() and len(mesh.faces) > 0
    assert np.isfinite(mesh.vertexes).all()
    # no contour line reaches into the hole (where it would stand up to the top of the box)
    contours = scene3d.contour_segments(scene3d.Box.of(holed))
    assert len(contours) and contours[:, 2].max() < scene3d.HEIGHT


def test_the_normals_are_the_surfaces_and_a_slope_facing_the_light_is_lit_more():
    plane = typed_function("2*x + y", ((-1.0, 1.0), (-1.0, 1.0)))
    box = scene3d.Box.of(landscape.compute(plane))
    mesh = scene3d.mesh(box)
    lo, hi = box.loss_range  # -3 … 3 over the box: z rises 2 × HEIGHT/6 per unit of x in scene units
    dzdx, dzdy = 2 * scene3d.HEIGHT / (hi - lo), 1 * scene3d.HEIGHT / (hi - lo)
    expected = np.array([-dzdx, -dzdy, 1.0]) / np.linalg.norm([-dzdx, -dzdy, 1.0])
    np.testing.assert_allclose(mesh.normals, np.broadcast_to(expected, mesh.normals.shape), atol=1e-5)
    facing, away = scene3d.hillshade(np.array([[-0.3, -0.4, 0.866], [0.3, 0.4, 0.866]]))
    assert facing > away


def test_contours_lie_on_the_surface(himmelblau):
    problem, surface = himmelblau
    box = scene3d.Box.of(surface)
    segments = scene3d.contour_segments(box)
    assert len(segments) > 1000 and len(segments) % 2 == 0
    # back from scene units to parameters: the height of each point is the loss there (to the grid's
    # interpolation error, and the small lift that keeps the lines out of the mesh)
    (x0, x1), (y0, y1) = problem.domain
    params = np.column_stack([(segments[:, 0] + 1) / 2 * (x1 - x0) + x0,
                              (segments[:, 1] + 1) / 2 * (y1 - y0) + y0])
    heights = box.z(problem.loss(params))
    assert np.median(np.abs(segments[:, 2] - heights)) < 0.01 * scene3d.HEIGHT


@pytest.mark.parametrize("log_height", [False, True])
@pytest.mark.parametrize("name, point", [("himmelblau", (1.0, -1.5)), ("ravine", (6.0, 2.0)),
                                          ("rosenbrock", (-1.2, 1.0))])
def test_the_descent_arrow_goes_down_the_surface_along_minus_the_gradient(name, point, log_height):
    problem = make_problem(name)
    surface = landscape.compute(problem)
    box = scene3d.Box.of(surface, equal_axes=problem.equal_axes, log_height=log_height)
    p = np.array(point)
    loss, grad = problem.loss_and_grad(p)
    loss, grad = float(loss[0]) if np.ndim(loss) else float(loss), np.asarray(grad, float).ravel()
    arrow = scene3d.descent_arrow(box, p, loss, grad, 0.3)
    tail, tip = arrow.shaft.astype(float)
    assert np.linalg.norm(tip - tail) == pytest.approx(0.3, rel=1e-5)
    # a small step along −∇L in parameter space, placed in the box, goes the arrow's way: the arrow is
    # the surface's tangent in the direction of steepest descent
    t = 1e-5 * max(np.ptp(surface.x), np.ptp(surface.y)) / np.linalg.norm(grad)
    ends = np.array([p - t * grad / 2, p + t * grad / 2])
    along = np.concatenate([(box.xy(ends[0]) - box.xy(ends[1])).ravel(),
                            box.z(problem.loss(ends[[0]])) - box.z(problem.loss(ends[[1]]))])
    along /= np.linalg.norm(along)
    np.testing.assert_allclose((tip - tail) / 0.3, along, atol=2e-3)
    assert tip[2] < tail[2]
    # its head: two wings from the tip, back along the shaft, level (on the contour's direction)
    head = arrow.head.astype(float)
    np.testing.assert_allclose(head[0], tip, atol=1e-6)
    np.testing.assert_allclose(head[2], tip, atol=1e-6)
    wings = head[[1, 3]] - tip
    assert np.all(wings @ (tip - tail) < 0)
    np.testing.assert_allclose(wings[0][2], wings[1][2], atol=1e-6)


def test_no_arrow_where_the_gradient_is_zero_or_not_finite(himmelblau):
    _, surface = himmelblau
    box = scene3d.Box.of(surface)
    assert scene3d.descent_arrow(box, (3.0, 2.0), 0.0, (0.0, 0.0), 0.3) is None
    assert scene3d.descent_arrow(box, (3.0, 2.0), 1.0, (np.inf, 0.0), 0.3) is None
    assert scene3d.descent_arrow(box, (3.0, 2.0), np.nan, (1.0, 0.0), 0.3) is None


def test_a_path_is_cut_into_dashes_that_follow_it():
    t = np.linspace(0, 2 * np.pi, 400)
    path = np.column_stack([np.cos(t), np.sin(t), 0.1 * t]).astype(np.float32)  # a helix, ~6.3 long
    solid = scene3d.dashed(path, None)
    np.testing.assert_array_equal(solid[0::2], path[:-1])
    np.testing.assert_array_equal(solid[1::2], path[1:])
    pattern = scene3d.DASHES["dash"]
    dashes = scene3d.dashed(path, pattern)
    segments = dashes.reshape(-1, 2, 3)
    drawn = np.linalg.norm(segments[:, 1] - segments[:, 0], axis=1).sum()
    total = np.linalg.norm(np.diff(path, axis=0), axis=1).sum()
    assert drawn == pytest.approx(total * pattern[0] / sum(pattern), rel=0.03)
    # every point of a dash lies on the helix
    radius = np.hypot(dashes[:, 0], dashes[:, 1])
    assert np.abs(radius - 1).max() < 1e-3
    assert len(scene3d.dashed(path[:1], pattern)) == 0

"""Two of many parameters: a problem of more than two parameters seen in the plane of two of them,
the others held where a point has them, and a snapshot's runs projected onto that plane, so that a
view of two parameters draws them as it draws any problem of two. No Qt here."""

from dataclasses import replace

import numpy as np

from ..engine import Problem
from ..engine.run import Lookahead
from ..engine.workspace import Workspace, column_major
from .snapshot import Snapshot, Track


def plane_problem(problem: Problem, plane: tuple[int, int], held) -> Problem:
    """``problem`` as a function of parameters ``plane`` = (i, j) alone, the others held at ``held``
    (d,): its names, domain and start are those two's; it has no known minima (the problem's lie
    in its own d dimensions)."""
    i, j = plane
    held = np.array(held, dtype=float)

    def kernel(p, loss, grad, ws):
        full = column_major(len(p), problem.dim)
        full[...] = held
        full[:, i], full[:, j] = p[:, 0], p[:, 1]
        full_grad = None if grad is None else column_major(len(p), problem.dim)
        problem.kernel(full, loss, full_grad, Workspace())
        if grad is not None:
            grad[:, 0], grad[:, 1] = full_grad[:, i], full_grad[:, j]

    names = problem.param_names
    return Problem(name=problem.name, title=problem.title, formula=problem.formula,
                   param_names=(names[i], names[j]), domain=(problem.domain[i], problem.domain[j]),
                   start=(problem.start[i], problem.start[j]), lr=problem.lr, adaptive_lr=problem.adaptive_lr,
                   kernel=kernel, gradient_formula=problem.gradient_formula)


def projected(snap: Snapshot, plane: tuple[int, int], problem: Problem) -> Snapshot:
    """``snap`` with every run's point, path, gradient and step in the plane ``(i, j)``, on
    ``problem`` (the plane's, from ``plane_problem``): what a view of two parameters draws."""
    cols = list(plane)
    tracks = tuple(_track(t, cols) for t in snap.tracks)
    start = tuple(float(snap.start[c]) for c in cols)
    return replace(snap, tracks=tracks, problem=problem, start=start, slices=(), model_x=None, model_y=None)


def _track(t: Track, cols: list[int]) -> Track:
    def two(a):
        return None if a is None else np.asarray(a)[..., cols]

    return replace(
        t, params=two(t.params), gradient=two(t.gradient), next_params=two(t.next_params),
        update_gradient=two(t.update_gradient), grad_norm=t.grad_norm,
        state_before={k: two(v) for k, v in t.state_before.items()},
        state_after={k: two(v) for k, v in t.state_after.items()},
        history_params=two(t.history_params), undefined_at=two(t.undefined_at),
        lookahead=None if t.lookahead is None else Lookahead(*(two(a) for a in (
            t.lookahead.position, t.lookahead.lookahead, t.lookahead.velocity, t.lookahead.position_after))),
    )


__all__ = ["plane_problem", "projected"]

"""One update taken apart, for stepping through it in class: the plain gradient step −η·∇L, what the
optimizer adds to it (momentum's carried-over velocity, or the rescaling of adaptive methods), and the
step actually taken. The second part is exactly the difference of the other two."""

from dataclasses import dataclass

import numpy as np

from .i18n import tr

GRADIENT, CORRECTION, STEP = 0, 1, 2


@dataclass(frozen=True)
class Part:
    kind: int  # GRADIENT, CORRECTION or STEP
    start: np.ndarray  # (d,) offsets from the current point
    end: np.ndarray
    caption: str


def correction_caption(optimizer: str) -> str:
    if optimizer in ("momentum", "nesterov"):
        return tr("momentum: −η·μ·b")
    if optimizer in ("adam", "adamax", "nadam", "amsgrad"):
        return tr("momentum and rescaling")
    return tr("rescaling by past gradients")


def update_parts(track) -> list[Part]:
    zero = np.zeros_like(track.params)
    step = np.asarray(track.next_params, float) - np.asarray(track.params, float)
    if track.optimizer == "sgd":
        return [Part(STEP, zero, step, tr("step −η·∇L"))]
    gradient_step = -track.lr * np.asarray(track.update_gradient, float)  # the next update's η
    return [
        Part(GRADIENT, zero, gradient_step, tr("−η·∇L")),
        Part(CORRECTION, gradient_step, step, correction_caption(track.optimizer)),
        Part(STEP, zero, step, tr("step taken")),
    ]

"""Animations of a setup's runs, made on a Stage: the frames at steps A, A + K, A + 2K, … up to B, each
streamed to its encoder as it is drawn. ``animate`` is a generator that makes one frame per step of
the iteration, so the window can make a few at a time between its events (and stop), and ``gdsim
render`` all at once; closing it early leaves no file."""

import numpy as np
from PySide6.QtGui import QImage

from ..encoders import open_writer
from ..files import replacing
from .stage import Stage


def frame_count(first_step: int, last_step: int, every: int) -> int:
    """Frames at steps first_step, first_step + every, … up to last_step."""
    return (last_step - first_step) // every + 1


def rgb(image: QImage) -> np.ndarray:
    """(h, w, 3) uint8, a copy."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w = image.height(), image.width()
    rows = np.frombuffer(image.constBits(), np.uint8, count=h * image.bytesPerLine()).reshape(h, -1)
    return rows[:, : w * 3].reshape(h, w, 3).copy()


def animate(stage: Stage, path: str, fmt: str, fps: float, every: int, first_step: int, last_step: int,
            scale: float = 1):
    """Write the animation of ``stage``'s runs from ``first_step`` to ``last_step`` (``fmt``: 'gif',
    'apng' or 'mp4') to ``path``, whole or not at all; yields (frames made, frames in all) after each.
    Raises WriteRefused (an OSError) before anything is written if ``path`` cannot be replaced."""
    total = frame_count(first_step, last_step, every)
    with replacing(path) as tmp:
        writer = open_writer(tmp, fmt, fps, stage.key_colors())
        try:
            stage.advance(first_step - stage.step)
            last = None
            for made in range(1, total + 1):
                if last is None or not stage.finished:  # once every run has stopped, the picture holds
                    stage.draw()
                    last = rgb(stage.image(scale))
                writer.write(last)
                yield made, total
                if made < total:
                    stage.advance(every)
        except BaseException:
            writer.abort()
            raise
        writer.close()

"""``gdsim.render``: pictures and animations of a run without the window, drawn by the window's own views
off screen. Qt is imported when it is called, never when gdsim is imported.

    import gdsim
    gdsim.render("adam.gif", problem="rosenbrock", optimizer=["sgd", "adam"], steps=300, every=2)
    gdsim.render("lesson10.png", lesson=10, steps=500, theme="light", size=(1600, 900))

The output's suffix says what is made: ``.png`` or ``.svg``, the picture after the last step;
``.gif``, ``.apng`` or ``.mp4`` (needs ``pip install 'gdsim[video]'``), the animation of the steps
from ``first_step`` to ``steps``, one frame every ``every`` steps, at ``fps`` frames per second. The
frames are the same every time for the same arguments: the runs are stepped exactly so many steps
between two frames. Bad input raises gdsim.InputError, and nothing is written.
"""

import os
import sys
from pathlib import Path

from .engine import InputError
from .files import check_writable
from .launch import LANGUAGE_CODES
from .model.build import build
from .model.lessons import Lesson, LessonError, LessonView, load_lesson, shipped_lessons
from .model.setup import Contender, Setup
from .ui.style import SCALES, THEMES

PICTURES = ("png", "svg")
ANIMATIONS = ("gif", "apng", "mp4")
SIZE_RANGE = (64, 7680)
FPS_RANGE = (1, 100)  # a GIF's frame lasts at least 1/100 s
MAX_FRAMES = 100_000
DEFAULT_SIZE = (1280, 720)


def render(out, lesson=None, *, problem: str | None = None, optimizer="sgd", steps: int = 100,
           start=None, data: str | None = None, activation: str | None = None, loss: str | None = None,
           hyperparameters: dict | None = None, size=DEFAULT_SIZE, scale: float = 1.0, theme: str = "dark",
           lang: str = "en", fps: float = 20, every: int = 1, first_step: int = 0, progress=None) -> Path:
    """Draw ``lesson`` (a lesson file, the number of a shipped lesson, or a Lesson) or the setup given
    by ``problem``, ``optimizer`` (a name or a list of names, side by side), ``start``, ``data``,
    ``activation``, ``loss`` and ``hyperparameters`` (for every optimizer) into ``out``, ``size``
    (width, height) pixels, with text and lines at ``scale`` (1 to 2.5, as the window's View → Scale),
    in ``theme`` ('dark' or 'light') and ``lang`` ('en' or 'zh_CN'). ``progress(done, total)`` is
    called after each frame. Returns the path written."""
    out = Path(os.fsdecode(out))
    fmt = _format(out)
    try:
        check_writable(out)
    except OSError as e:
        raise InputError(f"cannot write {out}: {e}") from None
    built, view = _built(lesson, problem, optimizer, start, data, activation, loss, hyperparameters)
    width, height = _size(size)
    steps, every, first_step = (_whole(steps, "steps", 0), _whole(every, "every", 1),
                                _whole(first_step, "first_step", 0))
    if first_step > steps:
        raise InputError(f"first_step must be from 0 to steps ({steps}), got {first_step}")
    if fmt in ANIMATIONS and (steps - first_step) // every + 1 > MAX_FRAMES:
        raise InputError(f"that makes more than {MAX_FRAMES:,} frames; take a larger every or fewer steps")
    scale = _scale(scale)
    if theme not in THEMES:
        raise InputError(f"theme must be {' or '.join(THEMES)}, got {theme!r}")
    if lang not in LANGUAGE_CODES:
        raise InputError(f"lang must be one of: {', '.join(LANGUAGE_CODES)}; got {lang!r}")
    fps = _fps(fps)
    if fmt == "mp4":
        from .encoders import VIDEO_EXTRA, video_available

        if not video_available():
            raise InputError(f"MP4 needs the video extra: {VIDEO_EXTRA}")
    return _draw(out, fmt, built, view, (width, height), scale, theme, lang, fps, every, first_step, steps,
                 progress)


def _draw(out, fmt, built, view, size, scale, theme, lang, fps, every, first_step, steps, progress) -> Path:
    _ensure_application()
    from .files import replacing, write_atomically
    from .ui import pictures
    from .ui.animation import animate
    from .ui.i18n import Translations
    from .ui.stage import Stage
    from .ui.style import themed

    previous = Translations.current
    Translations().install(lang)
    stage = Stage(built, themed(theme, scale), size, view)
    try:
        if fmt in ANIMATIONS:
            for done, total in animate(stage, out, fmt, fps, every, first_step, steps):
                if progress is not None:
                    progress(done, total)
            return out
        with replacing(out):  # refused before anything is drawn if out cannot be written
            pass
        stage.advance(steps)
        stage.draw()
        if fmt == "svg":
            data = pictures.svg([stage.canvas], "gdsim", stage.style.background)
        else:
            data = pictures.png([stage.canvas], 1, stage.style.background)
        write_atomically(out, data, only_regular=True)
        if progress is not None:
            progress(1, 1)
        return out
    except OSError as e:
        raise InputError(f"cannot write {out}: {e}") from None
    finally:
        stage.close()
        Translations().install(previous)


def _ensure_application():
    """A QApplication; without a display, on Qt's offscreen platform (no X server needed)."""
    if not any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_quiet_offscreen)
        app = QApplication(["gdsim"])
    elif not isinstance(app, QApplication):
        raise InputError("gdsim.render needs a QApplication (widgets), not a QGuiApplication")
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=False, imageAxisOrder="col-major")  # as the window draws
    return app


def _quiet_offscreen(kind, context, message: str) -> None:
    """Qt's messages on standard error, but for what the offscreen platform says of every window."""
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def _format(out: Path) -> str:
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in PICTURES + ANIMATIONS:
        raise InputError(f"the output file must end in .{', .'.join(PICTURES + ANIMATIONS)}; "
                         f"got {str(out)!r}")
    return fmt


def _built(lesson, problem, optimizer, start, data, activation, loss, hyperparameters):
    if lesson is not None:
        if problem is not None or data is not None or activation is not None or loss is not None \
                or start is not None or hyperparameters:
            raise InputError("give a lesson or a problem with its settings, not both")
        lesson = _lesson(lesson)
        return build(lesson.setup, lesson.problem), lesson.view
    names = [optimizer] if isinstance(optimizer, str) else list(optimizer)
    if not names:
        raise InputError("give at least one optimizer")
    contenders = tuple(Contender(name, dict(hyperparameters or {})) for name in names)
    setup = Setup(problem=problem or "parabola", data=data, activation=activation, loss=loss,
                  contenders=contenders, start=None if start is None else tuple(start))
    return build(setup), LessonView()  # build raises InputError for whatever the engine refuses


def _lesson(lesson) -> Lesson:
    if isinstance(lesson, Lesson):
        return lesson
    if isinstance(lesson, int) and not isinstance(lesson, bool):
        for shipped in shipped_lessons():
            if shipped.number == lesson:
                return shipped
        numbers = [s.number for s in shipped_lessons()]
        raise InputError(f"there is no shipped lesson {lesson}; they are {min(numbers)} to {max(numbers)}")
    try:
        return load_lesson(os.fsdecode(lesson))
    except LessonError as e:
        raise InputError(str(e)) from None
    except TypeError:
        raise InputError(f"lesson must be a lesson file, a lesson's number or a Lesson; "
                         f"got {lesson!r}") from None


def _size(size) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in size)
        ok = all(float(v) == int(v) for v in size)
    except (TypeError, ValueError):
        ok = False
    if not ok or not all(SIZE_RANGE[0] <= v <= SIZE_RANGE[1] for v in (width, height)):
        raise InputError(f"size must be (width, height) in whole pixels from {SIZE_RANGE[0]} to "
                         f"{SIZE_RANGE[1]}; got {size!r}")
    return width, height


def _whole(value, name: str, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InputError(f"{name} must be a whole number ≥ {least}, got {value!r}")
    return value


def _scale(scale) -> float:
    ok = isinstance(scale, (int, float)) and not isinstance(scale, bool) and SCALES[0] <= scale <= SCALES[-1]
    if not ok:
        raise InputError(f"scale must be from {SCALES[0]:g} to {SCALES[-1]:g} (100 % to 250 %), "
                         f"got {scale!r}")
    return float(scale)


def _fps(fps) -> float:
    ok = isinstance(fps, (int, float)) and not isinstance(fps, bool) and FPS_RANGE[0] <= fps <= FPS_RANGE[1]
    if not ok:
        raise InputError(f"fps must be from {FPS_RANGE[0]} to {FPS_RANGE[1]} frames per second, got {fps!r}")
    return float(fps)

"""How the window is asked to start: ``gdsim [LESSON.toml] [--lesson N] [--theme …] [--scale …]
[--full-screen] [--lang …]``, read and checked before any window exists. No Qt here.

These options hold for this start only: the window shows them but does not remember them (a desktop
shortcut for the projector leaves the teacher's own settings as they were)."""

import argparse
import os
from dataclasses import dataclass

from .engine import InputError
from .engine.errors import shorten
from .model.lessons import Lesson, LessonError, load_lesson, shipped_lessons
from .ui.style import SCALES, THEMES

LANGUAGE_CODES = ("en", "zh_CN")  # gdsim.ui.i18n.LANGUAGES, kept here without Qt (a test compares them)
COMMANDS = ("run", "list", "basins", "render", "install-desktop", "uninstall-desktop")


@dataclass(frozen=True)
class StartOptions:
    lesson: Lesson | None = None
    theme: str | None = None
    scale: float | None = None  # 1.0 … 2.5
    language: str | None = None
    full_screen: bool = False


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise InputError(f"{message} (see 'gdsim --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gdsim", description=(
        "Open the window, on a lesson if one is given. The options hold for this start only; the "
        f"settings the window remembers stay as they were. Commands: {', '.join(COMMANDS)} "
        "(see 'gdsim COMMAND --help')."))
    parser.add_argument("lesson_file", nargs="?", metavar="LESSON.toml", help="a lesson file to open")
    parser.add_argument("--lesson", metavar="N", help="open the shipped lesson N")
    add_look_options(parser)
    parser.add_argument("--full-screen", action="store_true", help="start in full screen")
    return parser


def add_look_options(parser) -> None:
    """--theme, --scale and --lang, as the window and ``gdsim render`` take them."""
    parser.add_argument("--theme", help=f"{' or '.join(THEMES)}")
    parser.add_argument("--scale", metavar="PERCENT",
                        help=f"text and lines, {SCALES[0]:.0%} to {SCALES[-1]:.0%} (such as 200)")
    parser.add_argument("--lang", help=f"the language: {', '.join(LANGUAGE_CODES)}")


def parse(argv: list[str]) -> StartOptions:
    """The options of ``gdsim`` without a command; raises InputError saying what is allowed."""
    args = build_parser().parse_args(argv)
    if args.lesson_file is not None and args.lesson is not None:
        raise InputError("give a lesson file or --lesson N, not both")
    lesson = None
    if args.lesson is not None:
        lesson = shipped_lesson(args.lesson)
    elif args.lesson_file is not None:
        lesson = lesson_file(args.lesson_file)
    return StartOptions(lesson, theme(args.theme), scale(args.scale), language(args.lang), args.full_screen)


def lesson_file(path: str) -> Lesson:
    if not path.lower().endswith(".toml") and not os.path.exists(path):
        raise InputError(f"{path!r} is neither a command ({', '.join(COMMANDS)}) nor a lesson file (.toml)")
    try:
        return load_lesson(path)
    except LessonError as e:
        raise InputError(str(e)) from None


def shipped_lesson(text: str) -> Lesson:
    lessons = shipped_lessons()
    numbers = [lesson.number for lesson in lessons]
    try:
        number = int(text)
    except ValueError:
        number = None
    for lesson in lessons:
        if lesson.number == number:
            return lesson
    raise InputError(f"--lesson needs the number of a shipped lesson, {min(numbers)} to {max(numbers)}; "
                     f"got {text!r}")


def bounds(text: str | None, needs: str) -> list[list[float]] | None:
    """An option's comma-separated numbers as (low, high) pairs, of x or of x and y (None if not
    given); ``needs`` says what is allowed, for the refusal."""
    if text is None:
        return None
    try:
        numbers = [float(part) for part in text.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) not in (2, 4):
        raise InputError(f"{needs}; got {shorten(repr(text))}")
    return [numbers[i:i + 2] for i in range(0, len(numbers), 2)]


def theme(text: str | None) -> str | None:
    if text is not None and text not in THEMES:
        raise InputError(f"--theme needs {' or '.join(THEMES)}, got {text!r}")
    return text


def scale(text: str | None) -> float | None:
    """A scale in percent ('200', '200%') as a factor (2.0)."""
    if text is None:
        return None
    allowed = f"a percentage from {SCALES[0] * 100:.0f} to {SCALES[-1] * 100:.0f}, such as 200"
    try:
        value = float(text.strip().removesuffix("%")) / 100
    except ValueError:
        raise InputError(f"--scale needs {allowed}; got {text!r}") from None
    if not SCALES[0] <= value <= SCALES[-1]:  # NaN too
        raise InputError(f"--scale needs {allowed}; got {text!r}")
    return value


def language(text: str | None) -> str | None:
    if text is not None and text not in LANGUAGE_CODES:
        raise InputError(f"--lang needs one of: {', '.join(LANGUAGE_CODES)}; got {text!r}")
    return text

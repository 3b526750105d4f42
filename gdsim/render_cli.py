"""``gdsim render``: the command line of gdsim.render (pictures and animations without the window)."""

import sys

from .engine import InputError
from .launch import add_look_options, language, scale, shipped_lesson, theme
from .render import DEFAULT_SIZE, render


def add_parser(commands) -> None:
    p = commands.add_parser(
        "render", help="draw a lesson or a run as a picture or an animation, without the window",
        description="Draw a lesson or a problem's runs with the window's views, off screen (no X server "
                    "needed), into --out: .png or .svg (the picture after the last step), .gif, .apng or "
                    ".mp4 (the steps as an animation; MP4 needs pip install 'gdsim[video]'). The same "
                    "arguments give the same frames.")
    p.add_argument("lesson_file", nargs="?", metavar="LESSON.toml", help="a lesson file to draw")
    p.add_argument("--lesson", metavar="N", help="a shipped lesson to draw")
    p.add_argument("--problem", help="problem name (see 'gdsim list'), instead of a lesson")
    p.add_argument("--optimizer", help="optimizer name, or several side by side: sgd,momentum,adam")
    p.add_argument("--start", help="the starting point, numbers separated by commas")
    p.add_argument("--lr", help="learning rate η of every optimizer")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="another hyperparameter of every optimizer (repeatable)")
    p.add_argument("--activation", help="activation of the 'neuron' problem")
    p.add_argument("--loss", help="loss of the dataset models: sse, mse or bce")
    p.add_argument("--data", help="CSV data for the dataset models, or a built-in dataset name")
    p.add_argument("--steps", default="100", help="the last step drawn (default 100)")
    p.add_argument("--from", dest="first", default="0", metavar="A",
                   help="the first step of an animation (default 0)")
    p.add_argument("--every", default="1", metavar="K", help="one frame every K steps (default 1)")
    p.add_argument("--fps", default="20", help="frames per second of an animation (default 20)")
    p.add_argument("--size", default="x".join(map(str, DEFAULT_SIZE)), metavar="WxH",
                   help="width x height in pixels (default %(default)s)")
    add_look_options(p)
    p.add_argument("--out", required=True, metavar="FILE",
                   help="the file to write: .png, .svg, .gif, .apng or .mp4")


def run(args, whole, start_of, assignment) -> int:
    """``whole``, ``start_of`` and ``assignment``: the command line's readers of numbers and NAME=VALUE."""
    if args.lesson_file is not None and args.lesson is not None:
        raise InputError("give a lesson file or --lesson N, not both")
    lesson = shipped_lesson(args.lesson) if args.lesson is not None else args.lesson_file
    hyper = dict(assignment(text) for text in args.set)
    if args.lr is not None:
        hyper["lr"] = args.lr
    own = dict(problem=args.problem, start=start_of(args.start), data=args.data, activation=args.activation,
               loss=args.loss, hyperparameters={k: _number(v, k) for k, v in hyper.items()})
    if lesson is not None:
        if args.optimizer is not None or any(v for v in own.values()):
            raise InputError("give a lesson or --problem with its settings, not both")
        own = {}
    elif args.optimizer is not None:
        own["optimizer"] = [name.strip() for name in args.optimizer.split(",")]
    show = sys.stderr.isatty()
    look = dict(scale=scale(args.scale) or 1.0, theme=theme(args.theme) or "dark",
                lang=language(args.lang) or "en")
    render(args.out, lesson, steps=whole(args.steps, "--steps", 0), first_step=whole(args.first, "--from", 0),
           every=whole(args.every, "--every", 1), fps=_number(args.fps, "--fps"), size=_size(args.size),
           progress=_bar if show else None, **look, **own)
    if show:
        sys.stderr.write("\n")
    return 0


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{what} needs a number, got {text!r}") from None


def _size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    try:
        return int(width), int(height)
    except ValueError:
        raise InputError(f"--size needs WIDTHxHEIGHT in pixels, such as 1280x720; got {text!r}") from None


def _bar(done: int, total: int) -> None:
    filled = round(30 * done / total)
    sys.stderr.write(f"\rrendering [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} frames")
    sys.stderr.flush()

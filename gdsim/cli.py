"""The command line: ``gdsim run`` (a headless run as CSV), ``gdsim list``, and ``gdsim`` (the window)."""

import argparse
import csv
import io
import os
import re
import sys

import numpy as np

from . import __version__, basins_cli, launch, render_cli
from .engine import (
    ACTIVATIONS,
    ANALYTIC_PROBLEMS,
    BUILTIN_DATASETS,
    CUSTOM,
    LOSSES,
    OPTIMIZERS,
    PROBLEM_NAMES,
    SCHEDULES,
    InputError,
    Schedule,
    make_problem,
    simulate_in_pieces,
)
from .engine.catalog import DEFAULT_DATASET
from .engine.custom import DEFAULT_RANGE
from .engine.errors import shorten
from .engine.expression import FUNCTION_LIST, FunctionError
from .engine.run import DEFAULT_TOLERANCE
from .engine.schedules import WARMUP, WARMUP_FORMULA, schedule_parameter_names
from .files import write_atomically
from .launch import COMMANDS, bounds

MAX_STEPS = 10**9
ROWS_PER_PIECE = 2**16  # rows written at once: a run of any length takes the memory of this many
_NUMBER = r"(\d+\.?\d*|\.\d+)(e[-+]?\d+)?|inf|infinity|nan"
_NEGATIVE_NUMBERS = re.compile(rf"^-({_NUMBER})(,-?({_NUMBER}))*$", re.IGNORECASE)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr and exit status 2, and option values
    such as -1e-3 or -1.2,1 are read as numbers, not as options."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = _NEGATIVE_NUMBERS

    def error(self, message):
        raise InputError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gdsim", description="Watch gradient descent work. With no command, "
                     "opens the window: gdsim [LESSON.toml] [--lesson N] [--theme dark|light] "
                     "[--scale PERCENT] [--full-screen] [--lang en|zh_CN] (for that start only).")
    parser.add_argument("--version", action="version", version=f"gdsim {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser,
                                     metavar="{" + ",".join(COMMANDS) + "}")

    run = commands.add_parser(
        "run", help="run gradient descent without the window and write the steps as CSV",
        description="Run an optimizer on a problem and write one CSV row per step: "
                    "step,loss, the parameters, grad_norm (and lr, with a schedule). Write a negative "
                    "start as --start=-1.2,1.")
    run.add_argument("--problem", help="problem name (see 'gdsim list'; default parabola)")
    run.add_argument("--function", help="a function of x, or of x and y, to minimise, such as "
                     "--function \"x^4 - 3*x^2 + x\" (the problem custom; see 'gdsim list'); write one "
                     "that starts with a minus as --function=-x^2")
    run.add_argument("--range", help="the range of x, or of x and y, of --function: two or four numbers "
                     "separated by commas, such as --range=-3,3 or --range=-3,3,-2,2 (default -3,3 for "
                     "each variable); it sets the default start and η")
    run.add_argument("--optimizer", default="sgd", help="optimizer name (see 'gdsim list')")
    run.add_argument("--start", help="the starting point, numbers separated by commas "
                     "(default: the problem's)")
    run.add_argument("--steps", default="100", help="number of steps (default 100)")
    run.add_argument("--lr", help="learning rate η (default: the problem's suggestion)")
    run.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                     help="another hyperparameter, e.g. --set momentum=0.5, or a parameter of the "
                          "schedule, e.g. --set decay_steps=100 (repeatable)")
    run.add_argument("--schedule", help="learning-rate schedule: " + ", ".join(SCHEDULES) + " (default: "
                     "none, η stays lr); its parameters with --set, e.g. --schedule step --set "
                     "decay_steps=100 --set gamma=0.5 --set warmup=10. Update t (from 1) uses lr·λ(t); the "
                     "CSV gets a column lr, the η of the step that led to each row, empty in row 0 (the "
                     "start, which no step led to; the first step's η is in row 1), as gdsim.simulate's "
                     "lr[0] is NaN (see 'gdsim list')")
    run.add_argument("--activation", help="activation of the 'neuron' problem")
    run.add_argument("--loss", help="loss of the dataset models: sse, mse, half-mse or bce")
    run.add_argument("--data", help="CSV data for the dataset models (header row; columns x or "
                     "x1…xk, and y), or a built-in dataset name")
    run.add_argument("--batch-size", help="mini-batch size (dataset models; default: all the data)")
    run.add_argument("--seed", default="0", help="seed for the mini-batch order (default 0)")
    run.add_argument("--tol", default=str(DEFAULT_TOLERANCE),
                     help=f"stop when the gradient norm is below this (default {DEFAULT_TOLERANCE:g})")
    run.add_argument("--out", help="write the CSV to this file ('-': standard output, the default)")

    commands.add_parser("list", help="list problems, optimizers, activations, losses and datasets",
                        description="List what gdsim offers.")
    basins_cli.add_parser(commands)
    render_cli.add_parser(commands)
    for name, verb in (("install-desktop", "add"), ("uninstall-desktop", "remove")):
        commands.add_parser(name, help=f"{verb} gdsim's menu entry, icon and lesson file type (*.gdsim.toml)",
                            description=f"{verb.capitalize()} gdsim's desktop entry, its icon and the file "
                                        "type of lessons (*.gdsim.toml) in $XDG_DATA_HOME (by default "
                                        "~/.local/share), for this user.")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):
        _replace_what_cannot_be_shown(stream)
    try:
        if not argv or argv[0] not in (*COMMANDS, "-h", "--help", "--version"):
            options = launch.parse(argv)  # no command: the window, checked before it opens
            from .app import main as open_window  # Qt only when the window is asked for

            return open_window([sys.argv[0]] if sys.argv else ["gdsim"], options)
        args = build_parser().parse_args(argv)
        _refuse_bare_dashes(args)
        if args.command == "run":
            return _run(args)
        if args.command == "list":
            sys.stdout.write(describe())
            return 0
        if args.command == "basins":
            return basins_cli.run(args, _whole, _problem, _assignment, _write)
        if args.command == "render":
            return render_cli.run(args, _whole, _start, _assignment)
        if args.command in ("install-desktop", "uninstall-desktop"):
            from . import desktop

            if args.command == "install-desktop":
                sys.stdout.write(desktop.describe(desktop.install(), "wrote"))
            else:
                sys.stdout.write(desktop.describe(desktop.uninstall(), "removed"))
            return 0
    except InputError as e:
        print(f"gdsim: {_one_line(str(e))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        _quiet_closed_stdout()
        return 1
    return 0


def _refuse_bare_dashes(args) -> None:
    """argparse reads --start=-- as an empty list, not as the text '--'."""
    for key, value in vars(args).items():
        if any(isinstance(v, list) for v in (value if key == "set" else [value])):
            raise InputError(f"--{key.replace('_', '-')} needs a value, got '--'")


def _run(args) -> int:
    hyper, settings = {}, {}
    for name, value in map(_assignment, args.set):
        if name in schedule_parameter_names():
            if args.schedule is None:
                raise InputError(f"--set {name}=…: {name} is a parameter of a learning-rate schedule; "
                                 f"give --schedule too (one of: {', '.join(SCHEDULES)})")
            settings[name] = value
        else:
            hyper[name] = value
    schedule = None if args.schedule is None else Schedule(args.schedule, **settings)
    if args.lr is not None:
        if "lr" in hyper:
            raise InputError("give the learning rate once: --lr or --set lr=…, not both")
        hyper["lr"] = args.lr
    problem = _problem(args)
    pieces = simulate_in_pieces(
        problem, args.optimizer, _start(args.start), _whole(args.steps, "--steps", 0, MAX_STEPS),
        rows=ROWS_PER_PIECE, data=args.data, activation=args.activation, loss=args.loss,
        batch_size=None if args.batch_size is None else _whole(args.batch_size, "--batch-size", 1),
        seed=_whole(args.seed, "--seed", 0), tol=args.tol, schedule=schedule, **hyper,
    )
    text = csv_text(pieces.problem.param_names, pieces, pieces.lr if schedule is not None else None)
    if args.out is None or args.out == "-":
        for piece in text:
            sys.stdout.write(piece)
    else:
        _write(args.out, text)
    status, last = pieces.status[0], int(pieces.stopped_at[0])
    undefined = pieces.undefined_at[0]
    if status == "diverged" and not np.isnan(undefined).any():
        print(f"stopped at step {last + 1}: the step lands at {_point(pieces.problem, undefined)}, where "
              f"{_what_is_undefined(pieces.problem, undefined)} is not defined; the rows end at step {last}",
              file=sys.stderr)
    elif status == "diverged":
        print(f"diverged at step {last + 1}", file=sys.stderr)
    elif status == "converged":
        print(f"converged at step {last}", file=sys.stderr)
    elif status == "stuck":
        print(f"stuck at step {last}: ∇L = 0 but the loss is {float(pieces.final_loss[0]):g}, not a minimum",
              file=sys.stderr)
    return 0


def _problem(args):
    """The problem's name, or for --function the typed function (its text checked, with its range)."""
    if args.function is None:
        if args.range is not None:
            raise InputError("--range applies only to --function (the problem custom)")
        if args.problem == CUSTOM:
            raise InputError(f"--problem {CUSTOM} needs --function TEXT, such as "
                             "--function \"x^4 - 3*x^2 + x\"")
        return "parabola" if args.problem is None else args.problem
    if args.problem not in (None, CUSTOM):
        raise InputError(f"--function gives the problem ({CUSTOM}); leave out "
                         f"--problem {shorten(args.problem)}")
    try:
        return make_problem(CUSTOM, args.data, args.activation, args.loss, function=args.function,
                            range=_range(args.range))
    except FunctionError as e:
        raise InputError(f"--function {_quoted(args.function)}: {e}") from None


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _range(text: str | None):
    return bounds(text, "--range needs 2 numbers (low,high of x) or 4 (of x, then of y) separated by commas, "
                        "such as --range=-3,3 or --range=-3,3,-2,2")


def _point(problem, point) -> str:
    names = problem.param_names
    if len(names) == 1:
        return f"{names[0]} = {point[0]:g}"
    return f"({', '.join(names)}) = ({', '.join(f'{v:g}' for v in point)})"


def _what_is_undefined(problem, point) -> str:
    """L itself, or only its slope (L is a number there, its gradient is not)."""
    return "the slope of L" if np.isfinite(problem.loss(np.asarray(point)[None, :])[0]) else "L"


def csv_text(param_names, pieces, lr=None):
    """The CSV of a run's first start, piece by piece (``History`` pieces of its rows from step 0 to the
    last step reached; for a diverged run, its last finite step): step,loss, the parameters, grad_norm,
    and with ``lr`` (a function from the rows' steps to their η, as ``Pieces.lr``) a last column lr, the
    η of the update that led to the row. Row 0 is the start, which no update led to: its lr is empty, as
    ``Simulation.lr[0]`` is NaN, and the first update's η is in row 1 (a CSV reader such as numpy's or
    pandas' reads the empty cell as NaN)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(
        ["step", "loss", *param_names, "grad_norm", *(["lr"] if lr is not None else [])])
    yield buffer.getvalue()
    for piece in pieces:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        steps = piece.step.tolist()
        etas = [[]] * len(steps)
        if lr is not None:
            etas = [[repr(eta) if step else ""]
                    for step, eta in zip(steps, lr(piece.step).tolist(), strict=True)]
        columns = piece.loss[:, 0].tolist(), piece.params[:, 0].tolist(), piece.grad_norm[:, 0].tolist()
        for step, loss, params, grad_norm, eta in zip(steps, *columns, etas, strict=True):
            writer.writerow([step, repr(loss), *map(repr, params), repr(grad_norm), *eta])
        yield buffer.getvalue()


def _write(path: str, text) -> None:
    """Write the CSV to ``path`` piece by piece, all or nothing (see gdsim.files: a symbolic link's
    target, a device or a FIFO is written through; a folder, a socket or a name ending in '/' is
    refused)."""
    if not path:
        raise InputError("--out needs a file name, or '-' for standard output")
    try:
        write_atomically(path, text)
    except OSError as e:
        raise InputError(f"cannot write {path}: {e.strerror or e}") from None


def _one_line(text: str) -> str:
    """A message as one line: control characters (a newline in a file name) written as escapes."""
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: repr(m.group())[1:-1], text)


def _replace_what_cannot_be_shown(stream) -> None:
    """On a terminal whose encoding lacks η, ŷ or ≥ (PYTHONIOENCODING=ascii), print '?' instead of
    failing."""
    if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="replace")


def _quiet_closed_stdout() -> None:
    """The reader of standard output went away (`gdsim run | head`): point the descriptor at the null
    device, so that Python's flush at exit does not report the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _assignment(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise InputError(f"--set needs NAME=VALUE, such as --set momentum=0.5; got {shorten(repr(text))}")
    return name.strip(), value.strip()


def _start(text: str | None):
    if text is None:
        return None
    try:
        return [float(part) for part in text.split(",")]
    except ValueError:
        raise InputError(f"--start needs numbers separated by commas, such as --start=-1.2,1; "
                         f"got {shorten(repr(text))}") from None


def _whole(text: str, flag: str, minimum: int, maximum: int | None = None) -> int:
    allowed = f"≥ {minimum}" if maximum is None else f"from {minimum} to {maximum:,}"
    try:
        value = int(text)
    except ValueError:  # not a whole number, or more than 4300 digits
        raise InputError(f"{flag} needs a whole number {allowed}, got {shorten(repr(text))}") from None
    if value < minimum or (maximum is not None and value > maximum):
        raise InputError(f"{flag} needs a whole number {allowed}, got {shorten(repr(text))}")
    return value


def describe() -> str:
    """What ``gdsim list`` prints."""
    lines = ["Problems (--problem):"]
    for p in ANALYTIC_PROBLEMS.values():
        lines.append(f"  {p.name:<16}{p.formula}   parameters: {', '.join(p.param_names)}; "
                     f"start {','.join(f'{v:g}' for v in p.start)}; lr {p.lr:g}")
    lines.append(f"  {'linreg':<16}ŷ = w·x + b on data (default dataset: {DEFAULT_DATASET['linreg']}); "
                 "parameters w1…wk, b")
    lines.append(f"  {'neuron':<16}ŷ = f(w·x + b) on data (default dataset: {DEFAULT_DATASET['neuron']}, "
                 "activation sigmoid); parameters w1…wk, b")
    low, high = DEFAULT_RANGE
    lines.append(f"  {CUSTOM:<16}your own function: --function \"x^4 - 3*x^2 + x\" (of x), or of x and y; "
                 f"--range=x0,x1[,y0,y1] (default {low:g},{high:g} each); parameters x or x, y; start and lr "
                 "from the function")
    lines.append(f"  {'':<16}write numbers, x, y, pi, e, + - * / ^ (power), parentheses and {FUNCTION_LIST}")
    lines.append("")
    lines.append("Optimizers (--optimizer), their hyperparameters (--lr, --set NAME=VALUE) and defaults:")
    for o in OPTIMIZERS.values():
        hp = ", ".join(f"{h.name}={'problem' if h.default is None else f'{h.default:g}'}"
                       for h in o.hyperparameters)
        lines.append(f"  {o.name:<16}{hp}   (as {o.torch_equivalent})")
    lines.append("")
    lines.append("Learning-rate schedules (--schedule NAME, parameters with --set NAME=VALUE); update t = 1, "
                 "2, … uses ηₜ = lr·λ(t), η = lr:")
    for k in SCHEDULES.values():
        params = ", ".join(f"{p.name} ({p.symbol}) = {p.default:g}" for p in k.parameters)
        lines.append(f"  {k.name:<16}{k.formula}   {params + '   ' if params else ''}(PyTorch: "
                     f"{k.torch_equivalent})")
    lines.append(f"  {'all, warm-up':<16}{WARMUP_FORMULA}   warmup (w) = {WARMUP.default}")
    lines.append("")
    lines.append("Activations (--activation, problem neuron):")
    for a in ACTIVATIONS.values():
        lines.append(f"  {a.name:<16}{a.formula};  {a.derivative_formula}")
    lines.append("")
    lines.append("Losses (--loss, problems linreg and neuron):")
    for loss in LOSSES.values():
        lines.append(f"  {loss.name:<16}{loss.formula}")
    lines.append("")
    lines.append("Built-in datasets (--data NAME, or --data FILE.csv):")
    for name, (_, description) in BUILTIN_DATASETS.items():
        lines.append(f"  {name:<16}{description}")
    lines.append("")
    lines.append(f"All problem names: {', '.join(PROBLEM_NAMES)}, {CUSTOM} (with --function)")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

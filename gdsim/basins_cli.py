"""``gdsim basins``: where every start of a grid ends, as CSV (one row a start) or as a PNG map."""

import csv
import io
import sys

from .engine import SCHEDULES, InputError, Schedule
from .engine.run import DEFAULT_TOLERANCE
from .engine.schedules import schedule_parameter_names
from .engine.swarm import DEFAULT_STEPS, MAX_GRID, MAX_STARTS, MAX_STEPS, MIN_GRID, basins, label_name
from .launch import bounds
from .model.basin_map import legend_rows, percent, rgb, rgba_image


def add_parser(commands) -> None:
    p = commands.add_parser(
        "basins", help="where every start of a grid ends (basins of attraction), as CSV or a PNG map",
        description="Run an optimizer from every cell of an n × n grid (or a random cloud) of starts over "
                    "a region, all at once, and say where each ended: at which minimum (the problem's "
                    "known minima, numbered as 'gdsim list' gives them, then minima found by clustering "
                    "the end points), diverged, stuck (∇L = 0 at no minimum) or still moving when the "
                    "steps ran out. Writes CSV (one row a start) or, for --out FILE.png, the map; the "
                    "share of each basin goes to standard error.")
    p.add_argument("--problem", help="problem name with 1 or 2 parameters (see 'gdsim list'; default "
                   "himmelblau)")
    p.add_argument("--function", help="a function of x, or of x and y, to minimise (the problem custom)")
    p.add_argument("--range", help="the range of x, or of x and y, of --function, such as --range=-3,3,-2,2")
    p.add_argument("--data", help="CSV data or a built-in dataset name, for linreg and neuron")
    p.add_argument("--activation", help="activation of the 'neuron' problem")
    p.add_argument("--loss", help="loss of the dataset models: sse, mse, half-mse or bce")
    p.add_argument("--optimizer", default="sgd", help="optimizer name (see 'gdsim list'; default sgd)")
    p.add_argument("--grid", help=f"n: an n × n grid of starts at the centres of the region's cells, n from "
                   f"{MIN_GRID} to {MAX_GRID} (n starts in 1-D; default 100)")
    p.add_argument("--cloud", help=f"N starts drawn uniformly over the region instead of a grid (1 to "
                   f"{MAX_STARTS:,})")
    p.add_argument("--seed", default="0", help="seed of the cloud (default 0)")
    p.add_argument("--region", help="the region the starts cover: x0,x1 or x0,x1,y0,y1 (default: the "
                   "problem's range); write a negative first number as --region=-5,5,-5,5")
    p.add_argument("--steps", default=str(DEFAULT_STEPS), help=f"the most steps a start takes (default "
                   f"{DEFAULT_STEPS})")
    p.add_argument("--lr", help="learning rate η (default: the problem's suggestion)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="another hyperparameter, e.g. --set momentum=0.5, or a parameter of the schedule")
    p.add_argument("--schedule", help="learning-rate schedule: " + ", ".join(SCHEDULES))
    p.add_argument("--tol", default=str(DEFAULT_TOLERANCE),
                   help=f"a start stops when its gradient norm is below this (default {DEFAULT_TOLERANCE:g})")
    p.add_argument("--radius", help="how near a minimum an end point counts as there, and the tolerance of "
                   "the clustering (default 1 %% of the region's diagonal)")
    p.add_argument("--out", help="the file to write: FILE.png (the map) or FILE.csv; '-': CSV on standard "
                   "output (the default)")


def run(args, whole, problem_of, assignment, write) -> int:
    """``whole``, ``problem_of``, ``assignment`` and ``write``: the command line's readers of numbers, of
    the problem's flags and of NAME=VALUE, and its all-or-nothing writer."""
    png = args.out not in (None, "-") and args.out.lower().endswith(".png")
    hyper, settings = {}, {}
    for name, value in map(assignment, args.set):
        if name in schedule_parameter_names():
            if args.schedule is None:
                raise InputError(f"--set {name}=…: {name} is a parameter of a learning-rate schedule; "
                                 f"give --schedule too (one of: {', '.join(SCHEDULES)})")
            settings[name] = value
        else:
            hyper[name] = value
    if args.lr is not None:
        if "lr" in hyper:
            raise InputError("give the learning rate once: --lr or --set lr=…, not both")
        hyper["lr"] = args.lr
    if args.problem is None and args.function is None:
        args.problem = "himmelblau"
    problem = problem_of(args)
    result = basins(
        problem, args.optimizer, data=args.data if isinstance(problem, str) else None,
        activation=args.activation if isinstance(problem, str) else None,
        loss=args.loss if isinstance(problem, str) else None,
        grid=None if args.grid is None else whole(args.grid, "--grid", MIN_GRID, MAX_GRID),
        cloud=None if args.cloud is None else whole(args.cloud, "--cloud", 1, MAX_STARTS),
        seed=whole(args.seed, "--seed", 0), region=_region(args.region), tol=args.tol,
        steps=whole(args.steps, "--steps", 0, MAX_STEPS), radius=args.radius,
        schedule=None if args.schedule is None else Schedule(args.schedule, **settings), **hyper)
    if png:
        if result.grid is None:
            raise InputError("a PNG map needs a grid of starts (--grid), not a cloud; write the cloud as CSV")
        write(args.out, png_bytes(result))
    elif args.out in (None, "-"):
        sys.stdout.write(csv_text(result))
    else:
        write(args.out, csv_text(result))
    for row in legend_rows(result.labels, len(result.minima)):
        name = label_name(row.label)
        where = ""
        if row.label >= 0:
            where = " at (" + ", ".join(f"{v:.6g}" for v in result.minima[row.label]) + ")"
        print(f"{name}{where}: {percent(row.share)} ({row.count:,} of {len(result.labels):,} starts)",
              file=sys.stderr)
    return 0


def _region(text: str | None):
    return bounds(text, "--region needs 2 numbers (x0,x1) or 4 (x0,x1,y0,y1) separated by commas, such as "
                        "--region=-5,5,-5,5")


def csv_text(result) -> str:
    """One row a start: its point, its label's name, where it ended, the loss there, its steps and the
    engine's status."""
    names = result.problem.param_names
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*names, "label", *(f"end_{n}" for n in names), "loss", "steps", "status"])
    starts, ends = result.starts.tolist(), result.end_points.tolist()
    for start, label, end, loss, steps, status in zip(starts, result.labels.tolist(), ends,
                                                      result.end_loss.tolist(), result.steps.tolist(),
                                                      result.status, strict=True):
        writer.writerow([*map(repr, start), label_name(label), *map(repr, end), repr(loss), steps, status])
    return buffer.getvalue()


MAP_PIXELS = 600


def png_bytes(result) -> bytes:
    """The map as a PNG: each cell in its label's colour (y upwards), the minima as rings, a legend
    with each label's share on the right and the setup above."""
    from PIL import Image, ImageDraw, ImageFont

    labels = result.label_map()
    rows, columns = labels.shape
    scale = max(1, MAP_PIXELS // columns)
    width, height = columns * scale, (rows * scale if rows > 1 else MAP_PIXELS // 6)
    cells = Image.fromarray(_rgb_rows(labels[::-1], len(result.minima)), "RGB")
    cells = cells.resize((width, height), Image.Resampling.NEAREST)
    font = ImageFont.load_default(size=16)
    legend = legend_rows(result.labels, len(result.minima))
    margin, line = 16, 24
    legend_width = 330
    top = 2 * line + margin
    picture = Image.new("RGB", (margin * 3 + width + legend_width, max(top + height + margin,
                                                                       top + line * len(legend) + margin)),
                        "white")
    picture.paste(cells, (margin, top))
    draw = ImageDraw.Draw(picture)
    (x0, x1), *rest = result.region
    for point in result.minima:
        px = margin + (point[0] - x0) / (x1 - x0) * width
        py = top + height / 2
        if rest:
            (y0, y1), = rest
            py = top + (y1 - point[1]) / (y1 - y0) * height
        if margin <= px <= margin + width and top <= py <= top + height:
            draw.ellipse((px - 6, py - 6, px + 6, py + 6), outline="white", width=3)
            draw.ellipse((px - 8, py - 8, px + 8, py + 8), outline="black", width=1)
    # Pillow's own font has Latin letters only: the header says η and × in words.
    lr = result.hyperparameters["lr"]
    starts = f"{result.grid} x {result.grid}" if result.problem.dim == 2 else f"{result.grid}"
    draw.text((margin, margin), f"{result.problem.title}, {result.optimizer}, lr {lr:g}: {starts} starts, "
              f"at most {result.steps_given:,} steps", fill="black", font=font)
    ranges = ", ".join(f"{n} from {lo:g} to {hi:g}" for n, (lo, hi) in zip(result.problem.param_names,
                                                                           result.region, strict=True))
    draw.text((margin, margin + line), ranges, fill="#444444", font=font)
    lx = 2 * margin + width
    for i, row in enumerate(legend):
        y = top + i * line
        draw.rectangle((lx, y + 2, lx + 16, y + 18), fill=rgb(row.label), outline="black")
        name = label_name(row.label)
        draw.text((lx + 24, y), f"{name}: {percent(row.share)} ({row.count:,})", fill="black", font=font)
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def _rgb_rows(labels, minima):
    return rgba_image(labels, minima)[..., :3].copy()

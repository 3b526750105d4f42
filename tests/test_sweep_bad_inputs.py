"""The sweep: hundreds of bad inputs, each refused cleanly and changing nothing.

Every row of ``ROWS`` is one bad input and the phrase its message must contain. Rows go in through
one of the ``RUNNERS``:

- ``cli``: ``gdsim`` called in-process with an argv list: exit status 2, exactly one line on standard
  error starting "gdsim: ", nothing on standard output;
- ``api``: a call of the Python API, ``f(tmp)``: it raises ``InputError`` (or the row's ``raises``);
- ``csv``: a file's bytes (or a function making the file): ``load_dataset`` raises InputError, and
  ``gdsim run --problem linreg --data FILE`` fails as a ``cli`` row does, both with the phrase;
- ``lesson``: a lesson file's text or bytes (or a function making the path): ``load_lesson`` raises
  one LessonError, a one-line message whose templates fill in (the window translates them);
- ``settings``: a settings file's text or bytes (or a function making the path): ``Settings`` reads
  every value without raising, uses the defaults, names exactly one damaged value or file, and Qt
  logs nothing.

For every row, whatever the runner: the message holds the phrase, no traceback text appears, no
warning is issued (recorded, not raised, so that nothing can catch it), and every file and folder
in the row's scratch folder (hostile files included: FIFOs, sockets, devices, symlinks) is as it was,
compared by type, mode, inode, size, time and contents. A row that blocks fails after 10 s; a
lesson or settings row must also finish within 2 s (the window reads these on its own thread).

To add rows: append ``Bad(via, input, says)`` to ``ROWS`` (or use the helpers below). To add a way
in (the lesson loader, the settings reader), register a ``Runner`` in ``RUNNERS``: ``prepare`` makes
the files the row needs (before the snapshot), ``run`` feeds the row in, makes the checks of its
kind and returns the messages it saw.
"""

import hashlib
import json
import os
import random
import shutil
import signal
import socket
import stat
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QByteArray

import gdsim
from gdsim import InputError, Run, Schedule, make_problem, simulate
from gdsim.cli import main
from gdsim.engine import OPTIMIZERS, load_dataset
from gdsim.engine.csv_file import MAX_BYTES, MAX_ROWS, MAX_VALUES
from gdsim.files import WriteRefused, write_atomically
from gdsim.model.build import Built
from gdsim.model.lessons import MAX_BYTES as MAX_LESSON_BYTES
from gdsim.model.lessons import LessonError, load_lesson
from gdsim.model.remembered import setup_to_json
from gdsim.model.setup import Setup
from gdsim.ui.settings import Settings
from gdsim.ui.style import SCALES, THEMES


@dataclass(frozen=True)
class Bad:
    via: str  # a key of RUNNERS
    input: object  # what the runner feeds in: argv, a call, a file's contents
    says: str  # a phrase the message must contain
    raises: type = InputError  # for 'api' rows
    name: str = ""

    @property
    def id(self) -> str:
        text = self.name or (" ".join(map(str, self.input)) if isinstance(self.input, tuple) else self.says)
        return f"{self.via}: {text}"[:90]


ROWS: list[Bad] = []


def cli(*argv: str, says: str) -> None:
    ROWS.append(Bad("cli", argv, says))


def api(call: Callable, says: str, name: str, raises: type = InputError) -> None:
    ROWS.append(Bad("api", call, says, raises, name))


def data(content, says: str, name: str = "") -> None:
    ROWS.append(Bad("csv", content, says, name=name or (repr(content)[:60] if isinstance(content, bytes)
                                                         else content.__name__)))


# --- the scratch folder: hostile things to read from and write to ------------------------------------


def scene(tmp: Path) -> None:
    """The same hostile neighbourhood for every row: {tmp}/NAME in a row refers to these."""
    (tmp / "sub").mkdir()
    (tmp / "file").write_text("a regular file\n")
    (tmp / "bad.csv").write_text("x,y\n1,2\n3,four\n")
    (tmp / "line.csv").write_text("x,y\n0,1\n1,3\n2,5\n")
    os.mkfifo(tmp / "fifo")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp / "sock"))  # the socket file stays after the socket is closed
    sock.close()
    (tmp / "link-to-sub").symlink_to(tmp / "sub")
    (tmp / "loop-a").symlink_to(tmp / "loop-b")
    (tmp / "loop-b").symlink_to(tmp / "loop-a")
    (tmp / "dangling").symlink_to(tmp / "missing" / "x.csv")
    (tmp / "zero.csv").symlink_to("/dev/zero")
    (tmp / "folder.csv").mkdir()
    try:
        os.mknod(tmp / "disk", stat.S_IFBLK | 0o600, os.makedev(7, 0))
    except PermissionError:
        pass


def snapshot(folder, seen=None, prefix="") -> dict:
    """Everything about everything under ``folder`` that a write could change; FIFOs, sockets and
    devices by their metadata only (they are never opened), symlinks not followed."""
    seen = {} if seen is None else seen
    for entry in os.scandir(folder):
        st = entry.stat(follow_symlinks=False)
        facts = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), st.st_ino, st.st_size, st.st_mtime_ns)
        if stat.S_ISLNK(st.st_mode):
            facts += (os.readlink(entry.path),)
        elif stat.S_ISREG(st.st_mode) and st.st_size <= 2**20:
            facts += (hashlib.sha256(Path(entry.path).read_bytes()).hexdigest(),)
        elif stat.S_ISDIR(st.st_mode):
            snapshot(entry.path, seen, prefix + entry.name + "/")
        seen[prefix + entry.name] = facts
    return seen


# --- runners -------------------------------------------------------------------------------------------


def run_cli(argv, tmp: Path, capsys) -> str:
    argv = [a.format(tmp=tmp) for a in argv]
    status = main(argv)
    out, err = capsys.readouterr()
    assert status == 2, (status, out[:200], err)
    assert out == "", out[:200]
    assert err.startswith("gdsim: ") and err.endswith("\n") and err.count("\n") == 1, err
    return err


def run_api(row: Bad, tmp: Path, capsys, prepared) -> list[str]:
    with pytest.raises(row.raises) as e:
        row.input(tmp)
    out, err = capsys.readouterr()
    assert out == err == ""
    message = str(e.value)
    assert "\n" not in message, message
    if isinstance(e.value, InputError):
        assert message == e.value.template.format(**e.value.values)  # the window can translate it
    return [message]


def make_csv(row: Bad, tmp: Path) -> Path:
    if callable(row.input):
        return row.input(tmp)
    path = tmp / "data.csv"
    path.write_bytes(row.input)
    return path


def run_csv(row: Bad, tmp: Path, capsys, path: Path) -> list[str]:
    with pytest.raises(InputError) as e:
        load_dataset(path)
    message = str(e.value)
    assert "\n" not in message and message == e.value.template.format(**e.value.values)
    return [message, run_cli(("run", "--problem", "linreg", "--data", str(path)), tmp, capsys)]


@dataclass(frozen=True)
class Runner:
    run: Callable  # (row, tmp, capsys, what prepare made) -> the messages seen; makes its own checks
    prepare: Callable = lambda row, tmp: None  # files the row reads, made before the snapshot
    seconds: float | None = None  # the longest a row may take (measured, generous: it proves no hang)


def make_file(row: Bad, tmp: Path, name: str) -> Path:
    """The row's file: its text or bytes written to ``name``, or what its function makes."""
    if callable(row.input):
        return row.input(tmp)
    path = tmp / name
    if isinstance(row.input, bytes):
        path.write_bytes(row.input)
    else:
        path.write_text(row.input, encoding="utf-8")
    return path


def messages_inside(error) -> list:
    """A message and every message among its values (a value with a template of its own)."""
    found = [error]
    for value in getattr(error, "values", {}).values():
        if getattr(value, "template", None):
            found += messages_inside(value)
    return found


def run_lesson(row: Bad, tmp: Path, capsys, path: Path) -> list[str]:
    with pytest.raises(LessonError) as e:
        load_lesson(path)
    message = str(e.value)
    assert "\n" not in message and len(message) < 1000, message[:300]
    for inner in messages_inside(e.value):  # each a template the window can translate
        assert str(inner) == (inner.template.format(**inner.values) if inner.values else inner.template)
    assert capsys.readouterr() == ("", "")
    return [message]


def run_settings(row: Bad, tmp: Path, capsys, path: Path) -> list[str]:
    from PySide6.QtCore import qInstallMessageHandler

    logged = []
    previous = qInstallMessageHandler(lambda kind, context, text: logged.append(text))
    try:
        settings = Settings(path)
        theme, scale, geometry = settings.theme, settings.scale, settings.geometry()
        built = settings.last_setup()
    finally:
        qInstallMessageHandler(previous)
    assert logged == []
    assert theme in THEMES and SCALES[0] <= scale <= SCALES[-1]
    assert all(g is None or isinstance(g, QByteArray) for g in geometry)
    assert built is None or isinstance(built, Built)
    assert len(settings.damaged) == 1, [str(m) for m in settings.damaged]  # named once
    message = str(settings.damaged[0])
    assert message.startswith("Settings: ") and "\n" not in message and len(message) < 1000, message[:300]
    for inner in messages_inside(settings.damaged[0]):
        assert str(inner) == (inner.template.format(**inner.values) if inner.values else inner.template)
    assert capsys.readouterr() == ("", "")
    return [message]


RUNNERS: dict[str, Runner] = {
    "cli": Runner(lambda row, tmp, capsys, _: [run_cli(row.input, tmp, capsys)]),
    "api": Runner(run_api),
    "csv": Runner(run_csv, make_csv),
    "lesson": Runner(run_lesson, lambda row, tmp: make_file(row, tmp, "lesson.toml"), seconds=2.0),
    "settings": Runner(run_settings, lambda row, tmp: make_file(row, tmp, "gdsim.ini"), seconds=2.0),
}


# --- the command line -----------------------------------------------------------------------------------

cli("walk", says="'walk' is neither a command")  # nor a lesson file: gdsim FILE opens a lesson
cli("--frobnicate", says="unrecognized arguments: --frobnicate")
cli("run", "--frobnicate", says="unrecognized arguments")
cli("list", "everything", says="unrecognized arguments: everything")
cli("run", "--steps", says="expected one argument")
cli("run", "--problem", says="expected one argument")
cli("run", "--out", says="expected one argument")
cli("run", "--set", says="expected one argument")

for bad in ["", "sphere", "PARABOLA", " parabola", "parabola ", "rosenbrock;rm", "x" * 5000, "\n",
            "ｐarabola", "None", "[parabola]"]:
    cli("run", "--problem", bad, says="unknown problem")
for bad in ["", "adamw", "SGD", "sgd ", "lbfgs", "adam\t", "0"]:
    cli("run", "--optimizer", bad, says="unknown optimizer")
for bad in ["", "swish", "Sigmoid", "gelu", "sigmoid,tanh"]:
    cli("run", "--problem", "neuron", "--activation", bad, says="unknown activation")
cli("run", "--problem", "linreg", "--activation", "tanh", says="linreg has no activation")
cli("run", "--problem", "parabola", "--activation", "tanh", says="is a fixed function; activation applies")
cli("run", "--problem", "rosenbrock", "--data", "line", "--loss", "mse", says="data, loss apply only")
for bad in ["", "hinge", "BCE", "l1"]:
    cli("run", "--problem", "neuron", "--loss", bad, says="unknown loss")
cli("run", "--problem", "linreg", "--loss", "bce", says="loss 'bce' needs an activation")
cli("run", "--problem", "neuron", "--activation", "tanh", "--loss", "bce", says="'tanh' does not")
cli("run", "--problem", "neuron", "--data", "line", "--loss", "bce", says="needs targets y between 0 and 1")
cli("run", "--problem", "neuron", "--data", "{tmp}/line.csv", "--loss", "bce", says="line 3: loss 'bce'")

for bad in ["one", "", ",", "1,", ",1", "1 2", "1;2", "0x10", "1j", "(1+2j)", "1,,2", "1e", "e1", "-"]:
    cli("run", f"--start={bad}", says="--start needs numbers separated by commas")
for bad in ["nan", "inf", "-inf", "1e400", "-1e999", "NaN"]:
    cli("run", f"--start={bad}", says="a start must be finite numbers")
cli("run", "--start", "1,2", says="has 1 parameter (x)")
cli("run", "--problem", "rosenbrock", "--start", "1", says="has 2 parameters (x, y)")
cli("run", "--problem", "rosenbrock", "--start", "1,2,3", says="a start with 3 numbers does not fit")
cli("run", "--problem", "linreg", "--start", "1", says="has 2 parameters (w, b)")
cli("run", "--start", ",".join(["1"] * 100_000), says="a start with 100000 numbers does not fit")
cli("run", "--start=1e200", says="the loss or its gradient is not finite at the start (1e+200,)")
for option in ["--start", "--steps", "--lr", "--tol", "--problem", "--out", "--data", "--set", "--seed"]:
    cli("run", f"{option}=--", says=f"{option} needs a value, got '--'")
cli("run", "--start=-1e60", says="a start is too far out")
cli("run", "--problem", "rosenbrock", "--start=1e80,0", says="not finite at the start (1e+80, 0.0)")
cli("run", "--problem", "rosenbrock", "--start=1e30,0", says="a start is too far out")

for bad in ["ten", "-3", "2.5", "1e3", "", " ", "0x10", "1" + "0" * 400, "9" * 5000, "1000000001", "+-1"]:
    cli("run", "--steps", bad, says="--steps needs a whole number from 0 to 1,000,000,000")

for bad in ["fast", "", "1j", "0x1", "one half", "1,5"]:
    cli("run", "--lr", bad, says="the learning rate η (lr) must be a number")
for bad in ["nan", "inf", "-inf", "1e400", "-1e999"]:
    cli("run", "--lr", bad, says="the learning rate η (lr) must be a finite number")
for bad in ["-0.1", "-1e-3", "-1", "-1e-300"]:
    cli("run", f"--lr={bad}", says="the learning rate η (lr) must be in [0, ∞)")
cli("run", "--lr", "0.1", "--set", "lr=0.2", says="give the learning rate once")

for bad in ["momentum", "=3", "momentum=", " = ", "=", "momentum 0.5"]:
    cli("run", "--set", bad, says="--set needs NAME=VALUE")
cli("run", "--set", "momentum=0.5", says="sgd has no hyperparameter 'momentum'")
cli("run", "--optimizer", "adam", "--set", "beta=0.5", says="adam has no hyperparameter 'beta'")
cli("run", "--optimizer", "adam", "--set", "BETA1=0.5", says="no hyperparameter 'BETA1'")
cli("run", "--optimizer", "adam", "--set", "beta1=1", says="beta1 must be in [0, 1)")
cli("run", "--optimizer", "amsgrad", "--set", "beta2=1", says="beta2 must be in [0, 1)")
cli("run", "--optimizer", "adadelta", "--set", "rho=1.5", says="rho must be in [0, 1]")
cli("run", "--optimizer", "rmsprop", "--set", "alpha=2", says="alpha must be in [0, 1]")
cli("run", "--optimizer", "nesterov", "--set", "momentum=0", says="momentum must be in (0, ∞)")
for name, optimizer in OPTIMIZERS.items():
    for h in optimizer.hyperparameters:
        if h.name == "lr":
            continue
        cli("run", "--optimizer", name, "--set", f"{h.name}=-1", says=f"{h.name} must be in")
        cli("run", "--optimizer", name, "--set", f"{h.name}=abc", says=f"{h.name} must be a number")
        cli("run", "--optimizer", name, "--set", f"{h.name}=nan", says=f"{h.name} must be a finite number")
        cli("run", "--optimizer", name, "--set", f"{h.name}=1e400", says=f"{h.name} must be a finite number")

# Learning-rate schedules: their names and parameters (through --set).
for bad in ["", "linear", "Cosine", "cosine ", "step,cosine", "1/t", "warmup"]:
    cli("run", "--schedule", bad, says="unknown schedule")
for name in ["decay_steps", "gamma", "decay", "floor", "warmup"]:
    cli("run", "--set", f"{name}=1",
        says=f"{name} is a parameter of a learning-rate schedule; give --schedule")
cli("run", "--schedule", "constant", "--set", "gamma=0.5",
    says="the schedule constant has no parameter 'gamma'")
cli("run", "--schedule", "exponential", "--set", "decay_steps=3", says="its parameters are: gamma, warmup")
cli("run", "--schedule", "cosine", "--set", "gama=0.5", says="sgd has no hyperparameter 'gama'")
for schedule, setting, says in [
        ("step", "gamma=0", "gamma must be in (0, 1], got 0"),
        ("step", "gamma=1.5", "gamma must be in (0, 1]"), ("step", "gamma=-1", "gamma must be in (0, 1]"),
        ("exponential", "gamma=nan", "must be a finite number"),
        ("exponential", "gamma=half", "gamma must be a number, got 'half'"),
        ("exponential", "gamma=1e400", "gamma must be a finite number"),
        ("inverse-time", "decay=-0.5", "decay must be in [0, ∞)"), ("inverse-time", "decay=inf", "finite"),
        ("cosine", "floor=2", "floor must be in [0, 1]"), ("cosine", "floor=-0.1", "floor must be in [0, 1]"),
        ("cosine", "decay_steps=0", "decay_steps must be a whole number from 1 to 1000000000"),
        ("cosine", "decay_steps=2.5", "decay_steps must be a whole number"),
        ("step", "decay_steps=1e3", "decay_steps must be a whole number"),
        ("step", "decay_steps=10000000000", "decay_steps must be a whole number from 1 to 1000000000"),
        ("step", "decay_steps=" + "9" * 5000, "decay_steps must be a whole number"),
        ("constant", "warmup=-1", "warmup must be a whole number from 0"),
        ("constant", "warmup=ten", "warmup must be a whole number from 0")]:
    cli("run", "--schedule", schedule, "--set", setting, says=says)
cli("run", "--schedule=--", says="--schedule needs a value, got '--'")

cli("run", "--problem", "parabola", "--data", "line", says="is a fixed function; data applies")
cli("run", "--problem", "linreg", "--data", "nosuchdataset", says="unknown dataset 'nosuchdataset'")
cli("run", "--problem", "linreg", "--data", "", says="data must be a built-in dataset name or the path")
cli("run", "--problem", "linreg", "--data", "{tmp}/missing.csv", says="missing.csv does not exist")
cli("run", "--problem", "linreg", "--data", "{tmp}/bad.csv", says="bad.csv, line 3: y is not a number")
cli("run", "--problem", "linreg", "--data", "{tmp}/folder.csv", says="is a folder, not a CSV file")
cli("run", "--problem", "linreg", "--data", "{tmp}/sub", says="is a folder, not a CSV file")
cli("run", "--problem", "linreg", "--data", "{tmp}/fifo", says="not a regular file (it is a FIFO)")
cli("run", "--problem", "linreg", "--data", "{tmp}/sock", says="not a regular file (it is a socket)")
cli("run", "--problem", "linreg", "--data", "{tmp}/zero.csv", says="not a regular file (it is a device)")
cli("run", "--problem", "linreg", "--data", "/dev/zero", says="not a regular file (it is a device)")
cli("run", "--problem", "linreg", "--data", "/dev/null", says="not a regular file (it is a device)")
cli("run", "--problem", "linreg", "--data", "{tmp}/loop-a", says="Too many levels of symbolic links")
cli("run", "--problem", "linreg", "--data", "{tmp}/dangling", says="does not exist")
cli("run", "--problem", "linreg", "--data", "{tmp}/file/x.csv", says="Not a directory")
cli("run", "--problem", "linreg", "--data", "{tmp}/a\nb.csv", says="a\\nb.csv does not exist")

for bad in ["0", "-1", "abc", "2.5", "", "1e3", "1" + "0" * 50]:
    cli("run", "--problem", "neuron", "--batch-size", bad,
        says="--batch-size needs a whole number ≥ 1" if bad in ("0", "-1", "abc", "2.5", "", "1e3")
        else "the batch size must be a whole number from 1 to 40")
cli("run", "--problem", "neuron", "--batch-size", "41", says="the batch size must be a whole number from 1")
cli("run", "--batch-size", "2", says="mini-batches need a dataset model")
for bad in ["-1", "abc", "1.5", "", "0x1"]:
    cli("run", "--seed", bad, says="--seed needs a whole number ≥ 0")
for bad in ["abc", "", "1j", "tight"]:
    cli("run", "--tol", bad, says="the tolerance must be a number")
for bad in ["nan", "inf", "1e400", "-inf"]:
    cli("run", "--tol", bad, says="the tolerance must be a finite number")
for bad in ["-1", "-1e-6", "-1e-300"]:
    cli("run", "--tol", bad, says="the tolerance must be ≥ 0")

# --- where the CSV goes: refused in one line, nothing replaced ------------------------------------------

cli("run", "--out", "", says="--out needs a file name, or '-' for standard output")
for target, says in [
    ("{tmp}/out.csv/", "the name ends in '/' or names a folder"),
    ("{tmp}/file/", "the name ends in '/' or names a folder"),
    ("{tmp}/sub/.", "the name ends in '/' or names a folder"),
    ("{tmp}/sub/..", "the name ends in '/' or names a folder"),
    ("{tmp}/sub", "it is a folder"),
    ("{tmp}/link-to-sub", "it is a folder"),
    ("{tmp}/folder.csv", "it is a folder"),
    ("{tmp}/fifo", "it is a FIFO and no program is reading from it"),
    ("{tmp}/sock", "it is a socket"),
    ("{tmp}/loop-a", "Too many levels of symbolic links"),
    ("{tmp}/dangling", "the folder {tmp}/missing does not exist"),
    ("{tmp}/missing/out.csv", "the folder {tmp}/missing does not exist"),
    ("{tmp}/file/out.csv", "{tmp}/file is not a folder"),
    ("{tmp}/" + "n" * 300 + ".csv", "File name too long"),
]:
    cli("run", "--steps", "3", "--out", target, says=f"cannot write {target}: " + says)
cli("run", "--steps", "3", "--out", "{tmp}/disk", says="it is a block device (a disk)")

# --- the Python API ---------------------------------------------------------------------------------------

PARABOLA = make_problem("parabola")
START = "a start must be real numbers"
TOL = "the tolerance must be"
STEP_LIMIT = "the step limit must be a whole number"
X_NUMBERS, Y_NUMBERS = "the data's X must be real numbers", "the data's y must be real numbers"
PAIR = "or a pair (X, y)"
NOT_DATA = "data must be a built-in dataset name or the path of a CSV file"


def fresh_run():
    return Run(PARABOLA, "sgd", [2.0], history_rows=16)


for bad in [["parabola"], {"parabola"}, ("parabola",), None, 3, b"parabola", "", "Parabola", 2.5, {"a": 1}]:
    api(lambda t, bad=bad: simulate(bad, "sgd"), "unknown problem", f"simulate(problem={bad!r})")
for bad in [["sgd"], {"sgd": 1}, None, 3, b"sgd", "", "Adam"]:
    api(lambda t, bad=bad: simulate("parabola", bad), "unknown optimizer", f"simulate(optimizer={bad!r})")
    api(lambda t, bad=bad: Run(PARABOLA, bad, [1.0]), "unknown optimizer", f"Run(optimizer={bad!r})")
for bad in [["tanh"], 3, "", "Tanh", b"tanh"]:
    api(lambda t, bad=bad: simulate("neuron", "sgd", activation=bad), "unknown activation",
        f"simulate(activation={bad!r})")
for bad in [{"sse"}, 1, "", "SSE"]:
    api(lambda t, bad=bad: simulate("neuron", "sgd", loss=bad), "unknown loss", f"simulate(loss={bad!r})")
api(lambda t: simulate("linreg", "sgd", activation=["tanh"]), "linreg has no activation", "linreg activation")
api(lambda t: simulate("parabola", "sgd", activation="tanh"), "fixed function", "parabola activation")
api(lambda t: simulate("parabola", "sgd", data="line"), "fixed function", "parabola data")

for bad, says in [
    ([1j], START), (np.array([1 + 0j]), START), ([True], START), (np.array([False]), START), (["two"], START),
    ("2", START), ([None], START), ({"x": 1}, START), (np.array([2.0], dtype=np.complex64), START),
    (np.array(["2"]), START), (np.array([np.datetime64("2020")]), START),
    ([[1.0], [1.0, 2.0]], "a start must be numbers in rows of equal length"),
    ([10**400], "a start must be finite numbers"), ([float("nan")], "a start must be finite numbers"),
    ([float("inf")], "a start must be finite numbers"), ([1.0, 2.0], "has 1 parameter (x)"),
    ([], "has 1 parameter (x)"), ([[]], "has 1 parameter (x)"), (np.zeros((2, 3)), "has 1 parameter"),
    (np.zeros((2, 2, 1)), "has 1 parameter"), (5.0, "has 1 parameter"),
    ([1e200], "the loss or its gradient is not finite"), ([1e60], "a start is too far out"),
]:
    api(lambda t, bad=bad: simulate("parabola", "sgd", start=bad), says, f"simulate(start={bad!r})")
    api(lambda t, bad=bad: Run(PARABOLA, "sgd", bad), says, f"Run(starts={bad!r})")

for bad, says in [(-1, "steps"), (2.5, "steps"), (True, "steps"), ("10", "steps"), (None, "steps"),
                  (1j, "steps"), (10**10, "GiB"), (np.float64(3), "steps")]:
    api(lambda t, bad=bad: simulate("parabola", "sgd", steps=bad), says, f"simulate(steps={bad!r})")
for bad, says in [(-1e-6, f"{TOL} ≥ 0"), ("tight", f"{TOL} a number"), (float("nan"), f"{TOL} a finite"),
                  (True, f"{TOL} a number"), (10**400, f"{TOL} a finite"), (1j, f"{TOL} a real number"),
                  (np.complex128(1e-6), f"{TOL} a real number"), ([1e-6], f"{TOL} a number"),
                  (np.array(1e-6), f"{TOL} a number"), (None, f"{TOL} a number")]:
    api(lambda t, bad=bad: simulate("parabola", "sgd", tol=bad), says, f"simulate(tol={bad!r})")
    api(lambda t, bad=bad: Run(PARABOLA, "sgd", [2.0], tol=bad), says, f"Run(tol={bad!r})")

for name, optimizer in OPTIMIZERS.items():
    for h in optimizer.hyperparameters:
        for bad, says in [(-1.0, "must be in"), ("abc", "must be a number"), (float("inf"), "a finite"),
                          (10**400, "must be a finite number"), (1j, "must be a real number"),
                          (True, "must be a number, got True")]:
            api(lambda t, n=name, h=h.name, bad=bad: simulate("parabola", n, **{h: bad}), says,
                f"simulate({name}, {h.name}={bad!r})")
api(lambda t: simulate("parabola", "sgd", beta1=0.9), "sgd has no hyperparameter 'beta1'", "sgd beta1")
api(lambda t: Run(PARABOLA, "adam", [1.0], {"": 0.1}), "adam has no hyperparameter ''", "adam ''")
api(lambda t: Run(PARABOLA, "adam", [1.0], {3: 0.1}), "adam has no hyperparameter 3", "adam 3")
for bad in [[("lr", 0.1)], "lr=0.1", 0.1, ["lr"]]:
    api(lambda t, bad=bad: Run(PARABOLA, "sgd", [2.0], bad), "hyperparameters must be given by name",
        f"Run(hyperparameters={bad!r})")

for bad, says in [
    (("a", "b"), X_NUMBERS), (({"x": 1}, [1.0]), X_NUMBERS), (([1.0, None], [1.0, 2.0]), X_NUMBERS),
    ((None, None), X_NUMBERS), (([1j, 2.0], [1.0, 2.0]), X_NUMBERS), (([True, False], [0.0, 1.0]), X_NUMBERS),
    (([1.0, 2.0], np.array([1.0, 2.0], dtype=complex)), Y_NUMBERS), (([1.0, 2.0], "ab"), Y_NUMBERS),
    (([[1.0], [1.0, 2.0]], [1.0, 2.0]), "the data's X must be numbers in rows of equal length"),
    (([1.0, 2.0], [[1.0], [2.0, 3.0]]), "the data's y must be numbers in rows of equal length"),
    (([1.0, 2.0], [1.0]), "shape"), (([], []), "shape"), (([[]], []), "shape"),
    ((np.zeros((2, 2, 2)), [1.0, 2.0]), "shape"),
    (([10**400, 1.0], [1.0, 2.0]), "the data's X must be finite numbers"),
    (([float("nan"), 1.0], [1.0, 2.0]), "data must be finite numbers"),
    (([1.0, 2.0], [float("inf"), 1.0]), "data must be finite numbers"),
    (([1e160, 2e160], [1.0, 2.0]), "row 1: x = 1e+160 is too large"),
    (([1.0, 2.0], [1.0, -1e31]), "row 2: y = -1e+31 is too large"),
    ((np.zeros((3, 101)), np.zeros(3)), "data has 101 input columns; gdsim's models take at most 100"),
    (([1.0, 2.0],), PAIR), (([1.0], [2.0], [3.0]), PAIR), ([[0.0, 1.0], [1.0, 2.0]], PAIR), (3, PAIR),
    (b"line", PAIR),
]:
    api(lambda t, bad=bad: make_problem("linreg", bad), says, f"make_problem(linreg, data={bad!r})")

for bad, says in [(0, "the batch size must be a whole number from 1 to 40"), (41, "from 1 to 40"),
                  (2.5, "the batch size"), (True, "the batch size"), ("4", "the batch size"),
                  (10**400, "from 1 to 40"), (1j, "the batch size")]:
    api(lambda t, bad=bad: simulate("neuron", "sgd", batch_size=bad), says, f"simulate(batch_size={bad!r})")
for bad in [-1, 1.5, True, "3", None, 1j]:
    api(lambda t, bad=bad: simulate("neuron", "sgd", batch_size=4, seed=bad),
        "the seed must be a whole number", f"simulate(seed={bad!r})")
api(lambda t: simulate("parabola", "sgd", batch_size=2), "mini-batches need a dataset model", "no batches")

for bad in ["", "linear", "COSINE", ["cosine"], 3, b"step", {"name": "step"}, True]:
    api(lambda t, bad=bad: simulate("parabola", "sgd", schedule=bad), "unknown schedule",
        f"simulate(schedule={bad!r})")
    api(lambda t, bad=bad: fresh_run().set_schedule(bad), "unknown schedule", f"Run.set_schedule({bad!r})")
for name_, settings, says in [
        ("step", {"gamma": 0}, "gamma must be in (0, 1]"), ("step", {"gamma": 1j}, "must be a real number"),
        ("step", {"gamma": True}, "gamma must be a number"),
        ("step", {"gamma": [0.5]}, "gamma must be a number"),
        ("step", {"decay_steps": 0}, "decay_steps must be a whole number from 1"),
        ("step", {"decay_steps": 2.5}, "decay_steps must be a whole number"),
        ("step", {"decay_steps": 10**400}, "decay_steps must be a whole number"),
        ("step", {"decay_steps": np.float64("nan")}, "decay_steps must be a whole number"),
        ("cosine", {"floor": 10**400}, "floor must be a finite number"),
        ("cosine", {"warmup": -1}, "warmup must be a whole number from 0"),
        ("cosine", {"gamma": 0.5}, "the schedule cosine has no parameter 'gamma'"),
        ("constant", {"": 1}, "the schedule constant has no parameter ''")]:
    api(lambda t, n=name_, kw=settings: Schedule(n, **kw), says, f"Schedule({name_!r}, {settings!r})")
for bad in [0, -1, 2.5, "3", None, True, np.array([0, 1])]:
    api(lambda t, bad=bad: fresh_run().lr_at(bad), "lr_at needs update numbers t ≥ 1", f"Run.lr_at({bad!r})")

for bad in ["parabola", None, 3, simulate, ["parabola"]]:
    api(lambda t, bad=bad: Run(bad, "sgd", [1.0]), "a run needs a problem made by make_problem",
        f"Run(problem={bad!r})")
for bad in [-1, 2.5, 2.0, True, "3", None, 1j, [3], np.float64(1)]:
    api(lambda t, bad=bad: fresh_run().advance(bad), "the number of steps must be a whole number ≥ 0",
        f"Run.advance({bad!r})")
for bad in [-1, 2.5, "10", True, 1j, [10]]:
    api(lambda t, bad=bad: Run(PARABOLA, "sgd", [2.0], step_limit=bad), STEP_LIMIT, f"Run(limit={bad!r})")
    api(lambda t, bad=bad: fresh_run().set_step_limit(bad), STEP_LIMIT, f"Run.set_step_limit({bad!r})")
for bad in [10**10, 10**400, 0, -5, 2.5, "100", True]:
    api(lambda t, bad=bad: Run(PARABOLA, "sgd", [2.0], history_rows=bad),
        "history_rows must be a whole number", f"Run(history_rows={bad!r})")
for name_, bad, says in [("lr", -1, "must be in"), ("lr", 10**400, "must be a finite number"),
                         ("lr", 1j, "must be a real number"), ("lr", True, "must be a number"),
                         ("momentum", 0.5, "sgd has no hyperparameter 'momentum'"),
                         (["lr"], 0.1, "sgd has no hyperparameter ['lr']")]:
    api(lambda t, n=name_, bad=bad: fresh_run().set_hyperparameter(n, bad), says,
        f"Run.set_hyperparameter({name_!r}, {bad!r})")
for bad, says in [([[1.0, 2.0]], "must have shape (K, 1)"), ("x", "the parameters must be real numbers"),
                  ([[1.0], [1.0, 2.0]], "rows of equal length"), ([1j], "the parameters must be real"),
                  ([True], "the parameters must be real numbers")]:
    api(lambda t, bad=bad: PARABOLA.loss(bad), says, f"Problem.loss({bad!r})")
    api(lambda t, bad=bad: PARABOLA.loss_and_grad(bad), says, f"Problem.loss_and_grad({bad!r})")
for bad in [12, None, b"line", ["line"], "", 1.5]:
    api(lambda t, bad=bad: load_dataset(bad), NOT_DATA, f"load_dataset({bad!r})")
api(lambda t: load_dataset("nosuchdataset"), "unknown dataset 'nosuchdataset'", "load_dataset(unknown)")
api(lambda t: load_dataset(str(t / "a\x00b.csv")), "embedded null byte", "load_dataset(NUL in name)")
api(lambda t: load_dataset(t / "fifo"), "not a regular file (it is a FIFO)", "load_dataset(FIFO)")
api(lambda t: gdsim.simulate("linreg", "sgd", data=t / "sock"), "(it is a socket)", "simulate(data=socket)")

# write_atomically, the one writer of the CLI's CSV and the lesson files: refusals change nothing.
for target, says in [("out.csv/", "the name ends in '/'"), ("sub", "it is a folder"),
                     ("link-to-sub", "it is a folder"),
                     ("fifo", "no program is reading from it"), ("sock", "it is a socket"),
                     ("missing/x.csv", "does not exist"), ("file/x.csv", "is not a folder"),
                     ("dangling", "does not exist"), ("sub/..", "the name ends in '/'")]:
    api(lambda t, target=target: write_atomically(str(t) + "/" + target, "x"), says,
        f"write_atomically({target})", raises=WriteRefused)
api(lambda t: write_atomically("", "x"), "give a file name", "write_atomically('')", raises=WriteRefused)
api(lambda t: write_atomically(t / "loop-a", "x"), "Too many levels", "write_atomically(loop)", OSError)

# --- CSV files ---------------------------------------------------------------------------------------------

NOT_A_NUMBER, EXPECTED_2 = " is not a number", "expected 2 values (x, y), found"
for content, says in [
    (b"", "is empty"), (b"\n\n  \n", "is empty"), (b",,\n , \n", "is empty"), (b"\xef\xbb\xbf", "is empty"),
    (b"x,y\n", "has a header but no data rows"), (b"x,y\n\n,\n", "has a header but no data rows"),
    (b"x,z\n1,2\n", "the header has no column y"), (b"x,y,w\n1,2,3\n", "unexpected column 'w'"),
    (b"y\n1\n", "input columns [] are not x or x1"), (b"x2,y\n1,2\n", "input columns ['x2']"),
    (b"x,x1,y\n1,2,3\n", "are not x or x1"), (b"x0,y\n1,2\n", "are not x or x1"),
    (b"x,x,y\n1,2,3\n", "a column name appears twice"), (b"x1,X1,y\n1,2,3\n", "appears twice"),
    (b"x,y,\n1,2,\n", "unexpected column ''"), (b"x;y\n1;2\n", "the header has no column y"),
    (b"x\ty\n1\t2\n", "the header has no column y"), (b"x;y,y\n1,2\n", "unexpected column 'x;y'"),
    (b"x" + b"9" * 5000 + b",y\n1,2\n", "unexpected column"), (b"1" * 10**7, "the header has no column y"),
    (b"\xef\xbb\xbf\xef\xbb\xbfx,y\n1,2\n", "unexpected column"),
    (b"x,y\n1\n", f"line 2: {EXPECTED_2} 1"), (b"x,y\n1,2,3\n", f"line 2: {EXPECTED_2} 3"),
    (b"x,y\n1,2\n3,4,\n", f"line 3: {EXPECTED_2} 3"), (b"x,y\n\n\n1,2\n\n3,4,5\n", f"line 6: {EXPECTED_2} 3"),
    (b"x,y\r\n1,2\r\n3\r\n", f"line 3: {EXPECTED_2} 1"), (b"x,y\r1,2\r3\r", f"line 3: {EXPECTED_2} 1"),
    (b"x,y\nthree,4\n", f"line 2: x{NOT_A_NUMBER}: 'three'"), (b"x,y\n1,\n", f"line 2: y{NOT_A_NUMBER}: ''"),
    (b"x,y\n0x10,1\n", f"x{NOT_A_NUMBER}: '0x10'"), (b"x,y\n1.2.3,4\n", f"x{NOT_A_NUMBER}: '1.2.3'"),
    (b"x,y\n1e,2\n", f"x{NOT_A_NUMBER}: '1e'"), (b"x,y\n--1,2\n", f"x{NOT_A_NUMBER}"),
    (b"x,y\n1 2,3\n", f"x{NOT_A_NUMBER}: '1 2'"), (b"x,y\n1,true\n", f"y{NOT_A_NUMBER}: 'true'"),
    (b"x,y\n" + b"1,2\n" * 1000 + b"5,six\n", f"line 1002: y{NOT_A_NUMBER}: 'six'"),
    (b"x,y\n1,(1+2j)\n", NOT_A_NUMBER), (b"x,y\n1,1j\n", f"y{NOT_A_NUMBER}: '1j'"),
    (b"x,y\n\xc2\xa0,1\n", f"x{NOT_A_NUMBER}"), (b"x,y\n1,\xd9\xa1\xd9\xa2x\n", f"y{NOT_A_NUMBER}"),
    (b"x,y\n" + b"7" * 100_000 + b"x,1\n", f"x{NOT_A_NUMBER}: '7777"),
    (b"x,y\n1,2\x00\n", "line 2: the file holds a NUL character"),
]:
    data(content, says)
for value in [b"nan", b"NaN", b"inf", b"-inf", b"Infinity", b"1e999", b"-1e400"]:
    data(b"x,y\n1,2\n" + value + b",5\n", "line 3: x must be finite, got '" + value.decode() + "'")
    data(b"x1,x2,y\n1,2,3\n4,5," + value + b"\n", "line 3: y must be finite")
for row, says in [(b"1e160,1", "x = 1e+160 is too large"), (b"-1e31,1", "x = -1e+31 is too large"),
                  (b"1,2e30", "y = 2e+30 is too large")]:
    data(b"x,y\n1,2\n" + row + b"\n", "line 3: " + says)
for content, says in [
    (b'x,y\n1,"2\n', "line 2: a quote is not closed"), (b'x,y\n1,2\n3,"4\n5,6\n', "line 3: a quote"),
    (b'x,y\n"1"2,3\n', "line 2: a quote is not closed or is followed by more text"),
    (b'"x,y\n1,2\n', "line 1: a quote"), (b'x,y\n"1",2\n"3"",4\n', "line 3: a quote"),
    (b'x,y\n1,2\n"3\n",4\n5,"6\n', "line 5: a quote"), (b'"x","y"\n"1","2"\n"3",four\n', "line 3: y is not"),
    (b'x,y\n"' + b"1" * 200_000 + b'",2\n', "line 2: a field is longer than 131,072 characters"),
    (b'x,y\n"1",2\n3,\x00\n', "line 3: the file holds a NUL character"),
]:
    data(content, says)
for content, says in [
    ("x,y\n1,2\n".encode("utf-16"), "line 1 is not UTF-8 text"), (b"x,y\n1,\xe9\n", "line 2 is not UTF-8"),
    (bytes(range(256)), "is not UTF-8 text"), (b"x,y\n1,2\n\n\n\xff\n", "line 5 is not UTF-8"),
    ("x,y\n1,2\n".encode("utf-32"), "line 1 is not UTF-8"),
]:
    data(content, says)
data(("," .join(f"x{i}" for i in range(1, 102)) + ",y\n" + ",".join(["1"] * 102) + "\n").encode(),
     "has 101 input columns; gdsim's models take at most 100", "101 inputs")


def too_big(tmp: Path) -> Path:
    path = tmp / "huge.csv"
    with open(path, "wb") as f:  # sparse: no disk space used
        f.write(b"x,y\n")
        f.truncate(MAX_BYTES + 1)
    return path


def too_many_rows(tmp: Path) -> Path:
    path = tmp / "long.csv"
    path.write_bytes(b"x,y\n" + b"1,2\n" * (MAX_ROWS + 1))
    return path


def too_many_lines(tmp: Path) -> Path:
    path = tmp / "blank.csv"
    path.write_bytes(b"x,y\n1,2\n" + b"\n" * (4 * MAX_ROWS))
    return path


def too_many_values(tmp: Path) -> Path:
    path = tmp / "wide.csv"
    header = ",".join(f"x{i}" for i in range(1, 21)) + ",y\n"
    path.write_bytes(header.encode() + (b"0," * 20 + b"1\n") * (MAX_VALUES // 21 + 1))
    return path


def fifo(tmp: Path) -> Path:
    return tmp / "fifo"


def symlink_to_dev_zero(tmp: Path) -> Path:
    return tmp / "zero.csv"


def dev_urandom(tmp: Path) -> Path:
    return Path("/dev/urandom")


def a_folder(tmp: Path) -> Path:
    return tmp / "folder.csv"


def a_socket(tmp: Path) -> Path:
    return tmp / "sock"


def a_symlink_loop(tmp: Path) -> Path:
    return tmp / "loop-a"


def a_dangling_symlink(tmp: Path) -> Path:
    return tmp / "dangling"


for maker, says in [
    (too_big, "is larger than 200 MB"), (too_many_rows, "1,000,001 rows, more than 1,000,000"),
    (too_many_lines, "has more than 4,000,000 lines"), (too_many_values, "at most 10,000,000 values"),
    (fifo, "(it is a FIFO)"), (symlink_to_dev_zero, "(it is a device)"), (dev_urandom, "(it is a device)"),
    (a_folder, "is a folder"), (a_socket, "(it is a socket)"), (a_dangling_symlink, "does not exist"),
    (a_symlink_loop, "Too many levels of symbolic links"),
]:
    data(maker, says)


# --- lesson files -----------------------------------------------------------------------------------------

LESSON = """\
[lesson]
number = 2
title = { en = "Two runs", zh = "两次运行" }
notes = { en = "Watch them.", zh = "看。" }

[setup]
problem = "parabola"
start = [2.0]
speed = 2
step_limit = 100
tol = 1e-6

[[setup.optimizers]]
name = "sgd"
lr = 0.1

[[setup.optimizers]]
name = "momentum"
lr = 0.05
momentum = 0.5

[view]
log_scale = false
step_parts = true
formula = true

[expect]
status = ["converged", "converged"]
final = [[0.0], []]
"""
NEURON_LESSON = LESSON.replace('problem = "parabola"\nstart = [2.0]',
                               'problem = "neuron"\ndata = "pass-fail"\nactivation = "sigmoid"\nloss = "sse"'
                               ).replace("final = [[0.0], []]\n", "")
LINES = LESSON.count("\n")  # what a row appends starts on the next line


def noise(seed: int, size: int, low: int = 0, high: int = 256) -> bytes:
    """Random bytes from low to high − 1, the same each run."""
    draw = random.Random(seed)
    return bytes(draw.randrange(low, high) for _ in range(size))


def lesson(content, says: str, name: str) -> None:
    ROWS.append(Bad("lesson", content, says, name=name))


def changed(old: str, new: str, text: str = LESSON) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def optimizer_tables(count: int) -> str:
    table = '[[setup.optimizers]]\nname = "adam"\nlr = 0.01\n'
    return LESSON.split("[[setup.optimizers]]")[0] + table * count


# Hostile files made at test time: nesting, dotted keys, tables, sizes.
lesson(LESSON + "x = " + "[" * 500 + "]" * 500 + "\n",
       f"line {LINES + 1}: arrays and tables nest more than 10",
       "arrays 500 deep (1 KB)")
DEEP = "nest more than 10 deep"
lesson(LESSON + "x = " + "[" * 100_000 + "]" * 100_000 + "\n", DEEP, "arrays 100,000 deep")
lesson(LESSON + "x = " + "{a = " * 600 + "1" + "}" * 600 + "\n", DEEP, "inline tables 600 deep")
lesson(LESSON + "x = " + "[{a = " * 300 + "1" + "}]" * 300 + "\n", DEEP, "arrays of tables deep")
lesson(LESSON + "x = [[[[[[[[[[[1]]]]]]]]]]]\n", "nest more than 10 deep", "arrays 11 deep")
lesson("[" * 20 + "a" + "]" * 20 + "\n", "line 1: arrays and tables nest more than 10", "a header 20 deep")
lesson(LESSON + "a" + ".a" * 99_999 + " = 1\n", f"line {LINES + 1}: a key has more than 8 dotted parts",
       "a key of 100,000 dotted parts (200 KB)")
lesson("[" + ".".join(["t"] * 50_000) + "]\n" + LESSON, "line 1: a key has more than 8 dotted parts",
       "a table header of 50,000 parts")
lesson(LESSON + ".".join(['"q"'] * 20_000) + " = 1\n", "a key has more than 8 dotted parts",
       "quoted dotted key")
lesson(LESSON + "a . b . c . d . e . f . g . h . i = 1\n", "a key has more than 8", "9 parts with spaces")
lesson(optimizer_tables(1000), "more than 32 tables", "1,000 optimizer tables (32 KB)")
lesson(LESSON + "".join(f"[t{i}]\n" for i in range(40)), "more than 32 tables", "40 tables")
lesson(optimizer_tables(11), "[setup] has 11 optimizers; a lesson runs at most 10 side by side",
       "11 optimizers")
lesson(LESSON + "# " + "x" * MAX_LESSON_BYTES + "\n", "is larger than 256 KB", "a comment of 256 KB")
lesson(changed('en = "Two runs"', 'en = "' + "T" * 300_000 + '"'), "is larger than 256 KB",
       "a title of 300 KB")
lesson(changed('en = "Two runs"', 'en = "' + "T" * 201 + '"'),
       "[lesson] title.en has 201 characters; 200 at most", "a title of 201 characters")
lesson(changed('zh = "两次运行"', 'zh = "' + "长" * 5000 + '"'), "[lesson] title.zh has 5,000 characters",
       "a Chinese title of 5,000 characters")
lesson(changed('en = "Watch them."', 'en = """' + "n\n" * 15_000 + '"""'),
       "[lesson] notes.en has 29,999 characters", "notes of 30,000 characters")
lesson(changed('name = "sgd"', 'name = "' + "x" * 100_000 + '"'), "unknown optimizer 'xxxxx",
       "a name of 100 KB")
lesson(changed('problem = "parabola"', 'problem = "' + "p" * 100_000 + '"'), "unknown problem 'ppp",
       "a problem of 100 KB")
lesson(changed('data = "pass-fail"', 'data = "' + "d" * 5000 + '"', NEURON_LESSON),
       "[setup] data has 5,000 characters; a path has at most 4,096", "a data path of 5,000 characters")
lesson(changed("number = 2", "number = 2\n" + "k" * 100_000 + " = 1"), "[lesson]: unknown key 'kkk",
       "a key of 100 KB")
lesson(changed("step_limit = 100", "step_limit = " + "9" * 5000),
       "the TOML reader cannot read it (ValueError(", "an integer of 5,000 digits")
lesson(changed("start = [2.0]", "start = [" + "1.0, " * 20_000 + "]"), "[setup] start has 20000 numbers",
       "a start of 20,000 numbers")
lesson(changed('status = ["converged", "converged"]', "status = [" + '"converged", ' * 10_000 + "]"),
       "[expect] status must be an array of statuses, one per optimizer (2 here)", "10,000 statuses")

# HTML where a lesson holds texts and names: shown as the text it is, or refused as any other value.
for where, old, new, says in [
    ("number", "number = 2", 'number = "<b>2</b>"', "got the string '<b>2</b>'"),
    ("problem", 'problem = "parabola"', 'problem = "<img src=/dev/zero>"',
     "unknown problem '<img src=/dev/zero>'"),
    ("name", 'name = "sgd"', "name = \"<script>alert('x')</script>\"", "unknown optimizer"),
    ("key", "number = 2", "number = 2\n\"<h1>big</h1>\" = 1", "unknown key '<h1>big</h1>'"),
    ("title", 'en = "Two runs"', 'en = "' + "<table>" * 40 + '"', "title.en has 280 characters"),
    ("notes", 'en = "Watch them."', 'en = 3', "notes.en must be a string, got 3"),
    ("lr", "lr = 0.1", 'lr = "<i>0.1</i>"', "lr must be a number, got the string '<i>0.1</i>'"),
    ("view", "formula = true", 'formula = "<b>yes</b>"', "formula must be true or false"),
    ("status", 'status = ["converged", "converged"]', 'status = ["<b>x</b>", "converged"]',
     "status[1] must be"),
    ("speed", "speed = 2", 'speed = "<marquee>max</marquee>"', "got the string '<marquee>max</marquee>'"),
]:
    lesson(changed(old, new), says, f"HTML in {where}")
lesson(b"<!DOCTYPE html><html><body><h1>Lesson</h1></body></html>\n", "line 1: ", "an HTML page")

# Paths that are no regular file, read without waiting.
for maker, says, name in [
    (lambda t: Path("/dev/zero"), "this is not a regular file (it is a device)", "/dev/zero"),
    (lambda t: Path("/dev/urandom"), "(it is a device)", "/dev/urandom"),
    (lambda t: Path("/dev/null"), "(it is a device)", "/dev/null"),
    (lambda t: t / "zero.csv", "(it is a device)", "a symlink to /dev/zero"),
    (lambda t: t / "fifo", "this is not a regular file (it is a FIFO)", "a FIFO"),
    (lambda t: t / "sock", "this is not a regular file (it is a socket)", "a socket"),
    (lambda t: t / "sub", "this is a folder, not a lesson file", "a folder"),
    (lambda t: t / "link-to-sub", "this is a folder, not a lesson file", "a symlink to a folder"),
    (lambda t: t / "loop-a", "cannot read it: Too many levels of symbolic links", "a symlink loop"),
    (lambda t: t / "dangling", "the file does not exist", "a dangling symlink"),
    (lambda t: t / "missing.toml", "the file does not exist", "no such file"),
    (lambda t: t / "file" / "x.toml", "cannot read it: Not a directory", "a path through a file"),
    (lambda t: Path(str(t) + "/a\x00b.toml"), "cannot read it: embedded null byte", "a NUL in the path"),
    (lambda t: t / ("n" * 300 + ".toml"), "cannot read it: File name too long", "a name too long"),
    (lambda t: t / "disk" if (t / "disk").exists() else t / "fifo", "this is not a regular file",
     "a device node"),
]:
    lesson(maker, says, "path: " + name)

# Bytes that are no UTF-8 text or no TOML.
lesson(b"", "the file needs a [lesson] table", "an empty file")
lesson(b"# only a comment\n\n", "the file needs a [lesson] table", "only a comment")
lesson(noise(9, 4096), "is not UTF-8 text", "4 KB of random bytes")
lesson(noise(9, 4096, low=32, high=128), "line 1: ", "4 KB of random ASCII")
lesson(bytes(range(256)) * 8, "is not UTF-8 text", "every byte value")
lesson(LESSON.encode("utf-16"), "is not UTF-8 text", "UTF-16")
lesson(LESSON.replace("看。", "caf\xe9").encode("latin-1", "replace"), "line 4: the file is not UTF-8",
       "Latin-1")
lesson(LESSON.encode() + b"\x00\n", f"line {LINES + 1}: ", "a NUL byte")
lesson(b"\xef\xbb\xbf\xef\xbb\xbf" + LESSON.encode(), "line 1: ", "two byte-order marks")
lesson(LESSON.encode() + b"\xff\xfe", "is not UTF-8 text", "bad bytes at the end")
lesson(b"\x89PNG\r\n\x1a\n" + bytes(200), "is not UTF-8 text", "a PNG")
lesson(b"PK\x03\x04" + bytes(100), "line 1: ", "a zip")
lesson(LESSON + 'x = """never closed\n', f"line {LINES + 1}: Unterminated string", "an unclosed string")
lesson(LESSON + "[lesson]\n", f"line {LINES + 1}: ", "a table twice")

# A value of the wrong kind in every key.
KINDS = {"a string": '"x"', "a float": "2.5", "true": "true", "an array": "[1, 2]", "a table": "{ a = 1 }",
         "a date": "1979-05-27", "an integer": "7", "infinity": "inf", "NaN": "nan"}
for key, old, good, says in [
    ("number", "number = 2", {"an integer"}, "[lesson] number must be a whole number from 1 to 20"),
    ("title", 'title = { en = "Two runs", zh = "两次运行" }', {"a table"},
     "[lesson] title must be a table of texts"),
    ("notes", 'notes = { en = "Watch them.", zh = "看。" }', {"a table"},
     "[lesson] notes must be a table of texts"),
    ("problem", 'problem = "parabola"', set(), "[setup] problem"),
    ("start", "start = [2.0]", {"an array"}, "[setup] start must be an array of numbers"),
    ("speed", "speed = 2", {"a float", "an integer"}, "[setup] speed must be a number of steps per second"),
    ("step_limit", "step_limit = 100", {"an integer"}, "[setup] step_limit must be a whole number from 1"),
    ("tol", "tol = 1e-6", {"a float", "an integer"}, "[setup] tol must be a number ≥ 0"),
    ("name", 'name = "sgd"', set(), "[setup] optimizers[1]"),
    ("lr", "lr = 0.1", {"a float", "an integer"}, "[setup] optimizers[1]"),
    ("momentum", "momentum = 0.5", {"a float", "an integer"}, "[setup] optimizers[2]"),
    ("log_scale", "log_scale = false", {"true"}, "[view] log_scale must be true or false"),
    ("status", 'status = ["converged", "converged"]', set(), "[expect] status"),
    ("final", "final = [[0.0], []]", set(), "[expect] final"),
]:
    for kind, value in KINDS.items():
        if kind in good:
            continue
        text = changed(old, f"{key} = {value}" if key != "name" else f"name = {value}")
        finite = key == "tol" and kind in ("infinity", "NaN")
        lesson(text, "[setup]: the tolerance must be a finite number" if finite else says, f"{key} = {kind}")
lesson(changed('en = "Two runs"', "en = 3"), "[lesson] title.en must be a string, got 3", "title.en = 3")
lesson(changed('en = "Two runs"', 'en = ""'), "[lesson] needs title.en (it is empty)", "title.en empty")
lesson(changed("[view]", "view = 3\n[other]"), "unknown table or key 'other'", "an unknown table")
lesson(changed("[[setup.optimizers]]\nname = \"sgd\"", "[setup.optimizers]\nname = \"sgd\""), "line ",
       "optimizers as one table")
lesson(LESSON.split("[[setup.optimizers]]")[0] + "optimizers = []\n",
       "[setup] optimizers must be one or more [[setup.optimizers]] tables", "no optimizers")
lesson(LESSON.split("[[setup.optimizers]]")[0] + 'optimizers = ["sgd"]\n',
       "[setup] optimizers must be one or more", "optimizers as strings")
for bad, says in [("lr = 0", "η (lr) must be from 1e-05 to 10 in the window, got 0"),
                  ("lr = 1000", "η (lr) must be from 1e-05 to 10 in the window, got 1000"),
                  ("lr = 1e-6", "got 1e-06"), ("lr = -0.1", "must be in [0, ∞)")]:
    lesson(changed("lr = 0.1", bad), says, bad)
lesson(changed("momentum = 0.5", "momentum = 1e-320"), "momentum must be 0 or from 1e-300 to 1e+300",
       "1e-320")
for bad, says in [("speed = 0", "got 0"), ("speed = 4.6e-7", "got 4.6e-07"), ("speed = 1001", "got 1001"),
                  ("speed = -1", "got -1"), ('speed = "fast"', "got the string 'fast'")]:
    lesson(changed("speed = 2", bad), "speed must be a number of steps per second from 0.1 to 1,000", bad)
    ROWS[-1] = Bad("lesson", ROWS[-1].input, says, name=bad)
for bad in ["step_limit = 0", "step_limit = -5", "step_limit = 1000000001"]:
    lesson(changed("step_limit = 100", bad),
           "[setup] step_limit must be a whole number from 1 to 1,000,000,000", bad)

# Each optimizer's schedule and mini-batches.
SGD_TABLE = 'name = "sgd"\nlr = 0.1'
for bad, says in [
        ('schedule = "cosinus"', "[setup] optimizers[1] schedule: unknown schedule 'cosinus'; choose one of"),
        ('schedule = ""', "unknown schedule ''"),
        ("schedule = 3", "[setup] optimizers[1] schedule must be a string"),
        ('schedule = ["step"]', "schedule must be a string, got the array"),
        ("gamma = 0.5",
         "[setup] optimizers[1]: gamma is a parameter of a learning-rate schedule; give schedule"),
        ('schedule = "cosine"\ngamma = 0.5', "the schedule cosine has no parameter 'gamma'"),
        ('schedule = "step"\ngamma = 0', "[setup] optimizers[1]: gamma must be in (0, 1], got 0"),
        ('schedule = "step"\ngamma = inf', "gamma must be a finite number"),
        ('schedule = "step"\ngamma = nan', "gamma must be a finite number"),
        ('schedule = "step"\ngamma = "0.5"', "[setup] optimizers[1]: gamma must be a number, got the string"),
        ('schedule = "step"\ngamma = true', "[setup] optimizers[1]: gamma must be a number, got true"),
        ('schedule = "step"\ndecay_steps = 0',
         "decay_steps must be a whole number from 1 to 1000000000, got 0"),
        ('schedule = "step"\ndecay_steps = 1.5', "decay_steps must be a whole number"),
        ('schedule = "cosine"\ndecay_steps = ' + "9" * 40, "decay_steps must be a whole number"),
        ('schedule = "cosine"\nfloor = 1.01', "floor must be in [0, 1], got 1.01"),
        ('schedule = "constant"\nwarmup = -3', "warmup must be a whole number from 0"),
        ('schedule = "constant"\nwarmup = [3]', "warmup must be a number, got the array [3]"),
        ('schedule = "step"\nwarmpu = 3', "(did you mean 'warmup'?)"),
        ("batch_size = 4", "batch_size applies only to the problems linreg and neuron"),
]:
    lesson(changed(SGD_TABLE, f"{SGD_TABLE}\n{bad}"), says, bad)
for bad, says in [
        ("batch_size = 0", "[setup] optimizers[1]: batch_size must be a whole number ≥ 1, got 0"),
        ("batch_size = 41",
         "[setup] optimizers[1]: the batch size must be a whole number from 1 to 40, got 41"),
        ("batch_size = 2.0", "batch_size must be a whole number ≥ 1, got 2.0"),
        ('batch_size = "8"', "batch_size must be a whole number ≥ 1, got the string '8'"),
        ("batch_size = true", "batch_size must be a whole number ≥ 1, got true"),
        ("batch_size = " + "9" * 40, "the batch size must be a whole number from 1 to 40, got 99999"),
        ("batch_size = 4\nseed = -1", "[setup] optimizers[1]: seed must be a whole number ≥ 0, got -1"),
        ("batch_size = 4\nseed = 1.5", "seed must be a whole number ≥ 0, got 1.5"),
        ("seed = 3", "[setup] optimizers[1]: seed orders the mini-batches; give batch_size too")]:
    lesson(changed(SGD_TABLE, f"{SGD_TABLE}\n{bad}", NEURON_LESSON), says, f"neuron {bad}")
for bad, says in [("batch_size = 0", "[setup] batch_size must be a whole number ≥ 1, got 0"),
                  ("batch_size = 100",
                   "[setup] optimizers[1]: the batch size must be a whole number from 1 to 40"),
                  ("seed = 2", "[setup] seed orders the mini-batches; give batch_size too"),
                  ("batch_size = 4\nseed = -2", "[setup] seed must be a whole number ≥ 0, got -2")]:
    lesson(changed("tol = 1e-6", f"tol = 1e-6\n{bad}", NEURON_LESSON), says, f"[setup] {bad}")
lesson(changed("tol = 1e-6", "tol = 1e-6\nbatch_size = 4"), "[setup] batch_size applies only to the problems",
       "[setup] batch_size on parabola")


def with_data(data: str):
    """A lesson whose data is ``data``, {tmp} being the scratch folder."""
    def make(tmp: Path) -> Path:
        path = tmp / "data.toml"
        path.write_text(changed('data = "pass-fail"', f'data = "{data.format(tmp=tmp)}"', NEURON_LESSON),
                        encoding="utf-8")
        return path
    return make


for data, says in [("{tmp}/fifo", "(it is a FIFO)"), ("/dev/zero", "(it is a device)"),
                   ("{tmp}/folder.csv", "is a folder, not a CSV file"), ("{tmp}/loop-a", "Too many levels"),
                   ("{tmp}/bad.csv", "line 3: y is not a number"), ("nowhere.csv", "does not exist")]:
    lesson(with_data(data), says, f"data = {data}")


# --- typed functions: through the command line, the API and a lesson file -------------------------------

# Each bad text, the phrase of its one message (with the column where the problem starts).
BAD_FUNCTIONS = [
    ("x^4 - 3x^2 + x", "column 8: a * is missing; write 3*x for 3 times x"),
    ("2x", "column 2: a * is missing; write 2*x"),
    ("x y", "column 3: a * is missing; write x*y"),
    ("sin x", "column 1: the function sin needs parentheses"),
    ("__import__('os')", "column 12: quotes are not allowed"),
    ("__import__(\"os\").system(\"ls\")", "column 12: quotes are not allowed"),
    ("().__class__", "column 3: '.' is allowed only inside numbers"),
    ("x.__class__", "column 2: '.' is allowed only inside numbers"),
    ("9**9**9", "column 4: the exponent is too large"),
    ("x^101", "column 3: the exponent is too large: 101"),
    ("(x)*" * 10_000 + "(x)", "column 301: the function is longer than 300 characters"),
    ("(" * 100 + "x" + ")" * 100, "column 33: the function nests more than 32 deep"),
    ("", "column 1: the function is empty"),
    ("   ", "column 1: the function is empty"),
    ("ｘ^2", "column 1: the character ｘ (U+FF58) is not allowed; type x instead"),
    ("х^2", "column 1: the character х (U+0445) is not allowed"),
    ("z^2", "column 1: unknown name 'z'"),
    ("eval(x)", "column 1: unknown name 'eval'"),
    ("sin(x, y)", "column 1: sin takes 1 argument, got 2"),
    ("max(x, y, 1)", "column 1: max takes 2 arguments, got 3"),
    ("x +", "column 4: the function ends too early"),
    ("x ** ** 2", "column 6: '**' cannot come here"),
    ("lambda: 0", "column 7: the character : (U+003A) is not allowed"),
    ("x[0]", "column 2: [ is not allowed; group with ( and )"),
    ("x if y else 1", "column 3: unknown name 'if'"),
    ("1e999", "column 1: the number 1e999 is out of range"),
    ("x // 2", "column 3: '//' is not allowed; divide with /"),
    ("x = 1", "column 3: '=' is not allowed"),
    ("x\ny", "column 2: a line break is not allowed"),
    ("log(-1 - x^2)", "is not defined anywhere in the range [-3, 3]"),
]
for text, says in BAD_FUNCTIONS:
    if text.strip() and "\n" not in text and not text.startswith("-"):
        cli("run", "--function", text, says=says)
    api(lambda t, text=text: gdsim.function(text), says, f"function({text[:40]!r})")
    api(lambda t, text=text: simulate("custom", "adam", function=text), says,
        f"simulate(custom, function={text[:40]!r})")
cli("run", "--function", "   ", says="column 1: the function is empty")
for argv, says in [
    (("--function", "x^2", "--range=3,-3"), "the range of x must go from a lower to a higher number"),
    (("--function", "x*y", "--range=-3,3"), "the function uses y, so the range needs a pair for x and one"),
    (("--function", "x^2", "--range=1,2,3"), "--range needs 2 numbers"),
    (("--function", "x^2", "--range=0,inf"), "the range of x must be a finite number"),
    (("--function", "x^2", "--range=-1e7,1"), "the range of x must lie within ±1e+06"),
    (("--function", "x^2", "--range=0,1e-9"), "be at least 1e-06 wide"),
    (("--function", "x^2", "--problem", "rosenbrock"), "--function gives the problem (custom)"),
    (("--problem", "custom"), "--problem custom needs --function"),
    (("--range=-3,3",), "--range applies only to --function"),
    (("--function", "x^2", "--data", "line"), "problem 'custom' is a typed function; data applies only"),
    (("--function", "x^2", "--start=1,2"), "has 1 parameter (x)"),
    (("--function", "log(x)", "--start=-1"), "the loss or its gradient is not finite at the start"),
]:
    cli("run", *argv, says=says)
for bad, says in [
    ([3, -3], "the range of x must go from a lower to a higher number, got [3, -3]"),
    ([1, 2, 3], "the range must be a pair [low, high] for x"), ("a", "the range must be a pair"),
    ([[0, 1], [0, 1], [0, 1]], "the range must be a pair"), ([True, 2], "the range of x must be a number"),
    ([0, float("inf")], "the range of x must be a finite number"),
    (["a", 1], "the range of x must be a number"),
    ([0, 1e-9], "be at least 1e-06 wide"), ([-1e7, 1], "must lie within ±1e+06"),
]:
    api(lambda t, bad=bad: gdsim.function("x^2", bad), says, f"function(x^2, range={bad!r})")
api(lambda t: gdsim.function("x*y", [-3, 3]), "the range needs a pair for x and one for y", "x*y one range")
api(lambda t: simulate("custom", "sgd"), "problem 'custom' needs a function", "custom without function")
api(lambda t: simulate("parabola", "sgd", function="x^2"), "function applies only to the problem 'custom'",
    "parabola with a function")
api(lambda t: simulate("custom", "sgd", function="x^2", data="line"),
    "data applies only to linreg and neuron", "custom with data")
api(lambda t: simulate("custom", "sgd", function=3), "a function must be text such as", "function=3")

CUSTOM_LESSON = changed('problem = "parabola"\nstart = [2.0]',
                        'problem = "custom"\nfunction = "x^4 - 3*x^2 + x"\nrange = [-3, 3]\nstart = [2.0]'
                        ).replace("final = [[0.0], []]\n", "").replace('"converged", "converged"',
                                                                     '"step limit", "step limit"')
for text, says in BAD_FUNCTIONS:
    if "\n" not in text and "\\" not in text and '"' not in text:
        place = "[setup]: the function" if says.startswith("is not defined") else "[setup] function:"
        lesson(changed('function = "x^4 - 3*x^2 + x"', f'function = "{text}"', CUSTOM_LESSON),
               f"{place} {says}" if place.endswith(":") else place, f"function = {text[:40]!r}")
for old, new, says in [
    ('function = "x^4 - 3*x^2 + x"\n', "", "[setup] problem custom needs function"),
    ('function = "x^4 - 3*x^2 + x"', "function = 3", "[setup] function must be a string, got 3"),
    ('function = "x^4 - 3*x^2 + x"', "function = ['x']", "[setup] function must be a string"),
    ("range = [-3, 3]", "range = [3, -3]", "[setup] range: the range of x must go from a lower to a higher"),
    ("range = [-3, 3]", "range = [-3, 3, 4]", "[setup] range must be two numbers [low, high]"),
    ("range = [-3, 3]", 'range = ["-3", 3]', "[setup] range must be two numbers [low, high]"),
    ("range = [-3, 3]", "range = [true, 3]", "[setup] range must be two numbers"),
    ("range = [-3, 3]", "range = [[-3, 3], [-3, 3], [0, 1]]", "[setup] range must be two numbers"),
    ("range = [-3, 3]", "range = {x = [-3, 3]}", "[setup] range must be two numbers"),
    ("range = [-3, 3]", "range = [-3, inf]", "[setup] range: the range of x must be a finite number"),
    ("range = [-3, 3]", "range = [-1e9, 3]", "[setup] range: the range of x must lie within ±1e+06"),
    ("x^4 - 3*x^2 + x", "x^4 - 3*x*y", "[setup] range: the function uses y"),
    ("start = [2.0]", "start = [2.0, 1.0]", "[setup] start has 2 numbers; problem 'custom' has 1"),
    ('"x^4 - 3*x^2 + x"', '"log(-x)"', "[setup]: the loss or its gradient is not finite at the start"),
]:
    lesson(changed(old, new, CUSTOM_LESSON), says, f"custom lesson: {new[:50]!r}")
lesson(changed('problem = "parabola"', 'problem = "parabola"\nfunction = "x^2"'),
       "[setup] function applies only to the problem custom (a typed function), not 'parabola'",
       "function in a parabola lesson")
lesson(changed('problem = "parabola"', 'problem = "parabola"\nrange = [-3, 3]'),
       "[setup] range applies only to the problem custom", "range in a parabola lesson")


# --- settings files ----------------------------------------------------------------------------------------


def ini_string(text: str) -> str:
    """A value as QSettings writes it in an ini file: quoted, backslashes and quotes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stored(**changes) -> str:
    d = json.loads(setup_to_json(Setup()))
    d.update(changes)
    return "setup=" + ini_string(json.dumps(d))


def settings(content, says: str, name: str) -> None:
    ROWS.append(Bad("settings", "[General]\n" + content + "\n" if isinstance(content, str) else content, says,
                    name=name))


for line, says in [
    ("theme=purple", "the stored theme is not usable: 'purple' is not a theme"),
    ("theme=", "'' is not a theme"),
    ("theme=DARK", "'DARK' is not a theme"), ("theme=dark, light", "['dark', 'light'] is not a theme"),
    ("theme=@ByteArray(dark)", "is not a theme"), ("theme=@Rect(1 2 3 4)", "is not a theme"),
    ("theme=@Invalid()", "the stored theme is not usable: it holds no value"),
    ("scale=abc", "the scale must be a number from 1 to 2.5, got 'abc'"), ("scale=nan", "got 'nan'"),
    ("scale=inf", "got 'inf'"), ("scale=-1", "got '-1'"), ("scale=0", "got '0'"), ("scale=100", "got '100'"),
    ("scale=1e308", "got '1e308'"), ("scale=1,5", "got ['1', '5']"),
    ("scale=@Size(1 2)", "the scale must be"),
    ("geometry=abc", "the stored geometry is not usable: it is not a window layout saved by gdsim"),
    ("window_state=1, 2", "the stored window_state is not usable"),
    ("geometry=@Point(1 2)", "the stored geometry is not usable"),
]:
    settings(line, says, line[:40])
for changes, says in [
    ({"speed": "fast"}, "the stored speed is not usable: the speed must be a number of steps per second"),
    ({"speed": 0}, "got 0; using 10.0 instead"), ({"speed": -1}, "got -1"),
    ({"speed": 4.7e-7}, "got 4.7e-07"),
    ({"speed": 1e9}, "got 1000000000.0"), ({"speed": True}, "got True"), ({"speed": float("nan")}, "got nan"),
    ({"speed": float("inf")}, "got inf"), ({"speed": [10]}, "got [10]"),
    ({"step_limit": 0}, "the stored step_limit is not usable"), ({"step_limit": -5}, "got -5"),
    ({"step_limit": 2.5}, "got 2.5"), ({"step_limit": "100"}, "got '100'"),
    ({"step_limit": 10**20}, "got 1000"),
    ({"step_limit": None}, "got None"),
    ({"tol": -1}, "the tolerance must be ≥ 0"), ({"tol": "x"}, "the tolerance must be a number"),
    ({"tol": float("nan")}, "the tolerance must be a finite number"),
    ({"problem": "sphere"}, "the last setup cannot be restored: unknown problem 'sphere'"),
    ({"problem": 3}, "unknown problem 3"), ({"problem": None}, "unknown problem None"),
    ({"contenders": []}, "contenders must be a list of 1 to 10 runs"),
    ({"contenders": "sgd"}, "contenders must be a list"),
    ({"contenders": [{"optimizer": "sgd"}] * 1000}, "contenders must be a list of 1 to 10 runs, got ["),
    ({"contenders": [3]}, "a run must be an object with an optimizer's name, got 3"),
    ({"contenders": [{"optimizer": "adom"}]}, "unknown optimizer 'adom'"),
    ({"contenders": [{"optimizer": "sgd", "hyperparameters": {"lr": 0}}]}, "η (lr) must be from 1e-05 to 10"),
    ({"contenders": [{"optimizer": "sgd", "hyperparameters": {"lr": 1000}}]}, "got 1000"),
    ({"contenders": [{"optimizer": "sgd", "hyperparameters": {"lr": "fast"}}]}, "must be a number"),
    ({"contenders": [{"optimizer": "sgd", "hyperparameters": {"momentum": 0.5}}]},
     "sgd has no hyperparameter"),
    ({"contenders": [{"optimizer": "adam", "hyperparameters": {"beta1": 1.0}}]}, "beta1 must be in [0, 1)"),
    ({"contenders": [{"optimizer": "adam", "hyperparameters": {"eps": 1e-320}}]},
     "eps must be 0 or from 1e-300"),
    ({"contenders": [{"optimizer": "adam", "hyperparameters": [0.1]}]}, "hyperparameters must be an object"),
    ({"watched": 5}, "the watched run must be a whole number from 0 to 0, got 5"),
    ({"watched": "0"}, "got '0'"),
    ({"start": "abc"}, "a start must be a list of finite numbers"), ({"start": [float("nan")]}, "got [nan]"),
    ({"start": [1.0, 2.0, 3.0]}, "the last setup cannot be restored: problem 'parabola' has 1 parameter"),
    ({"start": [1e300]}, "the last setup cannot be restored: the loss or its gradient is not finite"),
    ({"data": "line"}, "data applies only to the problems linreg, neuron, not 'parabola'"),
    ({"problem": "linreg", "data": "nosuchdataset"}, "unknown dataset 'nosuchdataset'"),
    ({"problem": "linreg", "data": "/nowhere/moved.csv"}, "data file /nowhere/moved.csv does not exist"),
    ({"problem": "linreg", "data": "/dev/zero"}, "not a regular file (it is a device)"),
    ({"problem": "linreg", "data": 3}, "data must be a built-in dataset's name or a path, got 3"),
    ({"problem": "neuron", "activation": "swish"}, "unknown activation 'swish'"),
    ({"problem": "neuron", "activation": "tanh", "loss": "bce"}, "loss 'bce' needs an activation"),
    ({"problem": "linreg", "loss": "hinge"}, "unknown loss 'hinge'"),
    ({"contenders": [{"optimizer": "sgd", "schedule": {"name": "cosinus"}}]},
     "the stored contenders[1] schedule is not usable: unknown schedule 'cosinus'"),
    ({"contenders": [{"optimizer": "sgd", "schedule": "cosine"}]}, "a schedule must be an object such as"),
    ({"contenders": [{"optimizer": "sgd", "schedule": {"name": "step", "gamma": -1}}]},
     "gamma must be in (0, 1]"),
    ({"contenders": [{"optimizer": "sgd", "schedule": {"name": "step", "decay_steps": 0.5}}]},
     "decay_steps must be a whole number"),
    ({"contenders": [{"optimizer": "sgd", "schedule": {"name": "step", "step_size": 5}}]},
     "the schedule step has no parameter 'step_size'"),
    ({"problem": "linreg", "contenders": [{"optimizer": "sgd", "batch_size": 0}]},
     "the stored contenders[1] batch_size is not usable: the batch size must be a whole number ≥ 1"),
    ({"problem": "linreg", "contenders": [{"optimizer": "sgd", "batch_size": 4, "seed": "x"}]},
     "the stored contenders[1] seed is not usable"),
    ({"contenders": [{"optimizer": "sgd", "batch_size": 4}]},
     "batch_size applies only to the problems linreg, neuron, not 'parabola'"),
    ({"problem": "linreg", "contenders": [{"optimizer": "sgd", "batch_size": 31}]},
     "the last setup cannot be restored: the batch size must be a whole number from 1 to 30, got 31"),
]:
    settings(stored(**changes), says, "setup " + json.dumps(changes)[-70:])
for text, says in [("{not json", "the last setup cannot be restored: it is not JSON"),
                   ("[]", "not a JSON object"),
                   ("null", "not a JSON object"), ("[" * 20_000 + "]" * 20_000, "it nests deeper than 8"),
                   ("[" * 70_000, "it is longer than 65,536 characters"),
                   ('{"problem": "' + "p" * 70_000 + '"}', "it is longer than 65,536 characters"),
                   ("1" * 5000, "it is not JSON")]:
    settings("setup=" + ini_string(text), says, f"setup text {text[:20]} ({len(text)})")
settings("setup=a, b", "the last setup cannot be restored: it is not text", "setup a list")


def settings_file(content: bytes):
    def make(tmp: Path) -> Path:
        path = tmp / "gdsim.ini"
        path.write_bytes(content)
        return path
    return make


UNSAFE = "cannot be read safely: "
for maker, says, name in [
    (settings_file(b"[General]\nx=@Variant(\\0\\0\\0\\t\\x7f\\xff\\xff\\xff)\n"),
     "it holds a value gdsim never writes (@Variant)", "a list of 2**31 values"),
    (settings_file(b"[General]\ntheme=@Variant(garbage)\n"), "it holds a value gdsim never writes",
     "garbage"),
    (settings_file(b"[General]\ntheme=light\n" + b"#" * 2**20), "it is larger than 1 MB", "a file of 1 MB"),
    (settings_file(noise(7, 4096, low=1)), "it is not UTF-8 text", "random bytes"),
    (settings_file(bytes(range(256)) * 4), "it holds binary data (a NUL byte)", "every byte value"),
    (settings_file("[General]\ntheme=caf\xe9\n".encode("latin-1")), "it is not UTF-8 text", "Latin-1"),
    (lambda t: t / "fifo", "it is not a regular file (it is a FIFO)", "a FIFO"),
    (lambda t: t / "sub", "it is a folder", "a folder"),
    (lambda t: t / "zero.csv", "it is not a regular file (it is a device)", "a symlink to /dev/zero"),
    (lambda t: t / "sock", "it is not a regular file (it is a socket)", "a socket"),
    (lambda t: t / "loop-a", "it cannot be read: Too many levels of symbolic links", "a symlink loop"),
]:
    ROWS.append(Bad("settings", maker, UNSAFE + says, name="settings file: " + name))


# --- the sweep ----------------------------------------------------------------------------------------------


@pytest.fixture
def watchdog():
    """A row that blocks (a FIFO waiting for its other end) fails after 10 s instead of hanging."""

    def expire(signum, frame):
        raise TimeoutError("the row did not finish within 10 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, 10)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def test_the_sweep_is_large():
    assert len(ROWS) >= 300
    assert sum(row.via == "lesson" for row in ROWS) >= 100
    assert sum(row.via == "settings" for row in ROWS) >= 40
    assert len({row.id for row in ROWS}) == len(ROWS), "two rows with the same id"


@pytest.fixture(scope="module")
def neighbourhood(tmp_path_factory):
    """One scratch folder with the hostile scene for all rows (making it anew for each row costs
    more than the rows): every row must leave it exactly as it found it."""
    folder = tmp_path_factory.mktemp("sweep")
    scene(folder)
    return folder


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_bad_input_is_refused_cleanly_and_changes_nothing(row, neighbourhood, capsys, monkeypatch, watchdog):
    tmp = neighbourhood
    if isinstance(row.input, tuple) and "{tmp}/disk" in row.input and not (tmp / "disk").exists():
        pytest.skip("making a device node needs root")
    monkeypatch.chdir(tmp)  # a relative path a row writes by mistake lands where it is seen
    runner = RUNNERS[row.via]
    before_prepare = set(os.listdir(tmp))
    try:
        prepared = runner.prepare(row, tmp)
        before = snapshot(tmp)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            started = time.perf_counter()
            messages = runner.run(row, tmp, capsys, prepared)
            took = time.perf_counter() - started
        assert [str(w.message) for w in caught] == []
        assert runner.seconds is None or took < runner.seconds, f"the row took {took:.2f} s"
        says = row.says.format(tmp=tmp)
        for message in messages:
            assert says in message, message
            assert "Traceback" not in message
        assert snapshot(tmp) == before
    finally:
        for name in set(os.listdir(tmp)) - before_prepare:  # what prepare made, or a failed row left
            path = tmp / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()

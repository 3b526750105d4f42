"""The command line: ``gdsim run`` writes CSV, ``gdsim list`` lists, and mistakes are one line, exit 2."""

import csv
import io
import math
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

import gdsim
import gdsim.cli
from gdsim.cli import main
from gdsim.engine import ACTIVATIONS, LOSSES, OPTIMIZERS, PROBLEM_NAMES, SCHEDULES
from gdsim.engine.simulate import estimated_bytes

from tolerance import TRANSCENDENTAL_ULPS, ulps

ROOT = Path(__file__).resolve().parents[1]


def run_cli(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def parse(text: str) -> tuple[list[str], np.ndarray]:
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], np.array(rows[1:], dtype=float)


# --- run -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("argv", "header"), [
    (["--problem", "parabola"], "step,loss,x,grad_norm"),
    (["--problem", "rosenbrock"], "step,loss,x,y,grad_norm"),
    (["--problem", "linreg"], "step,loss,w,b,grad_norm"),
    (["--problem", "neuron", "--activation", "tanh"], "step,loss,w,b,grad_norm"),
])
def test_cli_run_header_and_one_row_per_step(capsys, argv, header):
    status, out, err = run_cli(capsys, "run", *argv, "--steps", "25")
    assert status == 0
    assert out.splitlines()[0] == header
    _, rows = parse(out)
    np.testing.assert_array_equal(rows[:, 0], np.arange(26))
    assert err == ""


def test_cli_run_header_names_every_input_weight(capsys, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("x1,x2,y\n0,1,1\n1,0,2\n1,1,2.5\n")
    status, out, _ = run_cli(capsys, "run", "--problem", "linreg", "--data", str(path), "--steps", "3")
    assert status == 0
    assert out.splitlines()[0] == "step,loss,w1,w2,b,grad_norm"


def test_cli_run_rows_equal_simulate(capsys):
    status, out, _ = run_cli(capsys, "run", "--problem", "rosenbrock", "--optimizer", "adam",
                             "--start=-1.5,2", "--lr", "0.05", "--set", "beta1=0.8", "--steps", "40")
    assert status == 0
    sim = gdsim.simulate("rosenbrock", "adam", [-1.5, 2.0], 40, lr=0.05, beta1=0.8)
    _, rows = parse(out)
    # Numbers are written with repr, so they read back bit for bit.
    np.testing.assert_array_equal(rows[:, 1], sim.loss[:, 0])
    np.testing.assert_array_equal(rows[:, 2:4], sim.params[:, 0])
    np.testing.assert_array_equal(rows[:, 4], sim.grad_norm[:, 0])


def test_cli_run_defaults(capsys):
    # parabola, sgd, the problem's start and lr, 100 steps: x ← 0.8x from 2.
    status, out, _ = run_cli(capsys, "run", "--tol", "0")
    assert status == 0
    _, rows = parse(out)
    assert len(rows) == 101
    # Each step rounds twice and η is ½ ulp off 0.1: 2 ulps a step; 0.8**t adds pow's and the decimal's.
    np.testing.assert_allclose(rows[:, 2], 2.0 * 0.8 ** np.arange(101),
                               rtol=ulps(2 * 100 + TRANSCENDENTAL_ULPS + 2))


def test_cli_run_zero_steps_writes_the_start(capsys):
    # Booth at (−6, −6): u = −6 − 12 − 7 = −25, v = −12 − 6 − 5 = −23, f = 625 + 529 = 1154;
    # ∇f = (2u + 4v, 4u + 2v) = (−142, −146), |∇f| = √(142² + 146²) = √41480.
    status, out, _ = run_cli(capsys, "run", "--problem", "booth", "--steps", "0")
    assert status == 0
    # √ is correctly rounded, as the engine's; ** 0.5 goes through pow, which need not be.
    assert out.splitlines()[1:] == [f"0,1154.0,-6.0,-6.0,{math.sqrt(41480)!r}"]


def test_cli_run_out_writes_the_same_text(capsys, tmp_path):
    argv = ["run", "--problem", "himmelblau", "--optimizer", "momentum", "--steps", "30"]
    status, to_stdout, _ = run_cli(capsys, *argv)
    assert status == 0
    target = tmp_path / "steps.csv"
    status, out, err = run_cli(capsys, *argv, "--out", str(target))
    assert status == 0
    assert out == ""
    assert target.read_text() == to_stdout
    assert [p.name for p in tmp_path.iterdir()] == ["steps.csv"]  # no temporary file left behind


def held_csv(*args, **kw) -> str:
    """The CSV of a whole gdsim.simulate() run held in memory, as the command line wrote it before it
    streamed (with a schedule, its last column lr: the η of the update that led to each row)."""
    sim = gdsim.simulate(*args, **kw)
    with_lr = kw.get("schedule") is not None
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["step", "loss", *sim.problem.param_names, "grad_norm", *(["lr"] if with_lr else [])])
    for step in range(sim.last_step + 1):
        lr = [repr(float(sim.lr[step])) if step else ""] if with_lr else []
        writer.writerow([step, repr(float(sim.loss[step, 0])), *(repr(float(v)) for v in sim.params[step, 0]),
                         repr(float(sim.grad_norm[step, 0])), *lr])
    return buffer.getvalue()


@pytest.mark.parametrize(("argv", "args", "kw"), [
    # Held at the step limit, over 5 pieces and a bit; converging inside the 4th; diverging inside the
    # 2nd; converging on the last row of the 2nd piece (exactly 2 × 700 − 1 = 1399 steps).
    (["--problem", "rosenbrock", "--optimizer", "adam", "--lr", "0.001", "--steps", "3600", "--tol", "0"],
     ("rosenbrock", "adam", None, 3600), {"lr": 0.001, "tol": 0}),
    (["--problem", "parabola", "--lr", "0.003", "--steps", "5000"], ("parabola", "sgd", None, 5000),
     {"lr": 0.003}),
    (["--problem", "parabola", "--lr", "1.0000001", "--steps", "9000", "--start=1e-3"],
     ("parabola", "sgd", [1e-3], 9000), {"lr": 1.0000001}),
    # With schedules: the lr column streamed as it is held, warm-up and decay over several pieces.
    (["--problem", "rosenbrock", "--optimizer", "adam", "--lr", "0.01", "--steps", "2500", "--tol", "0",
      "--schedule", "cosine", "--set", "decay_steps=2000", "--set", "warmup=300"],
     ("rosenbrock", "adam", None, 2500),
     {"lr": 0.01, "tol": 0, "schedule": gdsim.Schedule("cosine", decay_steps=2000, warmup=300)}),
    (["--problem", "linreg", "--optimizer", "momentum", "--steps", "3000", "--batch-size", "7", "--seed", "3",
      "--schedule", "step", "--set", "decay_steps=500", "--set", "gamma=0.5"],
     ("linreg", "momentum", None, 3000),
     {"batch_size": 7, "seed": 3, "schedule": gdsim.Schedule("step", decay_steps=500, gamma=0.5)}),
])
def test_cli_run_streams_what_it_would_hold_byte_for_byte(capsys, tmp_path, monkeypatch, argv, args, kw):
    monkeypatch.setattr(gdsim.cli, "ROWS_PER_PIECE", 700)
    held = held_csv(*args, **kw)
    pieces = 0
    real_csv_text = gdsim.cli.csv_text

    def counting(names, rows, lr=None):
        nonlocal pieces
        for text in real_csv_text(names, rows, lr):
            pieces += 1
            yield text
    monkeypatch.setattr(gdsim.cli, "csv_text", counting)
    status, out, err = run_cli(capsys, "run", *argv)
    assert status == 0 and out == held
    assert pieces == 1 + math.ceil(held.count("\n") / 700) > 2  # the header, then pieces of 700 rows
    target = tmp_path / "run.csv"
    assert run_cli(capsys, "run", *argv, "--out", str(target))[:2] == (0, "")
    assert target.read_bytes() == held.encode()


def test_cli_run_stream_ending_on_a_piece_boundary(capsys, monkeypatch):
    sim = gdsim.simulate("parabola", "sgd", [2.0], 1000, lr=0.1)
    last = sim.last_step  # converges at step 69: pieces of 35 rows end on it
    assert last == 69
    monkeypatch.setattr(gdsim.cli, "ROWS_PER_PIECE", 35)
    status, out, err = run_cli(capsys, "run", "--lr", "0.1", "--steps", "1000")
    assert status == 0 and out == held_csv("parabola", "sgd", [2.0], 1000, lr=0.1)
    assert err == "converged at step 69\n"


def test_cli_run_memory_stays_bounded_however_long_the_run(tmp_path, monkeypatch):
    monkeypatch.setattr(gdsim.cli, "ROWS_PER_PIECE", 500)
    peaks = {}
    for steps in (2_000, 20_000):
        target = tmp_path / f"{steps}.csv"
        argv = ["run", "--lr", "1e-7", "--tol", "0", "--steps", str(steps), "--out", str(target)]
        tracemalloc.start()
        try:
            assert main(argv) == 0
            peaks[steps] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert target.read_text().count("\n") == steps + 2
    held = estimated_bytes(gdsim.make_problem("parabola"), "sgd", 1, 20_000)
    written = (tmp_path / "20000.csv").stat().st_size
    assert held > 1e6 and written > 1e6  # holding the run or its text would take a megabyte
    # Ten times the steps take no more memory (the first run also pays for first-time caches).
    assert peaks[20_000] <= peaks[2_000] + 50_000 and peaks[20_000] < 0.5 * held, (peaks, held)


def test_cli_run_diverging(capsys):
    status, out, err = run_cli(capsys, "run", "--problem", "parabola", "--lr", "1.1", "--steps", "5000")
    assert status == 0
    sim = gdsim.simulate("parabola", "sgd", [2.0], 5000, lr=1.1)
    last = int(sim.stopped_at[0])
    _, rows = parse(out)
    np.testing.assert_array_equal(rows[:, 0], np.arange(last + 1))
    assert np.isfinite(rows).all()
    np.testing.assert_array_equal(rows[:, 2], sim.params[: last + 1, 0, 0])
    assert err == f"diverged at step {int(rows[-1, 0]) + 1}\n"


def test_cli_run_converging_reports_the_step(capsys):
    status, out, err = run_cli(capsys, "run", "--steps", "500")
    assert status == 0
    _, rows = parse(out)
    assert err == f"converged at step {int(rows[-1, 0])}\n"
    assert rows[-1, 3] < 1e-6 <= rows[-2, 3]


def test_cli_run_stuck_says_the_gradient_vanished_at_no_minimum(capsys):
    # A dead ReLU: from w = −1, b = 0 every h = −x is negative, so ŷ = 0 and f′(h) = 0 for all 40
    # students while the 22 who passed are wrong: ∇L = 0 exactly, and the loss ½·22 = 11.
    status, out, err = run_cli(capsys, "run", "--problem", "neuron", "--activation", "relu", "--start=-1,0")
    assert status == 0
    _, rows = parse(out)
    assert rows.tolist() == [[0, 11.0, -1.0, 0.0, 0.0]]
    assert err == "stuck at step 0: ∇L = 0 but the loss is 11, not a minimum\n"


def test_cli_run_dataset_options(capsys, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("x,y\n0,0\n1,0\n2,1\n3,1\n")
    status, out, _ = run_cli(capsys, "run", "--problem", "neuron", "--data", str(path), "--activation",
                             "sigmoid", "--loss", "bce", "--batch-size", "2", "--seed", "4", "--steps", "10",
                             "--optimizer", "adam")
    assert status == 0
    sim = gdsim.simulate("neuron", "adam", None, 10, data=str(path), activation="sigmoid", loss="bce",
                         batch_size=2, seed=4)
    _, rows = parse(out)
    np.testing.assert_array_equal(rows[:, 2:4], sim.params[:, 0])


def test_cli_run_schedule_with_its_parameters_equals_simulate(capsys):
    status, out, _ = run_cli(capsys, "run", "--problem", "rosenbrock", "--optimizer", "momentum",
                             "--start=-1.2,1", "--lr", "0.001", "--set", "momentum=0.8", "--schedule", "step",
                             "--set", "decay_steps=7", "--set", "gamma=0.5", "--set", "warmup=3",
                             "--steps", "40")
    assert status == 0
    schedule = gdsim.Schedule("step", decay_steps=7, gamma=0.5, warmup=3)
    sim = gdsim.simulate("rosenbrock", "momentum", [-1.2, 1.0], 40, lr=0.001, momentum=0.8, schedule=schedule)
    header, rows = parse(out.replace(",\n", ",nan\n"))
    assert header == ["step", "loss", "x", "y", "grad_norm", "lr"]
    np.testing.assert_array_equal(rows[:, 2:4], sim.params[:, 0])
    assert out.splitlines()[1].endswith(",")  # no update led to step 0
    np.testing.assert_array_equal(rows[1:, 5], sim.lr[1:])
    assert rows[1:5, 5].tolist() == [0.001 / 3, 0.002 / 3, 0.001, 0.001]
    # Without a schedule the CSV keeps its columns.
    _, out, _ = run_cli(capsys, "run", "--steps", "2")
    assert out.splitlines()[0] == "step,loss,x,grad_norm"


def test_cli_run_lr_column_row_0_is_the_start_which_no_step_led_to_as_in_simulate(capsys):
    # `gdsim run --schedule cosine`: row 0 is the start; its lr is empty as simulate's lr[0] is NaN,
    # and the η the first step uses is in row 1. The help and the README say why.
    status, out, _ = run_cli(capsys, "run", "--lr", "0.2", "--schedule", "cosine", "--set", "decay_steps=4",
                             "--steps", "5")
    assert status == 0
    lines = out.splitlines()
    assert lines[1] == "0,4.0,2.0,4.0,"
    rows = np.genfromtxt(io.StringIO(out), delimiter=",", names=True)
    sim = gdsim.simulate("parabola", "sgd", None, 5, lr=0.2, schedule=gdsim.Schedule("cosine", decay_steps=4))
    assert np.isnan(rows["lr"][0]) and np.isnan(sim.lr[0])
    np.testing.assert_array_equal(rows["lr"][1:], sim.lr[1:])
    assert rows["lr"][1] == 0.2 and rows["lr"][5] == 0.0  # η₁ = η, then down to the floor 0 at t = 5
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "empty in row 0 (the start, which no step led to; the first step's η is in row 1)" in help_text
    readme = " ".join((Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8").split())
    assert "Row 0 is the start, which no update led to, so its `lr` is empty" in readme


@pytest.mark.parametrize("name", list(SCHEDULES))
def test_cli_run_every_schedule_by_name_takes_its_defaults(capsys, name):
    status, out, _ = run_cli(capsys, "run", "--schedule", name, "--steps", "5", "--lr", "0.2")
    assert status == 0
    _, rows = parse(out.replace(",\n", ",nan\n"))
    sim = gdsim.simulate("parabola", "sgd", None, 5, lr=0.2, schedule=name)
    np.testing.assert_array_equal(rows[1:, 4], sim.lr[1:])
    np.testing.assert_array_equal(rows[:, 2], sim.params[:, 0, 0])


def test_cli_run_half_mse_is_the_tutorials_gradient(capsys):
    status, out, _ = run_cli(capsys, "run", "--problem", "linreg", "--loss", "half-mse", "--steps", "3",
                             "--lr", "0.1")
    assert status == 0
    _, rows = parse(out)
    sim = gdsim.simulate("linreg", "sgd", None, 3, loss="half-mse", lr=0.1)
    np.testing.assert_array_equal(rows[:, 2:4], sim.params[:, 0])


# --- mistakes ------------------------------------------------------------------------------------


def bad_csv(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("x,y\n1,2\n3,four\n")
    return path


@pytest.mark.parametrize(("argv", "fragments"), [
    (["--problem", "sphere"], ["'sphere'", *PROBLEM_NAMES]),
    (["--optimizer", "adamw"], ["'adamw'", *OPTIMIZERS]),
    (["--problem", "neuron", "--activation", "swish"], ["'swish'", *ACTIVATIONS]),
    (["--problem", "neuron", "--loss", "hinge"], ["'hinge'", *LOSSES]),
    (["--problem", "rosenbrock", "--start", "1"], ["2 parameters", "x, y"]),
    (["--start", "1,2"], ["1 parameter"]),
    (["--start", "one"], ["--start", "'one'"]),
    (["--start=1,,2", "--problem", "rosenbrock"], ["--start"]),
    (["--lr", "-0.1"], ["learning rate", "[0, ∞)", "-0.1"]),
    (["--lr=-1"], ["learning rate", "[0, ∞)"]),
    (["--lr", "-1e-3"], ["learning rate", "[0, ∞)", "-1e-3"]),  # read as a number, not an option
    (["--lr", "fast"], ["learning rate", "number", "'fast'"]),
    (["--lr", "nan"], ["learning rate", "finite"]),
    (["--lr", "0.1", "--set", "lr=0.2"], ["once"]),
    (["--problem", "linreg", "--data", "{tmp}/missing.csv"], ["{tmp}/missing.csv", "does not exist"]),
    (["--problem", "linreg", "--data", "{bad}"], ["{bad}, line 3", "'four'"]),
    (["--problem", "linreg", "--data", "nosuchdataset"], ["'nosuchdataset'", "line", "pass-fail"]),
    (["--problem", "neuron", "--activation", "tanh", "--loss", "bce"], ["'bce'", "sigmoid", "'tanh'"]),
    (["--set", "momentum=0.5"], ["no hyperparameter 'momentum'", "lr"]),
    (["--optimizer", "adam", "--set", "beta=0.5"], ["'beta'", "beta1", "beta2", "eps"]),
    (["--optimizer", "adam", "--set", "beta1=1"], ["beta1", "[0, 1)"]),
    (["--set", "momentum"], ["--set", "NAME=VALUE"]),
    (["--set", "=3"], ["--set", "NAME=VALUE"]),
    (["--out", "{tmp}/no/such/folder/out.csv"], ["{tmp}/no/such/folder", "does not exist"]),
    (["--steps", "-3"], ["--steps", "'-3'"]),
    (["--steps", "ten"], ["--steps"]),
    (["--batch-size", "2"], ["dataset model"]),
    (["--problem", "neuron", "--batch-size", "0"], ["--batch-size"]),
    (["--problem", "neuron", "--batch-size", "99"], ["batch size", "1 to 40"]),
    (["--seed", "-1"], ["--seed"]),
    (["--tol", "-1"], ["tolerance"]),
    (["--problem", "parabola", "--data", "line"], ["fixed function", "data"]),
    (["--start", "1e200"], ["start"]),
    (["--frobnicate"], ["unrecognized arguments", "--help"]),
    (["--steps"], ["--steps", "expected one argument"]),
    (["--schedule", "linear"], ["unknown schedule 'linear'", *SCHEDULES]),
    (["--set", "gamma=0.5"], ["gamma is a parameter of a learning-rate schedule", "--schedule", *SCHEDULES]),
    (["--schedule", "cosine", "--set", "gamma=0.5"], ["the schedule cosine has no parameter 'gamma'",
                                                       "decay_steps, floor, warmup"]),
    (["--schedule", "step", "--set", "gamma=0"], ["gamma must be in (0, 1]"]),
    (["--schedule", "step", "--set", "decay_steps=0"], ["decay_steps must be a whole number from 1"]),
    (["--schedule", "cosine", "--set", "warmup=2.5"], ["warmup must be a whole number from 0"]),
    (["--schedule", "cosine", "--set", "beta1=0.5"], ["sgd has no hyperparameter 'beta1'"]),
])
def test_cli_run_mistake_is_one_line_and_status_2(capsys, tmp_path, argv, fragments):
    bad = bad_csv(tmp_path)
    argv = [a.format(tmp=tmp_path, bad=bad) for a in argv]
    status, out, err = run_cli(capsys, "run", *argv)
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and err.endswith("\n"), err
    assert err.startswith("gdsim: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment.format(tmp=tmp_path, bad=bad) in err, err
    assert not (tmp_path / "no").exists()


def test_cli_unknown_command_is_status_2(capsys):
    status, out, err = run_cli(capsys, "walk")
    assert status == 2 and out == ""
    assert len(err.splitlines()) == 1 and "'walk'" in err


# --- list ----------------------------------------------------------------------------------------


def test_cli_list_names_everything(capsys):
    status, out, err = run_cli(capsys, "list")
    assert status == 0 and err == ""
    lines = out.splitlines()
    for name in PROBLEM_NAMES:
        assert any(line.split()[:1] == [name] for line in lines), name
    for name, opt in OPTIMIZERS.items():
        line = next(line for line in lines if line.split()[:1] == [name])
        for h in opt.hyperparameters:
            default = "problem" if h.default is None else f"{h.default:g}"
            assert f"{h.name}={default}" in line, (name, h.name, line)
    for name in list(ACTIVATIONS) + list(LOSSES) + list(SCHEDULES):
        assert any(line.split()[:1] == [name] for line in lines), name
    schedules = out[out.index("Learning-rate schedules"):]
    assert "decay_steps (T) = 1000, floor (φ) = 0" in schedules and "warmup (w) = 0" in schedules
    assert "StepLR(step_size=k, gamma=γ)" in schedules


def test_cli_list_shows_torch_defaults(capsys):
    # PyTorch's documented defaults, written out here rather than read from gdsim.
    _, out, _ = run_cli(capsys, "list")
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("  ")}
    assert "beta1=0.9, beta2=0.999, eps=1e-08" in lines["adam"]
    assert "rho=0.9, eps=1e-06" in lines["adadelta"]
    assert "alpha=0.99, eps=1e-08" in lines["rmsprop"]
    assert "eps=1e-10" in lines["adagrad"]
    assert "momentum_decay=0.004" in lines["nadam"]


# --- the module entry ----------------------------------------------------------------------------


def test_cli_python_dash_m_runs(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "gdsim", "run", "--problem", "rosenbrock", "--steps", "4"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "step,loss,x,y,grad_norm"
    assert len(done.stdout.splitlines()) == 6
    assert done.stderr == ""
    bad = subprocess.run([sys.executable, "-m", "gdsim", "run", "--problem", "nope"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stdout == ""
    assert len(bad.stderr.splitlines()) == 1 and "unknown problem 'nope'" in bad.stderr


def test_run_takes_a_negative_start_without_the_equals_sign(capsys):
    assert main(["run", "--problem", "rosenbrock", "--start", "-1.2,1", "--steps", "0"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split(",")[2:4] == ["-1.2", "1.0"]


# --- where the CSV goes --------------------------------------------------------------------------


def test_cli_run_out_dash_is_standard_output(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, expected, _ = run_cli(capsys, "run", "--steps", "3")
    status, out, err = run_cli(capsys, "run", "--steps", "3", "--out", "-")
    assert status == 0 and out == expected and err == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("out", "fragments"), [
    ("", ["--out", "file name", "'-'"]),
    ("{tmp}/out.csv/", ["cannot write {tmp}/out.csv/", "file name"]),
    ("{tmp}/sub", ["cannot write {tmp}/sub", "folder"]),
    ("{tmp}/fifo", ["cannot write {tmp}/fifo", "no program is reading"]),
    ("{tmp}/link-to-sub", ["cannot write {tmp}/link-to-sub", "folder"]),
])
def test_cli_run_out_refuses_what_it_must_not_replace(capsys, tmp_path, out, fragments):
    (tmp_path / "sub").mkdir()
    (tmp_path / "link-to-sub").symlink_to(tmp_path / "sub")
    os.mkfifo(tmp_path / "fifo")
    before = sorted(os.listdir(tmp_path))
    status, stdout, err = run_cli(capsys, "run", "--steps", "3", "--out", out.format(tmp=tmp_path))
    assert status == 2 and stdout == ""
    assert len(err.splitlines()) == 1 and err.startswith("gdsim: "), err
    for fragment in fragments:
        assert fragment.format(tmp=tmp_path) in err, err
    assert sorted(os.listdir(tmp_path)) == before and os.listdir(tmp_path / "sub") == []


def test_cli_run_out_through_a_symlink_writes_its_target(capsys, tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old")
    (tmp_path / "link.csv").symlink_to(target)
    status, _, _ = run_cli(capsys, "run", "--steps", "3", "--out", str(tmp_path / "link.csv"))
    assert status == 0
    assert (tmp_path / "link.csv").is_symlink()
    assert target.read_text().startswith("step,loss,x,grad_norm\n")


def test_cli_run_out_to_a_device_writes_through_it(capsys, tmp_path):
    null = tmp_path / "null"
    try:
        os.mknod(null, 0o020666, os.makedev(1, 3))  # a character device, the same as /dev/null
    except PermissionError:
        pytest.skip("making a device node needs root")
    status, out, _ = run_cli(capsys, "run", "--steps", "3", "--out", str(null))
    assert status == 0 and out == ""
    assert os.path.exists(null) and not null.is_file() and null.is_char_device()


# --- output the terminal cannot show -------------------------------------------------------------


def test_cli_list_on_an_ascii_terminal_replaces_what_it_cannot_show(monkeypatch):
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))
    assert main(["list"]) == 0
    sys.stdout.flush()
    text = raw.getvalue().decode("ascii")
    assert "parabola" in text and "sigmoid" in text and "?" in text  # η, ŷ, ² shown as '?'


def test_cli_mistake_on_an_ascii_terminal_is_still_one_line(monkeypatch):
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(raw, encoding="ascii"))
    assert main(["run", "--lr", "-1"]) == 2
    sys.stderr.flush()
    err = raw.getvalue().decode("ascii")
    assert len(err.splitlines()) == 1 and "learning rate" in err


class ClosedPipe(io.StringIO):
    """Standard output whose reader has gone away, as in `gdsim run ... | head -1`."""

    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self):
        raise io.UnsupportedOperation("no file descriptor")


def test_cli_run_into_a_closed_pipe_is_quiet(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["run", "--steps", "3"]) == 1
    assert capsys.readouterr().err == ""


def test_cli_mistake_naming_a_file_with_a_newline_is_one_line(capsys, tmp_path):
    status, _, err = run_cli(capsys, "run", "--problem", "linreg", "--data", str(tmp_path / "a\nb.csv"))
    assert status == 2 and len(err.splitlines()) == 1 and "a\\nb.csv" in err, err


# --- typed functions -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "optimizer", "extra", "start"), [
    ("x**4 - 3*x**2 + x", "sgd", [], [2.0]),
    ("x^2 + 3*sin(y)", "adam", ["--range=-3,3,-2,2"], None),
    ("(1 - x)^2 + 100*(y - x^2)^2", "momentum", ["--lr", "0.0005"], [-1.2, 1.0]),
])
def test_cli_typed_function_gives_the_api_numbers(capsys, text, optimizer, extra, start):
    argv = ["run", "--function", text, "--optimizer", optimizer, "--steps", "60", *extra]
    if start is not None:
        argv.append("--start=" + ",".join(map(str, start)))
    status, out, _ = run_cli(capsys, *argv)
    assert status == 0
    header, rows = parse(out)
    hyper = {"lr": 0.0005} if "--lr" in extra else {}
    range_ = [[-3, 3], [-2, 2]] if "--range=-3,3,-2,2" in extra else None
    sim = gdsim.simulate(gdsim.function(text, range_), optimizer, start, 60, **hyper)
    assert header == ["step", "loss", *sim.problem.param_names, "grad_norm"]
    np.testing.assert_array_equal(rows[:, 1], sim.loss[: len(rows), 0])
    np.testing.assert_array_equal(rows[:, 2:-1], sim.params[: len(rows), 0])


def test_cli_typed_function_by_problem_name_too(capsys):
    _, one, _ = run_cli(capsys, "run", "--function", "x^2 - x", "--steps", "5")
    _, two, _ = run_cli(capsys, "run", "--problem", "custom", "--function", "x^2 - x", "--steps", "5")
    assert one == two and len(one.splitlines()) == 7


def test_cli_typed_function_default_start_and_range(capsys):
    _, out, _ = run_cli(capsys, "run", "--function", "x^4 - 3*x^2 + x", "--steps", "0")
    assert out.splitlines()[1] == "0,6.0,2.0,21.0"  # x = 2, L = 6, L′ = 21
    _, out, _ = run_cli(capsys, "run", "--function", "x^2", "--range=10,20", "--steps", "0")
    assert out.splitlines()[1].split(",")[2] == "18.3"  # 5/6 of the way across [10, 20]


def test_cli_typed_function_stepping_where_it_is_undefined(capsys):
    status, out, err = run_cli(capsys, "run", "--function", "log(x)", "--start=1", "--lr", "0.8",
                               "--steps", "50")
    assert status == 0
    _, rows = parse(out)
    assert np.isfinite(rows).all() and (rows[:, 2] > 0).all()
    last = int(rows[-1, 0])
    assert err.startswith(f"stopped at step {last + 1}: the step lands at x = -")
    assert err.rstrip().endswith(f"where L is not defined; the rows end at step {last}")
    assert len(err.splitlines()) == 1
    # where only the slope is undefined: √|x| is 0 at 0, its slope is not a number there
    status, _, err = run_cli(capsys, "run", "--function", "sqrt(abs(x))", "--start=1", "--lr", "2",
                             "--steps", "3")
    assert status == 0
    assert err == ("stopped at step 1: the step lands at x = 0, where the slope of L is not defined; "
                   "the rows end at step 0\n")


@pytest.mark.parametrize(("argv", "fragments"), [
    (["--function", "x^4 - 3x^2 + x"], ['--function "x^4 - 3x^2 + x": column 8: a * is missing; write 3*x']),
    (["--function", "__import__('os')"], ["column 12", "quotes are not allowed"]),
    (["--function", "x.__class__"], ["column 2", "attribute access"]),
    (["--function", "9**9**9"], ["column 4", "exponent is too large"]),
    (["--function", "x\ny"], ["column 2", "line break"]),  # one line all the same
    (["--function", ""], ["column 1", "empty"]),
    (["--function", "log(-1-x^2)"], ["not defined anywhere in the range [-3, 3]"]),
    (["--function", "x*y", "--range=-3,3"], ["uses y", "a pair for x and one for y"]),
    (["--function", "x^2", "--range=3,-3"], ["range of x", "lower to a higher"]),
    (["--function", "x^2", "--range=1,2,3"], ["--range needs 2 numbers", "'1,2,3'"]),
    (["--function", "x^2", "--range=a,b"], ["--range needs 2 numbers"]),
    (["--function", "x^2", "--problem", "rosenbrock"], ["--function gives the problem", "rosenbrock"]),
    (["--problem", "custom"], ["--problem custom needs --function"]),
    (["--range=-3,3"], ["--range applies only to --function"]),
    (["--function", "x^2", "--data", "line"], ["typed function", "data"]),
    (["--function", "x^2", "--start=1,2"], ["1 parameter"]),
    (["--function", "log(x)", "--start=-1"], ["not finite at the start"]),
])
def test_cli_typed_function_mistake_is_one_line_and_status_2(capsys, argv, fragments):
    status, out, err = run_cli(capsys, "run", *argv)
    assert status == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("gdsim: "), err
    for fragment in fragments:
        assert fragment in err, err


def test_cli_list_mentions_typed_functions(capsys):
    _, out, _ = run_cli(capsys, "list")
    line = next(line for line in out.splitlines() if line.split()[:1] == ["custom"])
    assert "--function" in line and "--range" in line
    assert "sigmoid" in out and "(with --function)" in out

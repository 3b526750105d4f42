"""The Python API refuses bad calls with gdsim.InputError saying what is allowed: never a raw TypeError,
OverflowError, AttributeError or MemoryError, never a ComplexWarning (warnings are errors here)."""

import ast
from pathlib import Path

import numpy as np
import pytest

import gdsim
from gdsim import InputError, Run, make_problem, simulate
from gdsim.engine import load_dataset

PARABOLA = make_problem("parabola")
ENGINE = Path(gdsim.__file__).parent / "engine"


@pytest.mark.parametrize(("call", "fragments"), [
    (lambda: simulate(["parabola"], "sgd"), ["unknown problem ['parabola']", "rosenbrock"]),
    (lambda: make_problem({"parabola"}), ["unknown problem", "parabola"]),
    (lambda: simulate("parabola", ["sgd"]), ["unknown optimizer ['sgd']", "adam"]),
    (lambda: simulate("parabola", {"sgd": 1}), ["unknown optimizer", "adam"]),
    (lambda: simulate("neuron", "sgd", activation=["tanh"]), ["unknown activation ['tanh']", "sigmoid"]),
    (lambda: simulate("neuron", "sgd", loss={"sse"}), ["unknown loss", "bce"]),
    (lambda: simulate("linreg", "sgd", activation=["tanh"]), ["linreg has no activation"]),
    (lambda: Run(PARABOLA, ["sgd"], [1.0]), ["unknown optimizer", "sgd"]),
])
def test_unhashable_names_are_input_errors(call, fragments):
    with pytest.raises(InputError) as e:
        call()
    for fragment in fragments:
        assert fragment in str(e.value)


@pytest.mark.parametrize(("call", "fragment"), [
    (lambda: simulate("parabola", "sgd", lr=10**400), "learning rate η (lr) must be a finite number"),
    (lambda: simulate("parabola", "sgd", lr=-10**400), "must be a finite number"),
    (lambda: simulate("parabola", "momentum", momentum=10**5000), "<integer of 5001 digits>"),
    (lambda: simulate("parabola", "momentum", momentum=10**5000 - 1), "<integer of 5000 digits>"),
    (lambda: simulate("parabola", "sgd", tol=10**400), "the tolerance must be a finite number"),
    (lambda: simulate("parabola", "sgd", start=[10**400]), "a start must be finite numbers"),
    (lambda: simulate("parabola", "sgd", steps=10**400), "needs <integer of 393 digits> GiB"),
    (lambda: simulate("linreg", "sgd", data=([10**400, 1], [1, 2])), "the data's X must be finite"),
    (lambda: simulate("neuron", "sgd", batch_size=10**400), "batch size must be a whole number from 1 to 40"),
    (lambda: Run(PARABOLA, "sgd", [1.0]).set_hyperparameter("lr", 10**400), "finite"),
])
def test_huge_integers_are_input_errors(call, fragment):
    with pytest.raises(InputError, match=r"\S") as e:
        call()
    assert fragment in str(e.value)
    assert len(str(e.value)) < 300


@pytest.mark.parametrize(("data", "fragment"), [
    (("a", "b"), "the data's X must be real numbers"),
    (([[1.0], [1.0, 2.0]], [1.0, 2.0]), "the data's X must be numbers in rows of equal length"),
    (([1.0, 2.0], [[1.0], [2.0, 3.0]]), "the data's y must be numbers in rows of equal length"),
    (({"x": 1}, [1.0]), "the data's X must be real numbers"),
    (([1.0, None], [1.0, 2.0]), "the data's X must be real numbers"),
    ((None, None), "the data's X must be real numbers"),
    (([1.0, 2.0], [1.0]), "shape"),
    (([1.0, 2.0], "ab"), "the data's y must be real numbers"),
    ((np.array(["1", "2"]), [1.0, 2.0]), "the data's X must be real numbers"),
    (([1.0, 2.0],), "data must be a built-in dataset name, a CSV file, or a pair"),
    (([1.0], [2.0], [3.0]), "data must be a built-in dataset name, a CSV file, or a pair"),
])
def test_bad_data_tuples_are_input_errors(data, fragment):
    with pytest.raises(InputError) as e:
        make_problem("linreg", data)
    assert fragment in str(e.value)


@pytest.mark.parametrize(("call", "fragment"), [
    (lambda: simulate("parabola", "sgd", start=[1j]), "a start must be real numbers"),
    (lambda: simulate("parabola", "sgd", start=np.array([1 + 0j])), "a start must be real numbers"),
    (lambda: simulate("rosenbrock", "sgd", start=[1.0, np.complex128(2)]), "a start must be real numbers"),
    (lambda: Run(PARABOLA, "sgd", np.array([[2.0]], dtype=np.complex64)), "a start must be real numbers"),
    (lambda: simulate("linreg", "sgd", data=([1j, 2], [1, 2])), "the data's X must be real numbers"),
    (lambda: simulate("linreg", "sgd", data=([1, 2], np.array([1, 2], dtype=complex))), "the data's y"),
    (lambda: simulate("parabola", "sgd", lr=0.1j), "must be a real number, not a complex one"),
    (lambda: simulate("parabola", "sgd", lr=np.complex128(0.1)), "must be a real number, not a complex one"),
    (lambda: simulate("parabola", "sgd", tol=np.complex64(1e-6)), "the tolerance must be a real number"),
    (lambda: simulate("parabola", "sgd", lr="0.1j"), "must be a number"),
    (lambda: PARABOLA.loss([1j]), "the parameters must be real numbers"),
])
def test_complex_input_is_refused(call, fragment):
    with pytest.raises(InputError) as e:
        call()
    assert fragment in str(e.value)


@pytest.mark.parametrize(("call", "fragment"), [
    (lambda: simulate("parabola", "sgd", lr=True), "learning rate η (lr) must be a number, got True"),
    (lambda: simulate("parabola", "sgd", tol=False), "the tolerance must be a number, got False"),
    (lambda: simulate("parabola", "sgd", start=[True]), "a start must be real numbers"),
    (lambda: simulate("parabola", "sgd", start=np.array([True])), "a start must be real numbers"),
    (lambda: simulate("rosenbrock", "sgd", start=[[1.5, True]]), "a start must be real numbers"),
    (lambda: simulate("parabola", "sgd", steps=True), "steps"),
    (lambda: simulate("neuron", "sgd", batch_size=True), "the batch size must be a whole number"),
    (lambda: simulate("neuron", "sgd", batch_size=4, seed=True), "the seed must be a whole number"),
    (lambda: Run(PARABOLA, "sgd", [1.0], step_limit=True), "the step limit must be a whole number"),
    (lambda: simulate("linreg", "sgd", data=([True, False], [0.0, 1.0])), "the data's X must be real"),
    (lambda: simulate("parabola", "momentum", momentum=np.True_), "momentum must be a number"),
])
def test_bool_is_not_a_number(call, fragment):
    with pytest.raises(InputError) as e:
        call()
    assert fragment in str(e.value)


@pytest.mark.parametrize("problem", ["parabola", None, 3, gdsim.simulate])
def test_run_with_a_problem_name_says_to_make_the_problem(problem):
    with pytest.raises(InputError, match=r"a run needs a problem made by make_problem.*\('parabola'\)"):
        Run(problem, "sgd", [1.0])


@pytest.mark.parametrize("n", [2.5, 2.0, -1, True, "3", None, 1j, [3]])
def test_run_advance_needs_a_whole_number(n):
    run = Run(PARABOLA, "sgd", [2.0])
    with pytest.raises(InputError, match="the number of steps must be a whole number ≥ 0"):
        run.advance(n)
    assert run.step == 0


@pytest.mark.parametrize(("rows", "fragment"), [
    (10**10, "history_rows must be a whole number from 1 to 89478485"),
    (10**400, "history_rows must be a whole number from 1 to"),
    (0, "from 1 to"), (-5, "from 1 to"), (2.5, "whole number"), ("100", "whole number"),
])
def test_run_history_rows_beyond_memory_is_an_input_error(rows, fragment):
    with pytest.raises(InputError) as e:
        Run(PARABOLA, "sgd", [2.0], history_rows=rows)
    assert fragment in str(e.value)


@pytest.mark.parametrize("hyperparameters", [[("lr", 0.1)], "lr=0.1", 0.1])
def test_run_hyperparameters_must_be_a_dict(hyperparameters):
    with pytest.raises(InputError, match="hyperparameters must be given by name"):
        Run(PARABOLA, "sgd", [2.0], hyperparameters)


@pytest.mark.parametrize(("params", "fragment"), [
    ([[1.0, 2.0]], "the parameters of 'parabola' must have shape (K, 1), got (1, 2)"),
    ("x", "the parameters must be real numbers"),
    ([[1.0], [1.0, 2.0]], "rows of equal length"),
])
def test_problem_loss_with_bad_params_is_an_input_error(params, fragment):
    with pytest.raises(InputError) as e:
        PARABOLA.loss(params)
    assert fragment in str(e.value)
    with pytest.raises(InputError):
        PARABOLA.loss_and_grad(params)


@pytest.mark.parametrize("source", [12, None, b"line", ["line"], ""])
def test_load_dataset_of_something_that_is_not_a_name(source):
    with pytest.raises(InputError, match="data must be a built-in dataset name or the path of a CSV file"):
        load_dataset(source)


def marked_templates(path: Path) -> set[str]:
    """The texts that a source file marks with QT_TRANSLATE_NOOP("errors", "…")."""
    return {node.args[1].value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP"
            and node.args[0].value == "errors"}


@pytest.mark.parametrize(("call", "message"), [
    (lambda: simulate("parabola", "sgd", steps=-1), "steps must be a whole number ≥ 0, got -1"),
    (lambda: simulate("parabola", "sgd", steps=2.0), "steps must be a whole number ≥ 0, got 2.0"),
    (lambda: simulate("parabola", "sgd", steps="9"), "steps must be a whole number ≥ 0, got '9'"),
    (lambda: simulate("parabola", "sgd", steps=10**9), "recording 1000000001 rows of 1 start needs 59.6 GiB "
     "(limit 2 GiB); use fewer steps, or gdsim.Run, which thins what it records"),
    (lambda: simulate("rosenbrock", "adam", np.zeros((10_000, 2)), 10_000), "recording 10001 rows of 10000 "
     "starts needs 3.0 GiB (limit 2 GiB); use fewer steps or starts, or gdsim.Run, which thins what it "
     "records"),
    (lambda: simulate("parabola", "sgd", steps=10**400), "recording <integer of 401 digits> rows of 1 start "
     "needs <integer of 393 digits> GiB (limit 2 GiB); use fewer steps, or gdsim.Run, which thins what it "
     "records"),
])
def test_simulate_refusals_are_templates_the_window_translates(call, message):
    with pytest.raises(InputError) as e:
        call()
    assert str(e.value) == message
    marked = marked_templates(ENGINE / "simulate.py") | marked_templates(ENGINE / "errors.py")
    assert e.value.template in marked
    assert str(e.value) == e.value.template.format(**e.value.values)


@pytest.mark.parametrize(("max_rows", "fragment"), [
    (0, "max_rows must be a whole number ≥ 1, got 0"), (-3, "≥ 1, got -3"), (2.5, "got 2.5"),
    ("10", "got '10'"), (True, "got True"), (10**400, None), ([5], "got [5]"),
])
def test_run_history_max_rows_must_be_a_positive_whole_number(max_rows, fragment):
    run = Run(PARABOLA, "sgd", [2.0], {"lr": 0.01}, tol=0)
    run.advance(30)
    if fragment is None:  # as large as it likes: every row
        assert run.history(max_rows).step.tolist() == list(range(31))
        return
    with pytest.raises(InputError) as e:
        run.history(max_rows)
    assert fragment in str(e.value) and str(e.value) == e.value.template.format(**e.value.values)
    assert run.history(1).step.tolist() == [30]  # one row: the latest

"""Typed functions in the engine: what is read and how, what is refused and where, exact gradients,
the formulas, the default start and η, and runs that step where the function is not defined."""

import math

import numpy as np
import pytest

import gdsim
from gdsim import FunctionError, InputError, Run
from gdsim.engine import ANALYTIC_PROBLEMS, CUSTOM, make_problem
from gdsim.engine.compiled import Program
from gdsim.engine.custom import ADAPTIVE_LR_RANGE, LR_RANGE, typed_function
from gdsim.engine.expression import FUNCTIONS, MAX_LENGTH, MAX_NESTING, constant_value, parse
from gdsim.engine.notation import write

from tolerance import TRANSCENDENTAL_ULPS, ulps


def value(text: str, **at: float) -> float:
    """The typed function's value at one point, through the compiled kernel."""
    problem = typed_function(text, [[-3, 3], [-3, 3]] if "y" in text or "y" in at else None)
    point = [at.get("x", 0.0), at.get("y", 0.0)][: problem.dim]
    return float(problem.loss(np.array([point]))[0])


# --- reading ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("2^3^2", 512.0),  # ^ is **: right to left, 2⁹
    ("2**3**2", 512.0),
    ("-2^2", -4.0),  # the minus applies to the power, as students mean it
    ("(-2)^2", 4.0),
    ("2^-1", 0.5),
    ("-2^-2", -0.25),
    ("2*3^2", 18.0),
    ("1 - 2 - 3", -4.0),
    ("12/3/2", 2.0),
    ("2 + 3*4", 14.0),
    ("1e-3 * 1000", 1.0),
    (".5 + 2.", 2.5),
    ("pi", math.pi),
    ("e", math.e),
    ("log(e)", 1.0),
    ("log10(1000)", 3.0),
    ("min(2, -3) + max(2, -3)", -1.0),
    ("atan(1)*4", math.pi),
    ("sigmoid(0)", 0.5),
    ("+2", 2.0),
])
def test_typed_constants_mean_what_students_mean(text, expected):
    assert constant_value(parse(text).tree) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("text, at, expected", [
    ("-x^2", {"x": 3.0}, -9.0),
    ("x^2^3", {"x": 2.0}, 256.0),
    ("-x^-2", {"x": 2.0}, -0.25),
    ("x^4 - 3*x^2 + x", {"x": 2.0}, 6.0),
    ("x−1", {"x": 3.0}, 2.0),  # U+2212, the minus sign
    ("2×x·x", {"x": 3.0}, 18.0),
    ("π*x", {"x": 2.0}, 2 * math.pi),
    ("x*y", {"x": 2.0, "y": -3.0}, -6.0),
    ("abs(x) + sqrt(x^2)", {"x": -2.0}, 4.0),
    ("tanh(0*x) + cosh(0*x) + sinh(0*x)", {"x": 1.0}, 1.0),
])
def test_typed_variables_are_read_with_the_same_rules(text, at, expected):
    assert value(text, **at) == pytest.approx(expected, rel=1e-15)


def test_typed_decimals_are_exact_as_typed():
    tree = parse("0.1*x").tree
    assert str(tree.left.value) == "1/10"
    assert write(tree) == "0.1x"


def test_typed_variables_are_those_used():
    assert parse("3 + x").variables == ("x",)
    assert parse("sin(y) + x").variables == ("x", "y")
    assert parse("y^2").variables == ("y",)
    assert typed_function("y^2").param_names == ("x", "y")  # y alone is still a function of x and y
    assert typed_function("x^2", [[-3, 3], [-1, 1]]).param_names == ("x", "y")  # two ranges: 2-D
    assert typed_function("7").param_names == ("x",)


# --- refusals: what and where ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, column, says", [
    ("x^4 - 3x^2 + x", 8, "write 3*x"),
    ("2x", 2, "write 2*x"),
    ("2(x+1)", 2, "write 2*(x+1)"),
    ("(x+1)(x-1)", 6, "write (x+1)*(x-1)"),
    ("x y", 3, "write x*y"),
    ("sin(x)cos(x)", 7, "write sin(x)*cos(x)"),
    ("2 3", 3, "write 2*3"),
    ("x(2)", 2, "write x*(2)"),
    ("2pi", 2, "write 2*pi"),
    ("xy", 1, "did you mean x*y?"),
    ("sinx", 1, "did you mean sin(x)?"),
    ("Sin(x)", 1, "did you mean sin?"),
    ("sin x", 1, "sin needs parentheses"),
    ("x + sin", 5, "sin needs parentheses"),
    ("z^2", 1, "unknown name 'z'"),
    ("__import__('os')", 12, "quotes are not allowed"),
    ("__import__(x)", 1, "unknown name '__import__'"),
    ("exec(x)", 1, "unknown name 'exec'"),
    ("().__class__", 3, "attribute access"),
    ("x.__class__", 2, "attribute access"),
    ("x.real", 2, "attribute access"),
    ("x[0]", 2, "[ is not allowed"),
    ("{x}", 1, "{ is not allowed"),
    ("lambda: x", 7, "character : (U+003A)"),
    ("lambda x", 1, "unknown name 'lambda'"),
    ("x if y else 1", 3, "unknown name 'if'"),
    ("x for x in y", 3, "unknown name 'for'"),
    ("not x", 1, "unknown name 'not'"),
    ("x == y", 3, "'=' is not allowed"),
    ("y = x^2", 3, "type only the right-hand side"),
    ("x < 2", 3, "character < (U+003C)"),
    ("'x'", 1, "quotes"),
    ("True", 1, "unknown name 'True'"),
    ("x // 2", 3, "'//' is not allowed"),
    ("x % 2", 3, "character % (U+0025)"),
    ("x @ y", 3, "character @ (U+0040)"),
    ("x # comment", 3, "character # (U+0023)"),
    ("9**9**9", 4, "the exponent is too large"),
    ("x^101", 3, "the exponent is too large"),
    ("x^-101", 3, "the exponent is too large"),
    ("(x^20)^10", 4, "powers of powers multiply"),
    ("x^(50*3)", 4, "the exponent is too large"),
    ("(1e300)^2", 1, "too large for a number"),
    ("1e301*x", 1, "out of range"),
    ("1e-301*x", 1, "out of range"),
    ("1.2.3", 1, "'1.2.3' is not a number"),
    ("0x10", 1, "'0x10' is not a number"),
    ("1_000", 1, "'1_000' is not a number"),
    ("3j", 1, "'3j' is not a number"),
    ("x +", 4, "ends too early"),
    ("* x", 1, "'*' cannot come here"),
    ("x + * 2", 5, "'*' cannot come here"),
    ("(x", 1, "never closed"),
    ("x)", 2, "closes no ("),
    ("()", 2, "empty parentheses"),
    ("sin()", 5, "empty parentheses"),
    ("x, y", 1, "a comma is allowed only"),
    ("min(x)", 1, "min takes 2 arguments, got 1"),
    ("max(x, y, 1)", 1, "max takes 2 arguments, got 3"),
    ("sin(x, y)", 1, "sin takes 1 argument, got 2"),
    ("min(*x, y)", 5, "'*' before an argument"),
    ("", 1, "the function is empty"),
    ("   ", 1, "the function is empty"),
    ("x" * (MAX_LENGTH + 1), MAX_LENGTH + 1, "longer than 300 characters"),
    ("(" * 40 + "x" + ")" * 40, MAX_NESTING + 1, "nests more than 32 deep"),
    ("-" * 40 + "x", 33, "nests more than 32 deep"),
    ("sin(" * 33 + "x" + ")" * 33, 4 * 33, "nests more than 32 deep"),
    ("x²", 2, "write powers with ^"),
    ("２x", 1, "type 2 instead"),
    ("ｘ^2", 1, "type x instead"),
    ("x\u00a0+ 1", 2, "(U+00A0)"),
    ("x–1", 2, "(U+2013)"),  # an en dash is not the minus sign
    ("x\n+1", 2, "a line break"),
    ("x\x00", 2, "(U+0000)"),
    ("π x", 3, "write pi*x"),  # columns count what was typed: π is one character
    ("ππ", 1, "did you mean pi*pi?"),
])
def test_typed_refusals_say_what_and_where(text, column, says):
    with pytest.raises(FunctionError) as caught:
        parse(text)
    assert caught.value.column == column, str(caught.value)
    assert str(caught.value).startswith(f"column {column}: ")
    assert says in str(caught.value)
    assert isinstance(caught.value, InputError)


def test_typed_text_must_be_text():
    with pytest.raises(InputError, match="a function must be text"):
        parse(3)


def test_typed_deep_chains_of_one_operation_are_not_nesting():
    # 150 terms of a sum (300 characters) nest as deep as one: only parentheses, functions, powers
    # and signs count.
    text = "+".join(["x"] * 150)
    assert value(text, x=1.0) == 150.0
    assert len(parse("*".join(["x"] * 150)).text) == 299


# --- exact gradients -----------------------------------------------------------------------------------

# Every function that may be typed, inside a composition so that the chain rule is exercised, with a
# range of x (and y) where it and its slope are defined and smooth.
SMOOTH_CASES = [
    ("sin(2*x + y)", (-3, 3)), ("cos(x*y)", (-3, 3)), ("tan(x/2)", (-2.5, 2.5)), ("exp(x - y^2)", (-3, 3)),
    ("log(x^2 + y)", (1, 3)), ("log10(x*y)", (0.2, 3)), ("sqrt(x + y^2)", (0.1, 3)),
    ("abs(x - 2*y)", None), ("tanh(x*y)", (-2, 2)), ("sinh(x) + y", (-3, 3)), ("cosh(x*y)", (-2, 2)),
    ("arctan(x*y)", (-3, 3)), ("atan(x) + y", (-3, 3)), ("sigmoid(3*x - y)", (-3, 3)),
    ("min(x^2, y)", None), ("max(x, y^2)", None),
    ("x^y", (0.2, 3)), ("2^(x*y)", (-2, 2)), ("e^(x/y)", (1, 3)), ("pi*x/y", (1, 3)),
    ("(1-x)^2 + 100*(y-x^2)^2", (-2, 2)), ("x^4 - 3*x^2 + x + 0*y", (-3, 3)),
    ("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", (-5, 5)), ("x^(1/3) + y^0.5", (0.1, 3)), ("1/x + 1/y^2", (0.5, 3)),
]
H = 1e-6


def sample(text: str, domain, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if domain is not None:
        return rng.uniform(*domain, size=(n, 2))
    points = rng.uniform(-3, 3, size=(4 * n, 2))  # kinks: keep 0.01 away from them
    if text.startswith("abs"):
        points = points[np.abs(points[:, 0] - 2 * points[:, 1]) > 0.01]
    elif text.startswith("min"):
        points = points[np.abs(points[:, 0] ** 2 - points[:, 1]) > 0.01]
    else:
        points = points[np.abs(points[:, 0] - points[:, 1] ** 2) > 0.01]
    return points[:n]


@pytest.mark.parametrize("text, domain", SMOOTH_CASES, ids=[c[0] for c in SMOOTH_CASES])
def test_typed_gradient_matches_central_differences(text, domain):
    problem = typed_function(text, [[-5, 5], [-5, 5]])
    points = sample(text, domain, 50, seed=len(text))
    loss, grad = problem.loss_and_grad(points)
    assert np.isfinite(loss).all() and np.isfinite(grad).all()
    for i in range(2):
        step = np.zeros(2)
        step[i] = H
        fd = (problem.loss(points + step) - problem.loss(points - step)) / (2 * H)
        # central differences are off by H²/6·|f‴| and by the rounding of f over 2H
        rounding = ulps(20 * TRANSCENDENTAL_ULPS, 1 + np.abs(loss)) / H
        np.testing.assert_allclose(grad[:, i], fd, rtol=1e-5, atol=1e-6 + rounding.max())


def test_typed_every_function_is_covered_by_the_gradient_check():
    covered = {name for name in FUNCTIONS if any(name + "(" in text for text, _ in SMOOTH_CASES)}
    assert covered == set(FUNCTIONS)


def test_typed_gradient_check_can_fail():
    # The same check catches a derivative that is wrong by 1%.
    problem = typed_function("x^3 + y")
    points = np.random.default_rng(0).uniform(0.5, 2, size=(10, 2))
    _, grad = problem.loss_and_grad(points)
    step = np.array([H, 0.0])
    fd = (problem.loss(points + step) - problem.loss(points - step)) / (2 * H)
    with pytest.raises(AssertionError):
        np.testing.assert_allclose(grad[:, 0] * 1.01, fd, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("text, point, slope", [
    ("abs(x)", 0.0, 0.0),  # sign(0) = 0: the middle of the slopes −1 and 1
    ("max(x, 1)", 1.0, 0.5),  # step(0) = ½ at a tie
    ("min(x, 1)", 1.0, 0.5),
    ("abs(x)", -2.0, -1.0),
])
def test_typed_kinks_take_the_middle_slope(text, point, slope):
    _, grad = typed_function(text).loss_and_grad([[point]])
    assert grad[0, 0] == slope


def test_typed_rosenbrock_equals_the_built_in_to_rounding():
    typed = typed_function("(1 - x)^2 + 100*(y - x^2)^2", [[-2, 2], [-1, 3]])
    built_in = ANALYTIC_PROBLEMS["rosenbrock"]
    points = np.random.default_rng(3).uniform(-2, 2, size=(200, 2))
    (tl, tg), (bl, bg) = typed.loss_and_grad(points), built_in.loss_and_grad(points)
    np.testing.assert_allclose(tl, bl, rtol=1e-13, atol=1e-12)
    np.testing.assert_allclose(tg, bg, rtol=1e-12, atol=1e-10)
    a = gdsim.simulate(typed, "adam", start=[-1.2, 1.0], steps=300, lr=0.02)
    b = gdsim.simulate("rosenbrock", "adam", start=[-1.2, 1.0], steps=300, lr=0.02)
    np.testing.assert_allclose(a.params, b.params, atol=1e-9)


def test_typed_k_starts_at_once_equal_each_start_alone():
    problem = typed_function("sin(x)*exp(-y^2) + log(2 + x^2)")
    points = np.random.default_rng(1).uniform(-3, 3, size=(9, 2))
    loss, grad = problem.loss_and_grad(points)
    for i, p in enumerate(points):
        one_loss, one_grad = problem.loss_and_grad(p[None, :])
        assert abs(one_loss[0] - loss[i]) <= ulps(8, loss[i])
        np.testing.assert_allclose(one_grad[0], grad[i], rtol=1e-15, atol=1e-15)
    np.testing.assert_array_equal(problem.loss(points), loss)


def test_typed_programs_share_work_and_write_into_the_given_arrays():
    expression = parse("(1 - x)^2 + 100*(y - x^2)^2")
    from gdsim.engine.symbolic import derivatives

    program = Program([expression.tree, *derivatives(expression.tree, ("x", "y"))], ("x", "y"))
    assert len(program) <= 16  # x², y − x² and 1 − x computed once for the loss and both slopes
    for _function, a, b, out in program.code:
        assert out not in (a, b)  # numpy's slow path for overlapping operands is never taken
    x, y = np.array([0.5, -1.0]), np.array([2.0, 0.0])
    outs = [np.full(2, np.nan) for _ in range(3)]
    before = [id(o) for o in outs]
    from gdsim.engine.workspace import Workspace

    program.run([x, y], outs, Workspace())
    assert [id(o) for o in outs] == before
    np.testing.assert_allclose(outs[0], (1 - x) ** 2 + 100 * (y - x**2) ** 2)
    np.testing.assert_allclose(outs[2], 200 * (y - x**2))


# --- formulas ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, formula, gradient", [
    ("x^4 - 3*x^2 + x", "L(x) = x⁴ − 3x² + x", ("L′(x) = 4x³ − 6x + 1",)),
    ("x^2", "L(x) = x²", ("L′(x) = 2x",)),
    ("(1-x)^2 + 100*(y-x^2)^2", "L(x, y) = (1 − x)² + 100(y − x²)²",
     ("∂L/∂x = 2x − 400x(y − x²) − 2", "∂L/∂y = 200y − 200x²")),
    ("sigmoid(2*x)", "L(x) = σ(2x)", ("L′(x) = 2(1 − σ(2x))·σ(2x)",)),
    ("log(x) + log10(x)", "L(x) = ln(x) + log₁₀(x)", ("L′(x) = 1/(x·ln(10)) + 1/x",)),
    ("exp(-x^2)", "L(x) = exp(−x²)", ("L′(x) = −2x·e^(−x²)",)),
    ("e^x", "L(x) = e^x", ("L′(x) = e^x",)),
    ("sqrt(x^2 + y^2)", "L(x, y) = √(x² + y²)", ("∂L/∂x = x/√(x² + y²)", "∂L/∂y = y/√(x² + y²)")),
    ("0.5*x^2 + 1/x", "L(x) = 0.5x² + 1/x", ("L′(x) = x − 1/x²",)),
    ("abs(x - 1)", "L(x) = |x − 1|", ("L′(x) = sign(x − 1)",)),
    ("sin(x)*cos(y)", "L(x, y) = sin(x)·cos(y)", ("∂L/∂x = cos(x)·cos(y)", "∂L/∂y = −sin(x)·sin(y)")),
    ("x^3/3 - pi*x", "L(x) = x³/3 − πx", ("L′(x) = x² − π",)),
])
def test_typed_formulas_are_written_as_the_product_writes_them(text, formula, gradient):
    problem = typed_function(text)
    assert problem.formula == formula
    assert problem.gradient_formula == gradient


def test_typed_derivatives_with_the_current_numbers():
    problem = typed_function("x^4 - 3*x^2 + x")
    assert problem.derivatives_at([2.0]) == ("4·2³ − 6·2 + 1",)
    assert problem.derivatives_at([-1.5]) == ("4·(−1.5)³ − 6·(−1.5) + 1",)
    rosenbrock = typed_function("(1-x)^2 + 100*(y-x^2)^2")
    assert rosenbrock.derivatives_at([0.5, -1.0], number=lambda v: f"{v:.1f}".replace("-", "−")) == (
        "2·0.5 − 400·0.5·(−1.0 − 0.5²) − 2", "200·(−1.0) − 200·0.5²")


# --- range, start and learning rate ----------------------------------------------------------------------


def test_typed_defaults_for_a_new_user():
    problem = gdsim.function("x^4 - 3*x^2 + x")
    assert problem.name == CUSTOM and problem.domain == ((-3.0, 3.0),)
    assert problem.start == (2.0,)
    assert problem.lr == 0.005  # 0.2/L″(2) = 0.2/42, rounded to 5·10⁻³
    assert problem.adaptive_lr == 0.1
    assert problem.minima == () and problem.global_minima == ()  # unknown: no ☆
    two = gdsim.function("x^2 + 3*sin(y)")
    assert two.domain == ((-3.0, 3.0), (-3.0, 3.0)) and two.start == (1.0, 1.0)
    assert gdsim.function("x^2").lr == ANALYTIC_PROBLEMS["parabola"].lr


@pytest.mark.parametrize("text, range_, start", [
    ("log(x)", [-3, 3], (2.0,)),
    ("log(-x)", [-3, 3], (-2.0,)),  # not defined at 2: the nearest point where it is
    ("(x - 2)^2", None, (-2.0,)),  # 2 is its minimum: the mirror point, which has a slope
    ("sqrt(1 - x^2 - y^2)", None, (0.5, 0.75)),
    ("x^2", [10, 20], (18.3,)),
    ("x + y", [[0, 1], [5, 6]], (0.67, 5.67)),
])
def test_typed_start_is_defined_and_sloped(text, range_, start):
    problem = typed_function(text, range_)
    assert problem.start == start
    loss, grad = problem.loss_and_grad([start])
    assert np.isfinite(loss).all() and np.isfinite(grad).all() and np.linalg.norm(grad) > 0


@pytest.mark.parametrize("text", [
    "x^2", "x", "7", "1e-6*x^2", "1e6*x^2", "exp(10*x)", "abs(x)", "x^4 - 3*x^2 + x", "sin(50*x)*y",
    "log(x)", "sqrt(x)", "max(x, y)", "(1-x)^2 + 100*(y-x^2)^2", "1/x", "x^x",
])
def test_typed_default_learning_rates_are_never_nan_or_zero(text):
    problem = typed_function(text)
    assert LR_RANGE[0] <= problem.lr <= LR_RANGE[1]
    assert ADAPTIVE_LR_RANGE[0] <= problem.adaptive_lr <= ADAPTIVE_LR_RANGE[1]
    assert float(f"{problem.lr:.0e}") == problem.lr  # 1, 2 or 5 times a power of ten


@pytest.mark.parametrize("range_, says", [
    ([3, -3], "from a lower to a higher number"),
    ([[-3, 3], [2, 2]], "the range of y must go from a lower"),
    ([0, 1e7], "within ±1e+06"),
    ([0, 1e-9], "at least 1e-06 wide"),
    ([[-3, 3]] * 3, "a pair [low, high] for x"),
    ("-3,3", "a pair [low, high] for x"),
    ([], "a pair [low, high] for x"),
    ([1, 2, 3], "a pair [low, high] for x"),
    ([[1, 2, 3]], "a pair [low, high] for x"),
    ([True, 3], "must be a number"),
    ([math.nan, 3], "finite"),
    (["a", 3], "must be a number"),
])
def test_typed_bad_ranges_are_refused(range_, says):
    with pytest.raises(InputError, match=None) as caught:
        typed_function("x^2", range_)
    assert says in str(caught.value)


def test_typed_function_of_y_needs_a_range_for_y():
    with pytest.raises(InputError, match="the function uses y"):
        typed_function("x*y", [-3, 3])


def test_typed_function_defined_nowhere_is_refused():
    with pytest.raises(InputError, match="not defined anywhere in the range"):
        typed_function("log(-1 - x^2)")
    with pytest.raises(InputError, match="not defined anywhere in the range"):
        typed_function("sqrt(x - 5)")  # defined only right of 5, outside [−3, 3]
    assert typed_function("sqrt(x - 5)", [0, 10]).start == (8.3,)


# --- by name, in runs ---------------------------------------------------------------------------------


def test_typed_by_name_needs_its_function_and_takes_no_data():
    assert make_problem(CUSTOM, function="x^2").formula == "L(x) = x²"
    with pytest.raises(InputError, match="needs a function"):
        make_problem(CUSTOM)
    with pytest.raises(InputError, match="is a typed function; data applies only to linreg and neuron"):
        make_problem(CUSTOM, data="line", function="x^2")
    with pytest.raises(InputError, match="function applies only to the problem 'custom'"):
        make_problem("parabola", function="x^2")
    with pytest.raises(InputError, match="function, range apply only"):
        make_problem("rosenbrock", function="x^2", range=[-1, 1])
    sim = gdsim.simulate("custom", "sgd", function="x^2", steps=5)
    np.testing.assert_array_equal(sim.params, gdsim.simulate("parabola", "sgd", steps=5).params)


def test_typed_run_that_steps_where_the_function_is_undefined_stops_there():
    # ln x falls without end towards 0; η = 0.8 from 1 lands at x < 0, where ln is not defined.
    sim = gdsim.simulate(gdsim.function("log(x)"), "sgd", start=[1.0], lr=0.8, steps=50)
    assert sim.status == ["diverged"]
    last = sim.stopped_at[0]
    assert np.isfinite(sim.loss[last, 0]) and sim.params[last, 0] > 0
    assert sim.undefined_at[0, 0] == pytest.approx(sim.params[last, 0] - 0.8 / sim.params[last, 0])
    assert sim.undefined_at[0, 0] < 0
    assert np.isfinite(sim.loss).all()  # the rows after it repeat the last defined point


def test_typed_run_that_grows_without_bound_is_no_undefined_point():
    sim = gdsim.simulate("parabola", "sgd", lr=1.1, steps=1000)
    assert sim.status == ["diverged"] and np.isnan(sim.undefined_at).all()


def test_typed_start_where_the_function_is_undefined_is_refused():
    with pytest.raises(InputError, match="not finite at the start"):
        Run(typed_function("log(x)"), "sgd", [-1.0])


def test_typed_several_starts_keep_their_own_undefined_points():
    run = Run(typed_function("sqrt(x)"), "sgd", [[1.0], [4.0], [9.0]], {"lr": 3.0})
    run.advance(20)
    undefined = run.undefined_at[:, 0]
    assert run.status_names[0] == "diverged" and undefined[0] < 0
    assert all((s == "diverged") == np.isfinite(u) for s, u in zip(run.status_names, undefined, strict=True))

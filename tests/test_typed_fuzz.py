"""The fuzz: thousands of random strings, random Python syntax trees and random formulas thrown at the
parser of typed functions. Each one is read or refused with a FunctionError (an InputError) whose
message starts with the column where the problem is; none raises anything else, none takes a second,
and none executes anything: an audit hook (PEP 578) records every audited event while the parser
runs, and the only one allowed is the "compile" that ``ast.parse`` raises for its (checked) source —
no exec, no import, no open, no os.system.

The counts at the end of each test say how many cases ran (hypothesis is derandomized, so CI runs
the same cases every time); ``FUZZ_REPORT`` adds them up and the summary at the end of pytest's
output prints them (tests/conftest.py).
"""

import ast
import string
import sys
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from gdsim import FunctionError, InputError
from gdsim.engine.custom import typed_function
from gdsim.engine.expression import FUNCTIONS, MAX_LENGTH, parse
from gdsim.engine.notation import write

_events: list = []
_watching = [False]


def _audit(event, args):
    if _watching[0]:
        _events.append((event, args))


sys.addaudithook(_audit)  # hooks cannot be removed; this one records only while a case runs

STRINGS, ASTS, FORMULAS, PIPELINE = 3000, 2000, 1500, 150
FUZZ_REPORT = {"cases": 0, "read": 0, "refused": 0, "escapes": 0, "crashes": 0, "pipeline": 0}


def fuzz(cases: int) -> settings:
    # No "explain" phase: it traces every line with sys.settrace, which the audit hook would see.
    return settings(max_examples=cases, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck),
                    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink])


def _frame_lookup(event: str, args) -> bool:
    """A tracer or profiler reading a frame's code (pytest-timeout, a debugger): not the parser."""
    return event == "object.__getattr__" and type(args[0]).__name__ == "frame"


def check(text: str) -> str:
    """Parse one text as the window, the CLI and the API do; return "read" or "refused"."""
    _events.clear()
    began = time.thread_time()  # CPU time: a machine busy with other work does not count as a hang
    _watching[0] = True
    FUZZ_REPORT["cases"] += 1
    FUZZ_REPORT["crashes"] += 1  # until the parser has answered with a result or a FunctionError
    try:
        expression = parse(text)
        outcome = "read"
        FUZZ_REPORT["crashes"] -= 1
    except FunctionError as e:
        FUZZ_REPORT["crashes"] -= 1
        outcome = "refused"
        assert 1 <= e.column <= len(text) + 1, (text, str(e))
        assert str(e).startswith(f"column {e.column}: "), str(e)
        assert "\n" not in str(e)
    finally:
        _watching[0] = False
    elapsed = time.thread_time() - began
    assert elapsed < 1.0, f"{elapsed:.2f} s for {text[:80]!r}"
    others = [(event, args) for event, args in _events
              if event != "compile" and not _frame_lookup(event, args)]
    FUZZ_REPORT["escapes"] += bool(others)
    FUZZ_REPORT[outcome] += 1
    assert not others, f"{text[:80]!r} caused {others[:3]}"
    for _, (source, filename, *_rest) in [(e, a) for e, a in _events]:
        assert filename == "<unknown>" and isinstance(source, bytes)  # ast.parse's own compile
    if outcome == "read":
        assert len(text) <= MAX_LENGTH
        write(expression.tree)  # and it can be written back
    return outcome


def test_fuzz_escape_attempts_are_refused_with_a_column():
    hostile = [
        "__import__('os')", "__import__('os').system('echo escaped')", "().__class__", "x.__class__",
        "().__class__.__bases__[0].__subclasses__()", "(lambda: 0)()", "[c for c in ().__class__.__mro__]",
        "eval('1')", "exec('x=1')", "compile('1','','eval')", "open('/etc/passwd')", "globals()", "vars()",
        "getattr(x, 'real')", "sin.__globals__", "x.__init__.__globals__['os']", "9**9**9", "9^9^9",
        "2**(10**10)", "(" * 1000 + "x" + ")" * 1000, "-" * 10_000 + "x", "(x)*" * 10_000 + "(x)",
        "sin(" * 200 + "x" + ")" * 200, "x" * 100_000, "1" * 5000, "1e999999", "x\x00", "x\r\n+1",
        "ｅｘｅｃ('x')", "еxp(x)", "х^2", "𝑥^2", "ⅹ^2", "x\u200b+1", "\u202ex+1", "\ufeffx", "x\u0301",
        "x ** ** 2", "@x", "x := 1", "*x", "**x", "x if x else x", "not x", "x and y", "x or y", "yield x",
        "await x", "x[0]", "x[::]", "{'a': x}", "{x}", "f'{x}'", "b'x'", "u'x'", "r'x'", "...", "None",
        "True + x", "x in y", "x is y", "x <= y", "~x", "x << 2", "x >> 2", "x & y", "x | y", "x % y",
        "x // y", "x @ y", "sin(x, y=2)", "min(*[x, y])", "max(**{})", "x; import os", "x # os.system",
        "x\\", "\\x", "'''", "\"\"\"", "x.real", "1 .real", "1.0.real", "0x1F", "0b1", "0o7", "1_0",
        "1j", "1e", "1e+", ".e1", "..", "x..y", "sin()", "()", "(,)", "min(x,)", "x,", ",x", "",
        "Ｘ", "x\u3000+1", "x\t+\t1", "0.5e99999999", "1e-99999999", "0e99999999*x",
    ]
    outcomes = [check(text) for text in hostile]
    read = [text for text, outcome in zip(hostile, outcomes, strict=True) if outcome == "read"]
    assert read == ["x\t+\t1", "0e99999999*x"]  # a tab is a space; min(x,) is min of one argument
    assert len(hostile) == 105


_CHARS = string.ascii_letters + string.digits + " ._+-*/^(),'\"[]{}:;=<>!@#$%&|~`\\?\t\n\x00−×·π²ｘ２е\u200b"
_TOKENS = ["x", "y", "pi", "e", "2", "0.5", "1e-3", "1e999", "9", "+", "-", "*", "/", "^", "**", "(", ")",
           ",", ".", " ", *FUNCTIONS, "__import__", "'os'", "__class__", "lambda", ":", "[", "]", "=", "os",
           "system", "eval", "exec", "−", "×", "ｘ", "\u00a0", "if", "else", "for", "in", "not"]


def test_fuzz_random_strings_are_read_or_refused_with_a_column():
    counts = {"read": 0, "refused": 0}

    @fuzz(STRINGS // 2)
    @given(st.text(alphabet=_CHARS, max_size=80))
    def characters(text):
        counts[check(text)] += 1

    @fuzz(STRINGS // 2)
    @given(st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join))
    def tokens(text):
        counts[check(text)] += 1

    characters()
    tokens()
    assert sum(counts.values()) >= STRINGS
    assert counts["read"] > 20 and counts["refused"] > 2500  # both ways were exercised


# --- random Python syntax trees, of every kind of expression -------------------------------------------

_NAMES = ["x", "y", "pi", "e", "os", "__import__", "eval", "exec", "open", "sin", "min", "max", "sqrt",
          "__builtins__", "globals", "X", "xy", "sinx"]
_CONSTANTS = st.one_of(
    st.integers(-10**6, 10**6), st.integers(10**20, 10**60), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([None, True, False, ..., "os", b"os", 1j, 2.5e300]),
)
_BINARY = [ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.BitXor, ast.FloorDiv, ast.Mod, ast.MatMult,
           ast.LShift, ast.BitOr, ast.BitAnd]


def _expressions():
    leaves = st.one_of(st.builds(ast.Constant, _CONSTANTS),
                       st.sampled_from(_NAMES).map(lambda n: ast.Name(n, ast.Load())))

    def grow(inner):
        return st.one_of(
            st.builds(ast.BinOp, inner, st.sampled_from(_BINARY).map(lambda op: op()), inner),
            st.builds(ast.UnaryOp,
                      st.sampled_from([ast.USub, ast.UAdd, ast.Not, ast.Invert]).map(lambda o: o()), inner),
            st.builds(lambda f, args: ast.Call(ast.Name(f, ast.Load()), args, []), st.sampled_from(_NAMES),
                      st.lists(inner, max_size=3)),
            st.builds(lambda v, a: ast.Attribute(v, a, ast.Load()), inner,
                      st.sampled_from(["__class__", "real", "system", "__globals__"])),
            st.builds(lambda v, s: ast.Subscript(v, s, ast.Load()), inner, inner),
            st.builds(lambda b: ast.Lambda(ast.arguments([], [], None, [], [], None, []), b), inner),
            st.builds(lambda a, b: ast.Compare(a, [ast.Lt()], [b]), inner, inner),
            st.builds(lambda a, b: ast.BoolOp(ast.And(), [a, b]), inner, inner),
            st.builds(ast.IfExp, inner, inner, inner),
            st.builds(lambda items: ast.Tuple(items, ast.Load()), st.lists(inner, max_size=3)),
            st.builds(lambda items: ast.List(items, ast.Load()), st.lists(inner, max_size=3)),
            st.builds(lambda v: ast.Starred(v, ast.Load()), inner).map(
                lambda s: ast.Call(ast.Name("min", ast.Load()), [s], [])),
            st.builds(lambda e: ast.GeneratorExp(
                e, [ast.comprehension(ast.Name("x", ast.Store()), ast.Name("y", ast.Load()), [], 0)]), inner),
        )

    return st.recursive(leaves, grow, max_leaves=8)


def test_fuzz_random_syntax_trees_are_read_or_refused_with_a_column():
    counts = {"read": 0, "refused": 0}

    @fuzz(ASTS)
    @given(_expressions())
    def case(node):
        text = ast.unparse(ast.fix_missing_locations(ast.Expression(node)))
        counts[check(text)] += 1

    case()
    assert sum(counts.values()) >= ASTS
    assert counts["refused"] > counts["read"] > 10


# --- random formulas of the language itself, through the parser and the whole pipeline ------------------


def _formulas(max_leaves: int):
    leaves = st.one_of(st.sampled_from(["x", "y", "pi", "e"]),
                       st.integers(0, 200).map(str), st.sampled_from(["0.5", "1e-3", "2.25", "1e300", "3"]))

    def grow(inner):
        return st.one_of(
            st.builds(lambda a, op, b: f"({a}){op}({b})", inner,
                      st.sampled_from(["+", "-", "*", "/", "^", "**"]), inner),
            st.builds(lambda a, op, b: f"{a} {op} {b}", inner, st.sampled_from(["+", "-", "*", "/"]), inner),
            st.builds(lambda a: f"-{a}", inner),
            st.builds(lambda f, a: f"{f}({a})", st.sampled_from([f for f, n in FUNCTIONS.items() if n == 1]),
                      inner),
            st.builds(lambda f, a, b: f"{f}({a}, {b})", st.sampled_from(["min", "max"]), inner, inner),
        )

    return st.recursive(leaves, grow, max_leaves=max_leaves)


def test_fuzz_random_formulas_are_read_or_refused_for_their_size():
    counts = {"read": 0, "refused": 0}

    @fuzz(FORMULAS)
    @given(_formulas(16))
    def case(text):
        outcome = check(text)
        counts[outcome] += 1
        if outcome == "refused" and len(text) <= MAX_LENGTH:
            with pytest.raises(FunctionError, match="exponent|too large|nests more|out of range"):
                parse(text)  # a formula of the language is refused only for its size

    case()
    assert sum(counts.values()) >= FORMULAS
    assert counts["read"] > FORMULAS // 2


def test_fuzz_random_formulas_become_problems_or_input_errors():
    # The whole way: SymPy's derivative, the compiled kernels, the start, η. Anything but InputError
    # (a function defined nowhere in the range) is a bug.
    counts = {"made": 0, "refused": 0}

    @fuzz(PIPELINE)
    @given(_formulas(8))
    def case(text):
        began = time.perf_counter()
        FUZZ_REPORT["pipeline"] += 1
        try:
            problem = typed_function(text)
        except InputError:
            counts["refused"] += 1
            return
        counts["made"] += 1
        assert time.perf_counter() - began < 10
        loss, grad = problem.loss_and_grad([problem.start])
        assert np.isfinite(loss).all() and np.isfinite(grad).all()
        assert problem.lr > 0 and problem.adaptive_lr > 0
        assert problem.formula.startswith("L(x") and problem.gradient_formula

    case()
    assert sum(counts.values()) >= PIPELINE and counts["made"] > PIPELINE // 2


def test_fuzz_audit_hook_sees_what_an_escape_would_do(monkeypatch, tmp_path):
    """The check can fail: a parser that ran what it was given would be caught by the audit hook."""
    real_parse = parse

    def leaky_parse(text):
        exec("import os")  # noqa: S102 (the point of the test)
        open(tmp_path / "touched", "w").close()
        return real_parse(text)

    monkeypatch.setattr(sys.modules[__name__], "parse", leaky_parse)
    before = FUZZ_REPORT["escapes"]
    with pytest.raises(AssertionError, match="caused"):
        check("x")
    FUZZ_REPORT["escapes"] = before  # the canary is no escape of the real parser
    FUZZ_REPORT["cases"] -= 1
    FUZZ_REPORT["read"] -= 1

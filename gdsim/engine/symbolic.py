"""Exact derivatives of typed functions, by SymPy.

SymPy's expression is built from the checked tree (``gdsim.engine.expression``), node by node, never
from the text; the derivative comes back as a tree of the same kind, which gdsim writes out
(``notation``) and compiles to numpy (``compiled``). SymPy is imported here, on the first typed
function, never by ``import gdsim``.

The derivative is the one ``sympy.diff`` gives, in SymPy's canonical form (like terms collected:
d/dx (x⁴ − 3x² + x) = 4x³ − 6x + 1). ``sympy.simplify`` is not used: it takes a tenth of a second to
seconds, and its forms are rarely the ones a student expects (sin(2x) for 2 sin(x) cos(x), a
Piecewise for the slope of |x|). The variables are real; the slope of |u| is sign(u)·u′ (0 at 0),
that of max(u, v) is step(u − v)·u′ + step(v − u)·v′ with step(0) = ½.
"""

from fractions import Fraction
from functools import cache

from .expression import UNDEFINED, Binary, Call, Constant, Negate, Node, Number, Variable


@cache
def _sympy():
    import sympy

    class sigmoid(sympy.Function):  # noqa: N801 (named as typed)
        """σ(u) = 1/(1 + e^−u), whose derivative is σ(u)(1 − σ(u)), as the tutorial writes it."""

        is_real = True

        def fdiff(self, argindex=1):
            s = sigmoid(self.args[0])
            return s * (1 - s)

    functions = {
        "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "exp": sympy.exp, "log": sympy.log,
        "log10": lambda u: sympy.log(u, 10), "sqrt": sympy.sqrt, "abs": sympy.Abs, "tanh": sympy.tanh,
        "sinh": sympy.sinh, "cosh": sympy.cosh, "arctan": sympy.atan, "sigmoid": sigmoid,
        "min": sympy.Min, "max": sympy.Max,
    }
    back = {
        sympy.sin: "sin", sympy.cos: "cos", sympy.tan: "tan", sympy.log: "log", sympy.tanh: "tanh",
        sympy.sinh: "sinh", sympy.cosh: "cosh", sympy.atan: "arctan", sympy.Abs: "abs", sympy.sign: "sign",
        sympy.Heaviside: "step", sympy.Max: "max", sympy.Min: "min", sigmoid: "sigmoid", sympy.exp: "exp",
    }
    return sympy, functions, back


def derivatives(tree: Node, variables: tuple[str, ...]) -> tuple[Node, ...]:
    """The partial derivative of the function along each variable, as trees."""
    sympy, _, _ = _sympy()
    symbols = {v: sympy.Symbol(v, real=True) for v in variables}
    f = to_sympy(tree, symbols)
    out = []
    for v in variables:
        d = sympy.diff(f, symbols[v])
        out.append(UNDEFINED if d.has(sympy.I, sympy.zoo, sympy.nan, sympy.oo) else from_sympy(d))
    return tuple(out)


def to_sympy(node: Node, symbols: dict):
    sympy, functions, _ = _sympy()
    if isinstance(node, Number):
        return sympy.Rational(node.value.numerator, node.value.denominator)
    if isinstance(node, Variable):
        return symbols[node.name]
    if isinstance(node, Constant):
        return sympy.pi if node.name == "pi" else sympy.E
    if isinstance(node, Negate):
        return -to_sympy(node.operand, symbols)
    if isinstance(node, Binary):
        a, b = to_sympy(node.left, symbols), to_sympy(node.right, symbols)
        if node.op == "+":
            return a + b
        if node.op == "-":
            return a - b
        if node.op == "*":
            return a * b
        if node.op == "/":
            return a / b
        return a**b
    return functions[node.function](*(to_sympy(a, symbols) for a in node.args))


def from_sympy(expr) -> Node:
    """A SymPy expression as a tree, arranged for reading: terms with a plus sign first (y − x², not
    −x² + y), factors with negative powers as a denominator (2x/(x² + 1)), e^u as a power of e.
    Anything that is no real number (I, zoo, oo, nan: log(0), (−1)^½) becomes ``undefined``."""
    sympy, _, back = _sympy()
    if expr.is_Integer or expr.is_Rational:
        value = Fraction(int(expr.p), int(expr.q))
        return Negate(Number(-value)) if value < 0 else Number(value)
    if expr.is_Float:
        value = Fraction(str(expr))
        return Negate(Number(-value)) if value < 0 else Number(value)
    if expr is sympy.pi:
        return Constant("pi")
    if expr is sympy.E:
        return Constant("e")
    if expr.is_Symbol:
        return Variable(expr.name)
    if expr in (sympy.I, sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
        return UNDEFINED
    if expr.is_Add:
        return _sum(expr)
    if expr.is_Mul:
        return _product(expr)
    if expr.is_Pow:
        return _power(expr.base, expr.exp)
    if isinstance(expr, sympy.exp):
        return Binary("^", Constant("e"), from_sympy(expr.args[0]))
    name = back.get(type(expr)) or back.get(expr.func)
    if name is not None:
        args = expr.args[:1] if name == "step" else expr.args  # Heaviside(u, H0): its value at 0 is ½
        return Call(name, tuple(from_sympy(a) for a in args))
    raise ValueError(f"gdsim cannot read SymPy's {type(expr).__name__} ({expr})")


def _sum(expr) -> Node:
    terms = list(expr.as_ordered_terms())
    positive = [t for t in terms if not t.could_extract_minus_sign()]
    if terms[0].could_extract_minus_sign() and positive:
        terms.remove(positive[0])
        terms.insert(0, positive[0])
    out = from_sympy(terms[0])
    for term in terms[1:]:
        if term.could_extract_minus_sign():
            out = Binary("-", out, from_sympy(-term))
        else:
            out = Binary("+", out, from_sympy(term))
    return out


def _product(expr) -> Node:
    sympy, _, _ = _sympy()
    coefficient, rest = expr.as_coeff_Mul()
    if coefficient < 0:
        return Negate(from_sympy(-expr))
    numerator, denominator = [], []
    if coefficient != 1:
        p, q = sympy.fraction(coefficient)
        if p != 1:
            numerator.append(from_sympy(p))
        if q != 1:
            denominator.append(from_sympy(q))
    for factor in sympy.Mul.make_args(rest):
        if factor.is_Pow and factor.exp.is_Rational and factor.exp < 0:
            denominator.append(_power(factor.base, -factor.exp))
        else:
            numerator.append(from_sympy(factor))
    top = _chain(numerator) if numerator else Number(Fraction(1))
    return Binary("/", top, _chain(denominator)) if denominator else top


def _chain(factors: list[Node]) -> Node:
    out = factors[0]
    for f in factors[1:]:
        out = Binary("*", out, f)
    return out


def _power(base, exponent) -> Node:
    sympy, _, _ = _sympy()
    if exponent == 1:
        return from_sympy(base)
    if exponent == sympy.Rational(1, 2):
        return Call("sqrt", (from_sympy(base),))
    if exponent.is_Rational and exponent < 0:
        return Binary("/", Number(Fraction(1)), _power(base, -exponent))
    return Binary("^", from_sympy(base), from_sympy(exponent))

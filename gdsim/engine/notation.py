"""Typed functions and their derivatives written as gdsim writes formulas: L(x) = x⁴ − 3x² + x.

The notation of the built-in problems: a true minus sign (−), integer powers as superscripts (x²,
x⁻¹), a number or a variable next to a variable or a parenthesis multiplied without a sign (3x, xy,
2(x + 1)), a centred dot elsewhere (2·sin(x), sin(x)·cos(x)), ln for the natural logarithm, log₁₀,
σ for the sigmoid, |x|, √x. With ``values``, each variable is written as its number instead, so
that a derivative can be shown with the current point in it: 4·2³ − 6·2 + 1.
"""

from collections.abc import Callable
from decimal import Decimal, localcontext
from fractions import Fraction

from .expression import Binary, Call, Constant, Negate, Node, Number, Variable

SUM, PRODUCT, NEGATION, POWER, ATOM = 1, 2, 3, 4, 5
_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_NAMES = {"log": "ln", "log10": "log₁₀", "sigmoid": "σ"}
# What may follow a number or a letter without a multiplication sign.
_JOINABLE = ("variable", "pi", "paren", "root")


def default_number(value: float) -> str:
    """A number as the formulas write it: up to 6 significant digits, with a true minus sign."""
    text = f"{value:.6g}"
    return text.replace("-", "−").replace("inf", "∞")


def write(node: Node, values: dict[str, float] | None = None,
          number: Callable[[float], str] = default_number) -> str:
    """The node in gdsim's notation; with ``values`` ({"x": 2.0}), each variable as that number,
    written by ``number``."""
    return _Writer(values, number).write(node).text


def number_text(value: Fraction) -> str:
    """An exact number as typed: 3, 0.25, 1e-30; a fraction that is no decimal as 1/3."""
    p, q = value.numerator, value.denominator
    if q == 1 and abs(p) < 10**15:
        return str(p)
    rest = q
    for factor in (2, 5):
        while rest % factor == 0:
            rest //= factor
    if rest != 1 and abs(p) < 10**6 and q < 10**6:
        return f"{p}/{q}"
    with localcontext() as context:
        context.prec = 17
        d = (Decimal(p) / Decimal(q)).normalize()
    if -7 <= d.adjusted() <= 14:
        return format(d, "f")
    mantissa, _, exponent = format(d, "e").partition("e")
    return f"{mantissa}e{int(exponent)}"


class _Text:
    """Written text, how tightly it binds (SUM … ATOM), and what it starts and ends with, which
    decides whether a product needs its dot."""

    __slots__ = ("text", "binds", "first", "last")

    def __init__(self, text: str, binds: int, first: str, last: str):
        self.text, self.binds, self.first, self.last = text, binds, first, last


class _Writer:
    def __init__(self, values, number):
        self.values, self.number = values, number

    def write(self, node: Node) -> _Text:
        if isinstance(node, Number):
            return _Text(number_text(node.value), ATOM, "digit", "digit")
        if isinstance(node, Variable):
            if self.values is not None and node.name in self.values:
                v = float(self.values[node.name])
                text = self.number(v)
                if text.startswith(("−", "-")):
                    return _Text(text, NEGATION, "minus number", "number")
                return _Text(text, ATOM, "number", "number")
            return _Text(node.name, ATOM, "variable", "variable")
        if isinstance(node, Constant):
            return _Text("π", ATOM, "pi", "pi") if node.name == "pi" else _Text("e", ATOM, "e", "e")
        if isinstance(node, Negate):  # −2x is −(2x) = (−2)x, so a product needs no parentheses
            inner = self.wrap(self.write(node.operand), PRODUCT)
            return _Text("−" + inner.text, min(inner.binds, NEGATION), "minus", inner.last)
        if isinstance(node, Binary):
            return self.binary(node)
        return self.call(node)

    def wrap(self, t: _Text, at_least: int) -> _Text:
        """In parentheses if it binds less tightly than ``at_least`` or starts with a minus sign."""
        if t.binds >= at_least and not t.first.startswith("minus"):
            return t
        if t.first == "minus number":  # 2·(−1.5): a number still
            return _Text(f"({t.text})", ATOM, "number", "number")
        return _Text(f"({t.text})", ATOM, "paren", "paren")

    def binary(self, node: Binary) -> _Text:
        op = node.op
        left, right = self.write(node.left), self.write(node.right)
        if op in "+-":
            if isinstance(node.right, Negate):  # x + (−2) is x − 2; x − (−2) is x + 2
                right = self.write(node.right.operand)
                op = "-" if op == "+" else "+"
            right = self.wrap(right, SUM + 1)
            sign = " + " if op == "+" else " − "
            return _Text(left.text + sign + right.text, SUM, left.first, right.last)
        if op == "*":
            if isinstance(node.left, Binary) and node.left.op == "/":
                left = self.wrap(left, ATOM)
            left = left if left.binds >= PRODUCT and left.first != "minus number" else self.wrap(left, ATOM)
            right = self.wrap(right, PRODUCT + 1)
            dot = "" if _joins(left, right) else "·"
            return _Text(left.text + dot + right.text, PRODUCT, left.first, right.last)
        if op == "/":
            left = left if left.binds >= PRODUCT and left.first != "minus number" else self.wrap(left, ATOM)
            right = self.wrap(right, NEGATION + 1)
            return _Text(f"{left.text}/{right.text}", PRODUCT, left.first, right.last)
        return self.power(node, left)

    def power(self, node: Binary, base: _Text) -> _Text:
        base = self.wrap(base, ATOM)
        exponent = node.right
        whole = exponent.operand if isinstance(exponent, Negate) else exponent
        if isinstance(whole, Number) and whole.value.denominator == 1 and abs(whole.value) < 10**6:
            sign = "-" if isinstance(exponent, Negate) else ""
            superscript = (sign + str(whole.value.numerator)).translate(_SUPERSCRIPTS)
            return _Text(base.text + superscript, POWER, base.first, "power")
        written = self.write(exponent)
        if written.binds < ATOM or written.text.startswith(("−", "(")) or "/" in written.text:
            written = _Text(f"({written.text})", ATOM, "paren", "paren")
        return _Text(f"{base.text}^{written.text}", POWER, base.first, "caret")

    def call(self, node: Call) -> _Text:
        args = [self.write(a) for a in node.args]
        name = node.function
        if name == "undefined":
            return _Text("undefined", ATOM, "function", "function")
        if name == "abs":
            return _Text(f"|{args[0].text}|", ATOM, "paren", "paren")
        if name == "sqrt":
            inner = args[0]
            if not (inner.binds == ATOM and inner.first in ("variable", "digit", "pi", "e", "number")):
                inner = _Text(f"({inner.text})", ATOM, "paren", "paren")
            return _Text("√" + inner.text, ATOM, "root", "caret")
        shown = _NAMES.get(name, name)
        return _Text(f"{shown}({', '.join(a.text for a in args)})", ATOM, "function", "function")


def _joins(left: _Text, right: _Text) -> bool:
    """Whether a product is written without a dot: 3x, 2π, xy, x², 2(x + 1), (x + 1)(x − 1), 2√x."""
    if right.first not in _JOINABLE:
        return False
    if left.last in ("digit", "variable", "pi", "power"):
        return True
    return left.last == "paren" and right.first == "paren"

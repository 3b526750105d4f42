"""Typed functions: the text a user types (``x^4 - 3*x^2 + x``), checked and read into a small tree.

The text is never evaluated as Python. It is checked character by character and token by token,
then parsed by Python's own ``ast`` module (mode ``eval``, after ``^`` is rewritten as ``**``, which
keeps Python's precedence: ``2^3^2`` is 2⁹ and ``-x^2`` is −(x²)), and the syntax tree is accepted
only if every node is on an allow-list; it is then turned into the immutable nodes below. What may
be written:

- numbers such as ``2``, ``0.5``, ``1e-3`` (0, or from 1e-300 to 1e300 in size), the variables ``x``
  and ``y``, the constants ``pi`` and ``e``;
- ``+ - * / ^ **`` (``^`` is a power), unary minus, parentheses;
- the functions ``sin cos tan exp log log10 sqrt abs tanh sinh cosh arctan atan sigmoid`` of one
  argument (``log`` is the natural logarithm, ``atan`` the same as ``arctan``) and ``min``, ``max``
  of two;
- a few look-alike characters, read as what they stand for: ``−`` (the minus sign) as ``-``, ``×``
  and ``·`` as ``*``, and ``π`` as ``pi``. Any other character outside plain ASCII is refused.

Refused, each with one message that says what is not allowed and the column (counted from 1 in the
text as typed) where it starts: a multiplication without ``*`` (``2x``: "write 2*x"), any other
name or function, attribute access, indexing, strings, comparisons, lambdas, comprehensions, texts
longer than ``MAX_LENGTH`` characters, nesting deeper than ``MAX_NESTING``, and constant exponents
larger than ``MAX_EXPONENT`` in size (powers of powers multiply: ``(x^20)^10`` is x²⁰⁰).
The error is a ``FunctionError``, an ``InputError`` with a ``column``.
"""

import ast
import math
import re
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from .errors import QT_TRANSLATE_NOOP, InputError, shorten

MAX_LENGTH = 300
MAX_NESTING = 32
MAX_EXPONENT = 100
MAX_NUMBER = Fraction(10) ** 300
MIN_NUMBER = Fraction(1, 10**300)

VARIABLES = ("x", "y")
CONSTANTS = {"pi": math.pi, "e": math.e}
# name: number of arguments. These are what a user may type.
FUNCTIONS = {
    "sin": 1, "cos": 1, "tan": 1, "exp": 1, "log": 1, "log10": 1, "sqrt": 1, "abs": 1, "tanh": 1,
    "sinh": 1, "cosh": 1, "arctan": 1, "atan": 1, "sigmoid": 1, "min": 2, "max": 2,
}
ALIASES = {"atan": "arctan"}
# Functions a derivative may hold besides those, never typed: sympy's derivatives of abs (sign), of
# min and max (step), and "undefined" (no arguments), what a derivative that is no real number
# anywhere becomes (the slope of x·log(−2)).
DERIVED_FUNCTIONS = ("sign", "step", "undefined")
LOOKALIKES = {"−": "-", "×": "*", "·": "*", "π": "pi"}
FUNCTION_LIST = "sin, cos, tan, exp, log, log10, sqrt, abs, tanh, sinh, cosh, arctan, sigmoid, min, max"


class FunctionError(InputError):
    """A typed function that cannot be used; ``column`` (from 1) is where the problem starts."""

    def __init__(self, template: str, column: int, **values):
        self.column = column
        super().__init__(template, column=column, **values)


# --- the tree ------------------------------------------------------------------------------------
# ``at`` is the 0-based offset in the typed text where a node starts (−1 for nodes that were not
# typed, such as those of a derivative); it takes no part in comparisons.


@dataclass(frozen=True)
class Number:
    value: Fraction  # exact: 0.1 is 1/10, as typed
    at: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Variable:
    name: str  # "x" or "y"
    at: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Constant:
    name: str  # "pi" or "e"
    at: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Negate:
    operand: "Node"
    at: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Binary:
    op: str  # "+", "-", "*", "/" or "^"
    left: "Node"
    right: "Node"
    at: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Call:
    function: str  # a name of FUNCTIONS (aliases resolved) or DERIVED_FUNCTIONS
    args: tuple
    at: int = field(default=-1, compare=False)


Node = Number | Variable | Constant | Negate | Binary | Call
UNDEFINED = Call("undefined", ())


@dataclass(frozen=True)
class Expression:
    """A checked function: its text as typed, its tree, and the variables it uses (in order x, y)."""

    text: str
    tree: Node
    variables: tuple[str, ...]


def variables_of(node: Node) -> tuple[str, ...]:
    found: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Variable):
            found.add(n.name)
        elif isinstance(n, Negate):
            stack.append(n.operand)
        elif isinstance(n, Binary):
            stack += [n.left, n.right]
        elif isinstance(n, Call):
            stack += list(n.args)
    return tuple(v for v in VARIABLES if v in found)


# --- reading -------------------------------------------------------------------------------------


def parse(text: object) -> Expression:
    """The checked tree of a typed function, or a FunctionError that says what is not allowed and
    where. Takes time linear in the text (at most MAX_LENGTH characters); evaluates nothing."""
    if not isinstance(text, str):
        raise InputError(QT_TRANSLATE_NOOP("errors", "a function must be text such as \"x^2 + 3*y^2\", got "
                                                     "{kind}"), kind=type(text).__name__)
    if len(text) > MAX_LENGTH:
        raise FunctionError(QT_TRANSLATE_NOOP(
            "errors", "column {column}: the function is longer than {limit} characters"),
            MAX_LENGTH + 1, limit=MAX_LENGTH)
    plain, columns = _plain(text)
    if not plain.strip():
        raise FunctionError(QT_TRANSLATE_NOOP(
            "errors", "column {column}: the function is empty; type one, such as x^2 or x^2 + 3*y^2"), 1)
    tokens = _tokens(plain, columns)
    _check_brackets(tokens)
    _check_neighbours(tokens)
    source, source_columns, starts = _python_source(tokens)
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as e:
        raise _syntax_error(e, tokens, source_columns, columns[-1] + 1) from None
    except (RecursionError, MemoryError, ValueError):  # cannot happen within the limits above
        raise FunctionError(_TOO_DEEP, 1, limit=MAX_NESTING) from None
    _check_nesting(tree.body, source_columns)
    node = _Reader(source_columns, starts).read(tree.body, 1.0)
    return Expression(text, node, variables_of(node))


def _plain(text: str) -> tuple[str, list[int]]:
    """The text with look-alikes replaced, and for each of its characters the 0-based column it came
    from; any character not allowed is refused here, the first one first."""
    out, columns = [], []
    for i, ch in enumerate(text):
        ch = LOOKALIKES.get(ch, ch)
        if ch == "\t":
            ch = " "
        if not _ALLOWED_CHARACTER.fullmatch(ch):
            raise _character_error(ch, i + 1)
        out.append(ch)
        columns += [i] * len(ch)
    return "".join(out), columns + [len(text)]


_ALLOWED_CHARACTER = re.compile(r"[A-Za-z0-9_ .+\-*/^(),]+")
_TOO_DEEP = QT_TRANSLATE_NOOP("errors", "column {column}: the function nests more than {limit} deep")


def _character_error(ch: str, column: int) -> FunctionError:
    if ch == "=":
        return FunctionError(QT_TRANSLATE_NOOP(
            "errors", "column {column}: '=' is not allowed; type only the right-hand side, such as x^2 for "
                      "L(x) = x^2"), column)
    if ch in "'\"":
        return FunctionError(QT_TRANSLATE_NOOP(
            "errors", "column {column}: quotes are not allowed; a function holds numbers, not text"), column)
    if ch in "[]{}":
        return FunctionError(QT_TRANSLATE_NOOP(
            "errors", "column {column}: {char} is not allowed; group with ( and )"), column, char=ch)
    if ch in "\n\r":
        return FunctionError(QT_TRANSLATE_NOOP(
            "errors", "column {column}: a line break is not allowed; type the function on one line"), column)
    code = f"U+{ord(ch):04X}"
    shown_char = ch if ch.isprintable() else repr(ch)[1:-1]
    name = unicodedata.name(ch, "")
    if "SUPERSCRIPT" in name:
        return FunctionError(QT_TRANSLATE_NOOP(
            "errors", "column {column}: the character {char} ({code}) is not allowed; write powers with ^, "
                      "such as x^2"), column, char=shown_char, code=code)
    plain = unicodedata.normalize("NFKC", ch)
    if plain != ch and _ALLOWED_CHARACTER.fullmatch(plain):
        return FunctionError(QT_TRANSLATE_NOOP(
            "errors", "column {column}: the character {char} ({code}) is not allowed; type {plain} instead"),
            column, char=shown_char, code=code, plain=plain)
    return FunctionError(QT_TRANSLATE_NOOP(
        "errors", "column {column}: the character {char} ({code}) is not allowed; write the function with "
                  "numbers, x, y, + - * / ^, parentheses and the functions {functions}"),
        column, char=shown_char, code=code, functions=FUNCTION_LIST)


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "name", "op", "(", ")", ",", "."
    text: str
    start: int  # offset in the plain text
    end: int
    column: int  # 1-based column of its first character in the typed text
    spaced: bool  # white space comes before it


_TOKEN = re.compile(r"""
    (?P<space>\ +)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<op>\*\*|//|[-+*/^])
  | (?P<punct>[(),.])
""", re.VERBOSE)
_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _tokens(plain: str, columns: list[int]) -> list[_Token]:
    """The tokens of the text; numbers, names, '.' and '//' are checked here, left to right."""
    tokens: list[_Token] = []
    i, spaced = 0, False
    while i < len(plain):
        m = _TOKEN.match(plain, i)
        kind = m.lastgroup
        if kind == "space":
            spaced, i = True, m.end()
            continue
        text = plain[i:m.end()]
        kind = text if kind == "punct" else kind
        token = _Token(kind, text, i, m.end(), columns[i] + 1, spaced)
        previous = tokens[-1] if tokens else None
        glued = previous is not None and not spaced and previous.kind == "number"
        if kind == "number" and glued or kind == "." and glued:
            # 1.2.3, 1..2: one malformed number
            end = _NUMBER_TAIL.match(plain, previous.start).end()
            raise _not_a_number(plain[previous.start:end], previous.column)
        if kind == "name" and glued and _hint_for_name(text) is None and text not in FUNCTIONS:
            end = _NUMBER_TAIL.match(plain, previous.start).end()
            raise _not_a_number(plain[previous.start:end], previous.column)  # 0x10, 1_000, 1j
        if kind == ".":
            raise FunctionError(QT_TRANSLATE_NOOP(
                "errors", "column {column}: '.' is allowed only inside numbers such as 0.5; attribute access "
                          "(.name) is not allowed"), token.column)
        if kind == "op" and text == "//":
            raise FunctionError(QT_TRANSLATE_NOOP(
                "errors", "column {column}: '//' is not allowed; divide with /"), token.column)
        if kind == "name":
            _check_name(token)
        if kind == "number":
            _check_number(token)
        tokens.append(token)
        spaced, i = False, m.end()
    return tokens


_NUMBER_TAIL = re.compile(r"[0-9A-Za-z_.]*(?:[eE][+-][0-9]+)?[0-9A-Za-z_.]*")


def _not_a_number(text: str, column: int) -> FunctionError:
    return FunctionError(QT_TRANSLATE_NOOP(
        "errors", "column {column}: {text!r} is not a number; write numbers such as 2, 0.5 or 1e-3"),
        column, text=shorten(text, 30))


def _exact(text: str) -> Fraction:
    """A number as typed, exactly. A mantissa holds at most 300 digits, so beyond 10^±700 only 0 is in
    range (an exact Fraction of 1e99999999 would take minutes to build): anything else out there is
    returned as just out of range."""
    mantissa, _, exponent = text.lower().partition("e")
    if exponent and abs(int(exponent)) > 700:
        return Fraction(0) if not mantissa.strip("0.") else MAX_NUMBER + 1
    return Fraction(text)


def _check_number(token: _Token) -> None:
    value = _exact(token.text)
    if value > MAX_NUMBER or 0 < value < MIN_NUMBER:
        raise FunctionError(QT_TRANSLATE_NOOP(
            "errors", "column {column}: the number {text} is out of range; numbers are 0 or from 1e-300 to "
                      "1e300 in size"), token.column, text=shorten(token.text, 30))


def _check_name(token: _Token) -> None:
    name = token.text
    if name in VARIABLES or name in CONSTANTS or name in FUNCTIONS:
        return
    hint = _hint_for_name(name)
    if hint is not None:
        raise FunctionError(QT_TRANSLATE_NOOP(
            "errors", "column {column}: unknown name {name!r}; did you mean {hint}?"),
            token.column, name=shorten(name, 30), hint=hint)
    raise FunctionError(QT_TRANSLATE_NOOP(
        "errors", "column {column}: unknown name {name!r}; the variables are x and y, the constants pi and "
                  "e, and the functions {functions}"),
        token.column, name=shorten(name, 30), functions=FUNCTION_LIST)


_ATOMS = re.compile(r"(?:x|y|pi|e)+")
_ATOM = re.compile(r"x|y|pi|e")


def _hint_for_name(name: str) -> str | None:
    """What a name gdsim does not know was probably meant to be: 'xy' → x*y, 'sinx' → sin(x),
    'Sin' → sin; None if nothing fits."""
    if name.lower() != name and (name.lower() in FUNCTIONS or name.lower() in CONSTANTS
                                 or name.lower() in VARIABLES):
        return name.lower()
    if _ATOMS.fullmatch(name):
        return "*".join(_ATOM.findall(name))
    for function in sorted(FUNCTIONS, key=len, reverse=True):
        rest = name[len(function):]
        if name.startswith(function) and rest and _ATOMS.fullmatch(rest):
            return f"{function}({'*'.join(_ATOM.findall(rest))})"
    return None


def _check_brackets(tokens: list[_Token]) -> None:
    open_at: list[_Token] = []
    for t in tokens:
        if t.kind == "(":
            open_at.append(t)
            if len(open_at) > MAX_NESTING:
                raise FunctionError(_TOO_DEEP, t.column, limit=MAX_NESTING)
        elif t.kind == ")":
            if not open_at:
                raise FunctionError(QT_TRANSLATE_NOOP(
                    "errors", "column {column}: this ) closes no ("), t.column)
            open_at.pop()
    if open_at:
        raise FunctionError(QT_TRANSLATE_NOOP(
            "errors", "column {column}: this ( is never closed; add a )"), open_at[-1].column)


def _ends_operand(t: _Token) -> bool:
    return t.kind in ("number", ")") or (t.kind == "name" and t.text not in FUNCTIONS)


def _starts_operand(t: _Token) -> bool:
    return t.kind in ("number", "name", "(")


def _check_neighbours(tokens: list[_Token]) -> None:
    """Two operands side by side (a multiplication without *), and a function without parentheses."""
    for i, (a, b) in enumerate(zip(tokens, tokens[1:], strict=False)):
        if a.kind == "(" and b.kind == ")":
            raise FunctionError(QT_TRANSLATE_NOOP(
                "errors", "column {column}: empty parentheses; put a number, x or y between them"), b.column)
        if a.kind == "name" and a.text in FUNCTIONS and b.kind != "(":
            raise FunctionError(QT_TRANSLATE_NOOP(
                "errors", "column {column}: the function {name} needs parentheses; write {name}(…)"),
                a.column, name=a.text)
        if _ends_operand(a) and _starts_operand(b):
            left = _group_text(tokens, _group_start(tokens, i), i)
            right = _group_text(tokens, i + 1, _group_end(tokens, i + 1))
            raise FunctionError(QT_TRANSLATE_NOOP(
                "errors", "column {column}: a * is missing; write {fix} for {left} times {right}"),
                b.column, fix=f"{left}*{right}", left=left, right=right)
    if tokens and tokens[-1].kind == "name" and tokens[-1].text in FUNCTIONS:
        t = tokens[-1]
        raise FunctionError(QT_TRANSLATE_NOOP(
            "errors", "column {column}: the function {name} needs parentheses; write {name}(…)"),
            t.column, name=t.text)


def _group_start(tokens: list[_Token], i: int) -> int:
    """The first token of the operand that ends at token i: a number, a name, or a group in
    parentheses (with its function's name)."""
    if tokens[i].kind != ")":
        return i
    depth = 0
    for j in range(i, -1, -1):
        depth += {")": 1, "(": -1}.get(tokens[j].kind, 0)
        if depth == 0:
            return j - 1 if j > 0 and tokens[j - 1].kind == "name" and tokens[j - 1].text in FUNCTIONS else j
    return 0


def _group_end(tokens: list[_Token], i: int) -> int:
    """The last token of the operand that starts at token i."""
    if tokens[i].kind == "name" and tokens[i].text in FUNCTIONS and i + 1 < len(tokens):
        i += 1
    if tokens[i].kind != "(":
        return i
    depth = 0
    for j in range(i, len(tokens)):
        depth += {"(": 1, ")": -1}.get(tokens[j].kind, 0)
        if depth == 0:
            return j
    return len(tokens) - 1


def _group_text(tokens: list[_Token], first: int, last: int) -> str:
    parts = []
    for t in tokens[first:last + 1]:
        parts.append(t.text)
    return shorten("".join(parts), 24)


def _python_source(tokens: list[_Token]) -> tuple[str, list[int], dict[int, _Token]]:
    """Source for ast.parse: the tokens with '^' written as '**', one space after each; the 1-based
    typed column of each of its characters; and the token that starts at each offset of it."""
    source, columns, starts, offset = [], [], {}, 0
    for t in tokens:
        text = "**" if t.text == "^" else t.text
        source.append(text + " ")
        columns += [t.column] * (len(text) + 1)
        starts[offset] = t
        offset += len(text) + 1
    return "".join(source), columns, starts


def _syntax_error(e: SyntaxError, tokens: list[_Token], columns: list[int], end_column: int) -> FunctionError:
    offset = (e.offset or 0) - 1  # ast's offsets count from 1; 0 means the end
    if not 0 <= offset < len(columns) - 1:
        last = tokens[-1].text if tokens else ""
        return FunctionError(QT_TRANSLATE_NOOP(
            "errors", "column {column}: the function ends too early; something is missing after {last!r}"),
            end_column, last=last)
    column = columns[offset]
    token = next((t for t in tokens if t.column == column), None)
    return FunctionError(QT_TRANSLATE_NOOP(
        "errors", "column {column}: {token!r} cannot come here"), column,
        token=token.text if token is not None else "")


def _same_group(parent: ast.BinOp, child) -> bool:
    """A chain such as a + b - c or a * b / c nests only as deep as its first term."""
    groups = ((ast.Add, ast.Sub), (ast.Mult, ast.Div))
    return (isinstance(child, ast.BinOp) and child is parent.left
            and any(isinstance(parent.op, g) and isinstance(child.op, g) for g in groups))


def _check_nesting(body: ast.AST, columns: list[int]) -> None:
    stack = [(body, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            raise FunctionError(_TOO_DEEP, _column(node, columns), limit=MAX_NESTING)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                same = isinstance(node, ast.BinOp) and _same_group(node, child)
                stack.append((child, depth if same else depth + 1))


def _column(node: ast.AST, columns: list[int]) -> int:
    offset = getattr(node, "col_offset", 0)
    return columns[min(max(offset, 0), len(columns) - 1)]


_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "^"}
_REFUSED = {  # node types an allowed text cannot produce, refused all the same
    ast.Attribute: QT_TRANSLATE_NOOP("errors", "column {column}: attribute access (.name) is not allowed"),
    ast.Subscript: QT_TRANSLATE_NOOP("errors", "column {column}: indexing with [ ] is not allowed"),
    ast.Lambda: QT_TRANSLATE_NOOP("errors", "column {column}: lambda is not allowed"),
    ast.Compare: QT_TRANSLATE_NOOP("errors", "column {column}: comparisons are not allowed"),
    ast.BoolOp: QT_TRANSLATE_NOOP("errors", "column {column}: 'and' and 'or' are not allowed"),
    ast.IfExp: QT_TRANSLATE_NOOP("errors", "column {column}: 'if … else' is not allowed"),
    ast.Starred: QT_TRANSLATE_NOOP("errors", "column {column}: '*' before an argument is not allowed"),
    ast.Tuple: QT_TRANSLATE_NOOP("errors", "column {column}: a comma is allowed only between the two "
                                           "arguments of min and max"),
}
_NOT_ALLOWED = QT_TRANSLATE_NOOP("errors", "column {column}: {what} is not allowed here")


class _Reader:
    """Turns an allowed ast into nodes, checking each node, its arguments and its exponents.

    ``scale`` is the product of the constant exponents of the powers around a node: what the size of
    an exponent inside is multiplied by, since (a^m)^n is a^(m·n)."""

    def __init__(self, columns: list[int], tokens: dict[int, _Token]):
        self.columns, self.tokens = columns, tokens

    def at(self, node: ast.AST) -> int:
        return _column(node, self.columns) - 1

    def refuse(self, node: ast.AST, template: str, **values) -> FunctionError:
        return FunctionError(template, self.at(node) + 1, **values)

    def read(self, node: ast.AST, scale: float) -> Node:
        at = self.at(node)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return Number(self.literal(node), at)
        if isinstance(node, ast.Name):
            if node.id in VARIABLES:
                return Variable(node.id, at)
            if node.id in CONSTANTS:
                return Constant(node.id, at)
            raise self.refuse(node, QT_TRANSLATE_NOOP("errors", "column {column}: unknown name {name!r}"),
                              name=shorten(node.id, 30))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = self.read(node.operand, scale)
            return Negate(operand, at) if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            op = _BINARY[type(node.op)]
            if op != "^":
                return Binary(op, self.read(node.left, scale), self.read(node.right, scale), at)
            right = self.read(node.right, 1.0)
            exponent = constant_value(right)
            inner = scale
            if exponent is not None:
                size = abs(exponent) * scale
                if not size <= MAX_EXPONENT:
                    raise self.refuse(node.right, QT_TRANSLATE_NOOP(
                        "errors", "column {column}: the exponent is too large: {size:g} (powers of powers "
                                  "multiply); a constant exponent is at most {limit} in size"),
                        size=size, limit=MAX_EXPONENT)
                inner = scale * max(1.0, abs(exponent))
            left = self.read(node.left, inner)
            power = Binary("^", left, right, at)
            value = constant_value(power)
            if value is not None and not math.isfinite(value) and all(
                    math.isfinite(v) for v in (constant_value(left), exponent)):
                raise self.refuse(node, QT_TRANSLATE_NOOP(
                    "errors", "column {column}: this power is too large for a number"))
            return power
        if isinstance(node, ast.Call):
            return self.call(node, scale)
        template = _REFUSED.get(type(node))
        if template is not None:
            raise self.refuse(node, template)
        raise self.refuse(node, _NOT_ALLOWED, what=type(node).__name__)

    def literal(self, node: ast.Constant) -> Fraction:
        """The number exactly as typed: 0.1 is 1/10, not the float nearest to it."""
        token = self.tokens.get(node.col_offset)
        return _exact(token.text) if token is not None and token.kind == "number" else Fraction(node.value)

    def call(self, node: ast.Call, scale: float) -> Node:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise self.refuse(node, _NOT_ALLOWED, what="a call")
        name = node.func.id
        if node.keywords:
            raise self.refuse(node.keywords[0].value, _NOT_ALLOWED, what="a keyword argument")
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.refuse(arg, _REFUSED[ast.Starred])
        want = FUNCTIONS[name]
        if len(node.args) != want:
            template = (QT_TRANSLATE_NOOP("errors", "column {column}: {name} takes 1 argument, got {got}")
                        if want == 1 else
                        QT_TRANSLATE_NOOP("errors", "column {column}: {name} takes {want} arguments, got "
                                                    "{got}"))
            raise self.refuse(node, template, name=name, want=want, got=len(node.args))
        args = tuple(self.read(a, scale) for a in node.args)
        return Call(ALIASES.get(name, name), args, self.at(node))


# --- values --------------------------------------------------------------------------------------
# What each operation means in numbers: numpy's functions on IEEE doubles. The compiled kernels
# (``gdsim.engine.compiled``) use the same ones.


def _sigmoid(a):
    """1/(1 + e^−a), in these steps (the compiled kernels take the same): 0 and 1 at the far ends,
    where e^−a overflows to inf and 1/inf = 0."""
    return np.divide(1.0, np.add(np.exp(np.negative(a)), 1.0))


def _step(a):
    """Heaviside's step, ½ at 0: sympy's derivative of max and min (their average slope at a tie)."""
    return np.heaviside(a, 0.5)


UNARY = {
    "sin": np.sin, "cos": np.cos, "tan": np.tan, "exp": np.exp, "log": np.log, "log10": np.log10,
    "sqrt": np.sqrt, "abs": np.absolute, "tanh": np.tanh, "sinh": np.sinh, "cosh": np.cosh,
    "arctan": np.arctan, "sigmoid": _sigmoid, "sign": np.sign, "step": _step,
}
BINARY = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "^": np.power}
REDUCE = {"min": np.minimum, "max": np.maximum}  # NaN in, NaN out: an undefined argument stays so


def as_float(value: Fraction) -> float:
    """A Fraction as the nearest float; ±inf beyond a float's range."""
    try:
        return float(value)
    except OverflowError:
        return math.copysign(math.inf, value)


def constant_value(node: Node) -> float | None:
    """The value of a node without variables, as the kernels compute it (IEEE doubles, numpy's
    functions; inf or nan where it overflows or is undefined); None if it holds a variable."""
    if isinstance(node, Number):
        return as_float(node.value)
    if isinstance(node, Constant):
        return CONSTANTS[node.name]
    if isinstance(node, Variable):
        return None
    if isinstance(node, Negate):
        v = constant_value(node.operand)
        return None if v is None else -v
    if node == UNDEFINED:
        return math.nan
    operands = [node.left, node.right] if isinstance(node, Binary) else list(node.args)
    values = [constant_value(a) for a in operands]
    if any(v is None for v in values):
        return None
    values = [np.float64(v) for v in values]
    with np.errstate(all="ignore"):
        if isinstance(node, Binary):
            return float(BINARY[node.op](*values))
        if node.function in REDUCE:
            out = values[0]
            for v in values[1:]:
                out = REDUCE[node.function](out, v)
            return float(out)
        return float(UNARY[node.function](values[0]))

"""Trees compiled to straight-line numpy code that writes into given arrays.

A ``Program`` computes several trees at once (a loss and its partial derivatives) over (K,) arrays:
a list of numpy ufunc calls, each writing into a scratch array, an output or nothing else. Nothing is
evaluated as Python and nothing is allocated per call: subtrees that occur twice are computed once
(value numbering), parts without variables are computed when the program is made, and scratch
arrays are reused as soon as their value is no longer needed. Each operation is the one the tree
names (``expression.UNARY`` and ``BINARY``), except that small integer powers are products (x² is
x·x) and e^u is exp(u), which are exact or more accurate.
"""

import math

import numpy as np

from .expression import (
    BINARY,
    CONSTANTS,
    REDUCE,
    UNARY,
    UNDEFINED,
    Binary,
    Call,
    Constant,
    Negate,
    Node,
    Number,
    Variable,
    as_float,
)
from .workspace import Workspace


class Program:
    """The trees as one program over the variables (in order); ``run`` writes tree i into outs[i]."""

    def __init__(self, trees: list[Node], variables: tuple[str, ...]):
        builder = _Builder(variables)
        results = [builder.node(t) for t in trees]
        self.n_inputs, self.n_outputs = len(variables), len(trees)
        self.code, self.constants, self.n_scratch = _allocate(builder, results, self.n_inputs)

    def run(self, inputs: list[np.ndarray], outs: list[np.ndarray], ws: Workspace) -> None:
        """inputs: one (K,) array per variable; outs: one (K,) array per tree, written in place."""
        slots = inputs + outs + self.constants
        if self.n_scratch:
            slots += ws.scratch(self.n_scratch, outs[0].shape)
        for fn, a, b, out in self.code:
            if b < 0:
                fn(slots[a], out=slots[out])
            else:
                fn(slots[a], slots[b], out=slots[out])

    def __len__(self) -> int:
        return len(self.code)


class _Builder:
    """Values by number: ("input", i), ("constant", value) or ("op", ufunc, a, b) with b = −1 for a
    unary ufunc; each distinct one made once."""

    def __init__(self, variables: tuple[str, ...]):
        self.variables = variables
        self.values: list[tuple] = []
        self.known: dict = {}
        for i in range(len(variables)):
            self._add(("input", i))

    def _add(self, value: tuple) -> int:
        key = value if value[0] != "constant" else ("constant", value[1].hex())
        index = self.known.get(key)
        if index is None:
            index = self.known[key] = len(self.values)
            self.values.append(value)
        return index

    def constant(self, v: float) -> int:
        return self._add(("constant", float(v)))

    def op(self, fn, a: int, b: int = -1) -> int:
        va, vb = self.values[a], self.values[b] if b >= 0 else ("constant", 0.0)
        if va[0] == "constant" and vb[0] == "constant":
            with np.errstate(all="ignore"):
                x = np.float64(va[1])
                return self.constant(fn(x) if b < 0 else fn(x, np.float64(vb[1])))
        return self._add(("op", fn, a, b))

    def node(self, n: Node) -> int:
        if isinstance(n, Number):
            return self.constant(as_float(n.value))
        if isinstance(n, Constant):
            return self.constant(CONSTANTS[n.name])
        if isinstance(n, Variable):
            return self.variables.index(n.name)
        if isinstance(n, Negate):
            return self.op(np.negative, self.node(n.operand))
        if isinstance(n, Binary):
            if n.op == "^":
                return self.power(n)
            return self.op(BINARY[n.op], self.node(n.left), self.node(n.right))
        return self.call(n)

    def power(self, n: Binary) -> int:
        if n.left == Constant("e"):
            return self.op(np.exp, self.node(n.right))
        base, exponent = self.node(n.left), self.node(n.right)
        c = self.values[exponent][1] if self.values[exponent][0] == "constant" else None
        if c == 1.0:
            return base
        if c == 2.0:
            return self.op(np.square, base)
        if c == 3.0:
            return self.op(np.multiply, self.op(np.square, base), base)
        if c == 0.5:
            return self.op(np.sqrt, base)
        if c == -1.0:
            return self.op(np.divide, self.constant(1.0), base)
        if c == -2.0:
            return self.op(np.divide, self.constant(1.0), self.op(np.square, base))
        return self.op(np.power, base, exponent)

    def call(self, n: Call) -> int:
        if n == UNDEFINED:
            return self.constant(math.nan)
        args = [self.node(a) for a in n.args]
        if n.function in REDUCE:
            out = args[0]
            for a in args[1:]:
                out = self.op(REDUCE[n.function], out, a)
            return out
        if n.function == "sigmoid":  # 1/(1 + e^−u), step by step (see expression._sigmoid)
            e = self.op(np.exp, self.op(np.negative, args[0]))
            one = self.constant(1.0)
            return self.op(np.divide, one, self.op(np.add, e, one))
        if n.function == "step":
            return self.op(np.heaviside, args[0], self.constant(0.5))
        return self.op(UNARY[n.function], args[0])


def _allocate(builder: _Builder, results: list[int], n_inputs: int):
    """The instructions (ufunc, a, b, out) over slots [inputs, outputs, constants, scratch], the
    constants as 0-d arrays, and the number of scratch arrays. A result is computed straight into its
    output; no instruction writes into one of its own operands (numpy then takes a slower path)."""
    values = builder.values
    n_outputs = len(results)
    needed = set()
    stack = list(results)
    while stack:
        v = stack.pop()
        if v in needed:
            continue
        needed.add(v)
        if values[v][0] == "op":
            stack += [x for x in values[v][2:4] if x >= 0]
    constants = sorted(v for v in needed if values[v][0] == "constant")
    slot = {v: n_inputs + n_outputs + i for i, v in enumerate(constants)}
    for i in range(n_inputs):
        slot[i] = i
    first_scratch = n_inputs + n_outputs + len(constants)
    ops = sorted(v for v in needed if values[v][0] == "op")
    last_use = {}
    for v in ops:
        for x in values[v][2:4]:
            if x >= 0:
                last_use[x] = v
    pinned = {}
    for i, v in enumerate(results):
        if values[v][0] == "op" and v not in pinned:
            pinned[v] = n_inputs + i
    code, free, n_scratch = [], [], 0
    for v in ops:
        _, fn, a, b = values[v]
        if v in pinned:
            slot[v] = pinned[v]
        elif free:
            slot[v] = free.pop()
        else:
            slot[v] = first_scratch + n_scratch
            n_scratch += 1
        code.append((fn, slot[a], slot[b] if b >= 0 else -1, slot[v]))
        for x in {a, b}:
            if x >= 0 and last_use.get(x) == v and x not in pinned and slot[x] >= first_scratch:
                free.append(slot[x])
    for i, v in enumerate(results):
        if pinned.get(v) != n_inputs + i:
            code.append((np.positive, slot[v], -1, n_inputs + i))  # a variable, a constant, a repeat
    constant_arrays = [np.array(values[v][1]) for v in constants]
    return code, constant_arrays, n_scratch

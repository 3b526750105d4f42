"""Activation functions f(h) and their derivatives f′(h), written in place into given arrays."""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .errors import QT_TRANSLATE_NOOP

LEAKY_SLOPE = 0.01  # written out in Leaky ReLU's formulas below


@dataclass(frozen=True, eq=False)
class Activation:
    """f and f′ as in-place functions: ``forward(h, out)`` and ``derivative(h, f_h, out)``.

    ``formula`` and ``derivative_formula`` are marked for translation (context "formulas") where they
    hold words, such as "if … else".

    ``derivative`` receives f(h) too, since several derivatives are cheapest through it
    (the sigmoid's f′ = f(1 − f)). ``probability`` says f(h) lies strictly between 0 and 1 for every
    h, so it can be read as a probability (what the bce loss needs).
    """

    name: str
    title: str
    formula: str
    derivative_formula: str
    output_range: str
    probability: bool
    forward: Callable[[np.ndarray, np.ndarray], None] = field(repr=False)
    derivative: Callable[[np.ndarray, np.ndarray, np.ndarray], None] = field(repr=False)


def _sigmoid(h, out):
    np.negative(h, out=out)
    np.exp(out, out=out)
    out += 1.0
    np.reciprocal(out, out=out)


def _sigmoid_prime(h, f, out):
    np.subtract(1.0, f, out=out)
    out *= f


def _tanh(h, out):
    np.tanh(h, out=out)


def _tanh_prime(h, f, out):
    np.multiply(f, f, out=out)
    np.subtract(1.0, out, out=out)


def _relu(h, out):
    np.maximum(h, 0.0, out=out)


def _relu_prime(h, f, out):
    # As in PyTorch, the derivative at h = 0 is taken as 0.
    np.greater(h, 0.0, out=out)


def _leaky_relu(h, out):
    np.multiply(h, LEAKY_SLOPE, out=out)
    np.maximum(h, out, out=out)


def _leaky_relu_prime(h, f, out):
    # 1 for h > 0, else the slope (PyTorch's choice at h = 0).
    np.greater(h, 0.0, out=out)
    out *= 1.0 - LEAKY_SLOPE
    out += LEAKY_SLOPE


def softplus(h, out):
    """ln(1 + eʰ) = max(h, 0) + ln(1 + e^(−|h|)): no overflow, and far faster than np.logaddexp."""
    positive = np.maximum(h, 0.0)
    np.abs(h, out=out)
    np.negative(out, out=out)
    np.exp(out, out=out)
    np.log1p(out, out=out)
    out += positive


def _softplus(h, out):
    softplus(h, out)


def _softplus_prime(h, f, out):
    _sigmoid(h, out)


def _identity(h, out):
    out[...] = h


def _identity_prime(h, f, out):
    out[...] = 1.0


def _step(h, out):
    np.greater_equal(h, 0.0, out=out)


def _step_prime(h, f, out):
    out[...] = 0.0


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("sigmoid", "Sigmoid", "f(h) = 1 / (1 + e^(−h))", "f′(h) = f(h)(1 − f(h))",
                   "(0, 1)", True, _sigmoid, _sigmoid_prime),
        Activation("tanh", "tanh", "f(h) = tanh h", "f′(h) = 1 − f(h)²", "(−1, 1)", False,
                   _tanh, _tanh_prime),
        Activation("relu", "ReLU", "f(h) = max(0, h)",
                   QT_TRANSLATE_NOOP("formulas", "f′(h) = 1 if h > 0 else 0"),
                   "[0, ∞)", False, _relu, _relu_prime),
        Activation("leaky_relu", "Leaky ReLU",
                   QT_TRANSLATE_NOOP("formulas", "f(h) = h if h > 0 else 0.01·h"),
                   QT_TRANSLATE_NOOP("formulas", "f′(h) = 1 if h > 0 else 0.01"), "(−∞, ∞)", False,
                   _leaky_relu, _leaky_relu_prime),
        Activation("softplus", "Softplus", "f(h) = ln(1 + e^h)", "f′(h) = 1 / (1 + e^(−h))",
                   "(0, ∞)", False, _softplus, _softplus_prime),
        Activation("identity", "Identity", "f(h) = h", "f′(h) = 1", "(−∞, ∞)", False,
                   _identity, _identity_prime),
        Activation("step", "Step (perceptron)", QT_TRANSLATE_NOOP("formulas", "f(h) = 1 if h ≥ 0 else 0"),
                   QT_TRANSLATE_NOOP("formulas", "f′(h) = 0 (wherever it exists)"), "{0, 1}", False,
                   _step, _step_prime),
    )
}

"""The one exception type for user mistakes: its message says what was wrong and what is allowed.

A message is a template with named values, so the window can show it in the user's language: it
translates the template (and any value that has a translation) and fills in the values. Templates
are marked with ``QT_TRANSLATE_NOOP("errors", …)``, the marker Qt's lupdate collects; here it is a
plain function, so the engine still imports nothing but numpy and the standard library.

Also here: the checks that turn what a user passes (a name, a number, an array) into what the
engine computes with, refusing True/False, complex numbers, text where numbers belong, ragged
lists and integers too large for a float, each with an InputError.
"""

import numbers
import reprlib

import numpy as np


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


class InputError(ValueError):
    """Bad input from a user (a name, a number, a file); nothing was changed."""

    def __init__(self, template: str, **values):
        self.template, self.values = template, values
        super().__init__(template.format(**values) if values else template)


_UNKNOWN = {
    "problem": QT_TRANSLATE_NOOP("errors", "unknown problem {name!r}; choose one of: {valid}"),
    "optimizer": QT_TRANSLATE_NOOP("errors", "unknown optimizer {name!r}; choose one of: {valid}"),
    "activation": QT_TRANSLATE_NOOP("errors", "unknown activation {name!r}; choose one of: {valid}"),
    "loss": QT_TRANSLATE_NOOP("errors", "unknown loss {name!r}; choose one of: {valid}"),
    "dataset": QT_TRANSLATE_NOOP("errors", "unknown dataset {name!r}; choose one of: {valid}"),
    "model": QT_TRANSLATE_NOOP("errors", "unknown model {name!r}; choose one of: {valid}"),
    "schedule": QT_TRANSLATE_NOOP("errors", "unknown schedule {name!r}; choose one of: {valid}"),
}


def unknown_name(kind: str, name: object, valid) -> InputError:
    return InputError(_UNKNOWN[kind], name=shown(name), valid=", ".join(valid))


def check_name(kind: str, name: object, valid) -> str:
    """``name`` if it is one of ``valid`` (a str, not a list or other unhashable), else an InputError."""
    if isinstance(name, str) and name in valid:
        return name
    raise unknown_name(kind, name, valid)


_NOT_A_NUMBER = QT_TRANSLATE_NOOP("errors", "{what} must be a number, got {text!r}")
_NOT_FINITE = QT_TRANSLATE_NOOP("errors", "{what} must be a finite number, got {text!r}")
_COMPLEX = QT_TRANSLATE_NOOP("errors", "{what} must be a real number, not a complex one; got {text!r}")


def parse_number(text: object, what: str) -> float:
    """A finite float from a string or a real number, or an InputError naming `what`. True and False,
    complex numbers, arrays and integers beyond a float's range are refused."""
    if isinstance(text, str):
        try:
            value = float(text)
        except ValueError:
            raise InputError(_NOT_A_NUMBER, what=what, text=shown(text)) from None
    elif isinstance(text, (bool, np.bool_)) or not isinstance(text, numbers.Number):
        raise InputError(_NOT_A_NUMBER, what=what, text=shown(text))
    elif isinstance(text, numbers.Complex) and not isinstance(text, numbers.Real):
        raise InputError(_COMPLEX, what=what, text=shown(text))
    else:
        try:
            value = float(text)
        except OverflowError:
            raise InputError(_NOT_FINITE, what=what, text=shown(text)) from None
        except (TypeError, ValueError):
            raise InputError(_NOT_A_NUMBER, what=what, text=shown(text)) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InputError(_NOT_FINITE, what=what, text=shown(text))
    return value


def whole_number(value: object, what: str, low: int, high: int | None = None, *,
                 float_ok: bool = False) -> int:
    """``value`` as an int if it is an integer from ``low`` to ``high`` (with ``float_ok``, a float
    such as 3.0 too; never True/False, 2.5, '3' or a complex number), else an InputError naming
    `what`."""
    if float_ok and isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)) and low <= value and (
            high is None or value <= high):
        return int(value)
    if high is None:
        raise InputError(QT_TRANSLATE_NOOP("errors", "{what} must be a whole number ≥ {low}, got {value!r}"),
                         what=what, low=low, value=shown(value))
    raise InputError(QT_TRANSLATE_NOOP("errors", "{what} must be a whole number from {low} to {high}, "
                                       "got {value!r}"), what=what, low=low, high=high, value=shown(value))


_NOT_NUMBERS = QT_TRANSLATE_NOOP(
    "errors", "{what} must be real numbers (not text, True/False or complex numbers), got {value!r}")
_RAGGED = QT_TRANSLATE_NOOP(
    "errors", "{what} must be numbers in rows of equal length, got {value!r}")
_TOO_LARGE = QT_TRANSLATE_NOOP("errors", "{what} must be finite numbers, got {value!r}")


def real_array(value: object, what: str) -> np.ndarray:
    """``value`` (a list, tuple or array of real numbers, nested to any depth) as a float array, or
    an InputError naming `what`: text, True/False, complex numbers, ragged rows and integers beyond a
    float's range are refused rather than converted."""
    if isinstance(value, (str, bytes)):
        raise InputError(_NOT_NUMBERS, what=what, value=shown(value))
    try:
        array = np.asarray(value)
    except (ValueError, TypeError, OverflowError):
        raise InputError(_RAGGED, what=what, value=shown(value)) from None
    kind = array.dtype.kind
    if kind == "O":
        leaves = array.ravel().tolist()
        if not all(isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) for v in leaves):
            raise InputError(_NOT_NUMBERS, what=what, value=shown(value))
        try:
            return np.array([float(v) for v in leaves]).reshape(array.shape)
        except OverflowError:
            raise InputError(_TOO_LARGE, what=what, value=shown(value)) from None
    if kind not in "iuf" or (isinstance(value, (list, tuple)) and _holds_bool(value)):
        raise InputError(_NOT_NUMBERS, what=what, value=shown(value))
    with np.errstate(all="ignore"):  # a long double beyond a float's range becomes inf, checked later
        return array.astype(float, copy=False)


def _holds_bool(value) -> bool:
    """Whether a nested list or tuple holds True or False among numbers (numpy would make them 1, 0)."""
    stack = [value]
    while stack:
        for v in stack.pop():
            if isinstance(v, (list, tuple)):
                stack.append(v)
            elif isinstance(v, (bool, np.bool_)):
                return True
    return False


class _ShortRepr(reprlib.Repr):
    def __init__(self):
        super().__init__()
        self.maxstring = self.maxother = self.maxlong = 60
        self.maxlist = self.maxtuple = self.maxdict = self.maxset = 6

    def repr_int(self, x, level):
        if x.bit_length() > 190:  # beyond ~57 digits; and repr() refuses more than 4300
            digits = int(x.bit_length() * 0.30102999566398120) + 1
            if abs(x) < 10 ** (digits - 1):
                digits -= 1
            return f"<integer of {digits} digits>"
        return super().repr_int(x, level)

    def repr_ndarray(self, x, level):
        return shorten(repr(x), self.maxother)


_SHORT = _ShortRepr()


class _Shown:
    """A value as a message shows it: its repr, cut short. It formats the same with or without !r,
    and is not a str, so the window does not look it up as a phrase to translate."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return format(self.text, spec)


def shown(value: object) -> _Shown:
    """``value`` for a message: its repr, at most about 60 characters (a 10**400 or a list of a
    million numbers stays short), the same with {value} and {value!r} in a template."""
    return _Shown(shorten(_SHORT.repr(value)))


def shorten(text: str, limit: int = 60) -> str:
    """Text for a message: at most ``limit`` characters, cut in the middle with '…'."""
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return text[:half] + "…" + text[-half:]

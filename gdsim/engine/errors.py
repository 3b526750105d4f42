"""The one exception type for user mistakes: its message says what was wrong and what is allowed."""


class InputError(ValueError):
    """Bad input from a user (a name, a number, a file); nothing was changed."""


def unknown_name(kind: str, name: object, valid) -> InputError:
    return InputError(f"unknown {kind} {name!r}; choose one of: {', '.join(valid)}")


def parse_number(text: object, what: str) -> float:
    """A finite float from a string or number, or an InputError naming `what`."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a number, got {text!r}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InputError(f"{what} must be a finite number, got {text!r}")
    return value

"""The one exception type for user mistakes: its message says what was wrong and what is allowed.

A message is a template with named values, so the window can show it in the user's language: it
translates the template (and any value that has a translation) and fills in the values. Templates
are marked with ``QT_TRANSLATE_NOOP("errors", …)``, the marker Qt's lupdate collects; here it is a
plain function, so the engine still imports nothing but numpy and the standard library.
"""


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
}


def unknown_name(kind: str, name: object, valid) -> InputError:
    return InputError(_UNKNOWN[kind], name=name, valid=", ".join(valid))


def parse_number(text: object, what: str) -> float:
    """A finite float from a string or number, or an InputError naming `what`."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise InputError(QT_TRANSLATE_NOOP("errors", "{what} must be a number, got {text!r}"),
                         what=what, text=text) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InputError(QT_TRANSLATE_NOOP("errors", "{what} must be a finite number, got {text!r}"),
                         what=what, text=text)
    return value

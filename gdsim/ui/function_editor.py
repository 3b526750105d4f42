"""The typed function's editor in the side panel: the text, its mistake under it with a caret at the
column, a few examples, and the drawn range with "Fit to the path".

The text is checked here first (the engine's parser: no Qt, nothing evaluated) so that a mistake is
shown where it was typed and changes nothing; what parses goes to the session with the range, which
builds it (a function defined nowhere in the range is refused there, in the panel's banner).
"""

import html
import math

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ..engine import CUSTOM, InputError
from ..engine.custom import DEFAULT_RANGE, check_range
from ..engine.expression import FunctionError, parse
from .i18n import translate_error
from .session import Session

# (what the list shows, what is typed): x², a double well, a wavy bowl, Rosenbrock's valley.
EXAMPLES = (
    ("x²", "x^2"),
    ("x⁴ − 3x² + x", "x^4 - 3*x^2 + x"),
    ("sin(3x) + 0.3x²", "sin(3*x) + 0.3*x^2"),
    ("(1 − x)² + 100(y − x²)²", "(1 - x)^2 + 100*(y - x^2)^2"),
)
DEFAULT_TEXT = EXAMPLES[1][1]
CARET_CONTEXT = 24  # characters shown on each side of a mistake in a long text
ERROR_COLOR = "#B3261E"  # the refusal's red, readable on the panel's light background
FIT_MARGIN = 0.15  # "Fit to the path" leaves this much of the path's extent on each side


def caret_lines(text: str, column: int) -> str:
    """The text around ``column`` (from 1) and a caret under that column, in two lines of plain text
    for a fixed-width font; a long text is cut around it with "…"."""
    index = min(max(column - 1, 0), len(text))
    start = max(0, index - CARET_CONTEXT)
    end = min(len(text), index + CARET_CONTEXT)
    shown = text[start:end].replace("\t", " ").replace("\n", "⏎").replace("\r", "⏎")
    prefix, suffix = ("…" if start else ""), ("…" if end < len(text) else "")
    return f"{prefix}{shown}{suffix}\n{' ' * (len(prefix) + index - start)}^"


class FunctionEditor(QWidget):
    """Rows of the problem form for the problem custom (``add_rows``); shown while it is chosen."""

    field_left = Signal()  # Enter in a field: the window gives the keys back to the canvas

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.text = QLineEdit(DEFAULT_TEXT)
        self.text.setObjectName("function")
        self.text.setMaxLength(1000)  # the parser refuses past 300 characters, with a column
        self.text.returnPressed.connect(self.submit)

        self.caret = QLabel()
        self.caret.setTextFormat(Qt.TextFormat.RichText)  # <pre>: a fixed-width font of the panel's size
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        # No style sheet: it would fix the labels' font, and the window's scale sets the panel's.
        for label in (self.caret, self.error):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(ERROR_COLOR))
            label.setPalette(palette)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.hide()

        self.examples = QComboBox()
        self.examples.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.examples.setMinimumContentsLength(12)
        self.examples.addItem("", None)  # "Examples…": a heading, not a function
        for shown, typed in EXAMPLES:
            self.examples.addItem(shown, typed)
        self.examples.activated.connect(self._on_example_chosen)

        self.ranges = [(QLineEdit(), QLineEdit()) for _ in range(2)]  # x from/to, y from/to
        self.range_rows = []
        for low, high in self.ranges:
            for field in (low, high):
                field.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                field.setMinimumWidth(40)
                field.returnPressed.connect(self.submit)
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(low, 1)
            line.addWidget(QLabel("…"))
            line.addWidget(high, 1)
            self.range_rows.append(row)
        self.fit = QPushButton()
        self.fit.clicked.connect(self.fit_to_path)
        self.labels = [QLabel() for _ in range(4)]  # Function, Examples, x range, y range
        self.labels[0].setBuddy(self.text)
        self.labels[1].setBuddy(self.examples)
        self.labels[2].setBuddy(self.ranges[0][0])
        self.labels[3].setBuddy(self.ranges[1][0])
        self._rows: list = []
        self.hide()  # a container only: the widgets live in the form's rows

    def add_rows(self, form: QFormLayout) -> None:
        """Put the editor's rows into the problem form (hidden until the problem custom is chosen)."""
        form.addRow(self.labels[0], self.text)
        form.addRow(self.caret)
        form.addRow(self.error)
        form.addRow(self.labels[1], self.examples)
        form.addRow(self.labels[2], self.range_rows[0])
        form.addRow(self.labels[3], self.range_rows[1])
        form.addRow(self.fit)
        self._form = form
        self._rows = [self.text, self.caret, self.error, self.examples, *self.range_rows, self.fit]
        self.show_for(None)

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (self.tr("F&unction"), self.tr("E&xamples"), self.tr("&x range"),
                                             self.tr("&y range")), strict=True):
            label.setText(text)
        self.examples.setItemText(0, self.tr("Choose one…"))
        self.text.setToolTip(self.tr(
            "A function of x, or of x and y: numbers, x, y, pi, e, + − * / ^ (power), parentheses and sin, "
            "cos, tan, exp, log, log10, sqrt, abs, tanh, sinh, cosh, arctan, sigmoid, min, max. Press Enter "
            "to use it."))
        self.fit.setText(self.tr("Fit the range to the path"))
        self.fit.setToolTip(self.tr("Draw the range the watched run has gone through, with a margin"))
        if self.error.isVisible() and self._last_error is not None:
            self.error.setText(translate_error(self._last_error))

    _last_error: InputError | None = None
    _shown = None  # (text, range) of the typed function the fields show
    _last_used = None  # the text of the last typed function that ran

    # --- showing the setup ---------------------------------------------------------------------

    def show_for(self, problem) -> None:
        """Show the rows for a typed function (its text and range), hide them for any other problem."""
        typed = problem is not None and problem.name == CUSTOM
        for widget in self._rows:
            self._form.setRowVisible(widget, typed and widget not in (self.caret, self.error))
        if not typed:
            self._shown = None
            return
        self._form.setRowVisible(self.range_rows[1], problem.dim == 2)
        self._form.setRowVisible(self.caret, self._last_error is not None and bool(self.caret.text()))
        self._form.setRowVisible(self.error, self._last_error is not None)
        if self._shown == (problem.text, problem.domain):
            return  # the same function (a refused request): the fields keep what was typed
        self._shown = (problem.text, problem.domain)
        self._last_used = problem.text
        self._clear_error()
        self.text.setText(problem.text)
        for (low, high), (lo, hi) in zip(self.ranges, problem.domain, strict=False):
            low.setText(f"{lo:g}")
            high.setText(f"{hi:g}")

    # --- requests -----------------------------------------------------------------------------

    @Slot()
    def submit(self) -> bool:
        """Use the typed function with the range typed: a mistake is shown under the field and
        changes nothing."""
        text = self.text.text()
        try:
            expression = parse(text)
        except FunctionError as e:
            self._show_error(e, caret=caret_lines(text, e.column))
            return False
        try:
            domain = check_range(self._typed_range(expression.variables), expression.variables)
        except InputError as e:
            self._show_error(e)
            return False
        self._clear_error()
        accepted = self.session.set_function(text, domain)
        self.field_left.emit()
        return accepted

    def choose(self) -> bool:
        """The problem list's "Your own function…": the function in the fields, or if they hold a
        mistake (left there when another problem was chosen), the last one used or the default."""
        try:
            variables = parse(self.text.text()).variables
            check_range(self._typed_range(variables), variables)
        except InputError:
            self.text.setText(self._last_used or DEFAULT_TEXT)
            for low, high in self.ranges:
                low.clear()
                high.clear()
        return self.submit()

    @Slot()
    def fit_to_path(self) -> bool:
        """The drawn range around the watched run's path (its extent and a margin on each side)."""
        snap = self.session.latest
        if snap is None or snap.problem.name != CUSTOM:
            return False
        path = np.asarray(snap.watched_track.history_params, float)
        path = path[np.isfinite(path).all(axis=1)]
        if not len(path):
            return False
        for i, (low, high) in enumerate(self.ranges[: snap.problem.dim]):
            lo, hi = float(path[:, i].min()), float(path[:, i].max())
            margin = max(FIT_MARGIN * (hi - lo), 0.05 * max(abs(lo), abs(hi)), 0.1)
            low.setText(_short(lo - margin, math.floor))
            high.setText(_short(hi + margin, math.ceil))
        return self.submit()

    @Slot(int)
    def _on_example_chosen(self, index: int) -> None:
        typed = self.examples.itemData(index)
        self.examples.setCurrentIndex(0)
        if typed is None:
            return
        self.text.setText(typed)
        for low, high in self.ranges:  # each example's own default range
            low.clear()
            high.clear()
        self.submit()

    # --- helpers ------------------------------------------------------------------------------

    def _typed_range(self, variables):
        """The range fields of the function's variables as pairs, text as typed (the engine says what
        is wrong with it); a pair left empty is the default range."""
        pairs = []
        for _, (low, high) in zip(("x", "y")[: 2 if "y" in variables else 1], self.ranges, strict=False):
            ends = (low.text().strip(), high.text().strip())
            pairs.append(DEFAULT_RANGE if ends == ("", "") else ends)
        return pairs

    def _show_error(self, error: InputError, caret: str | None = None) -> None:
        self._last_error = error
        self.error.setText(translate_error(error))
        self.caret.setText("" if caret is None else
                           f"<pre style='margin: 0'>{html.escape(caret, quote=False)}</pre>")
        self._form.setRowVisible(self.error, True)
        self._form.setRowVisible(self.caret, caret is not None)

    def _clear_error(self) -> None:
        self._last_error = None
        self.error.clear()
        self.caret.clear()
        self._form.setRowVisible(self.error, False)
        self._form.setRowVisible(self.caret, False)


def _short(value: float, rounding) -> str:
    """A range end with two significant digits, rounded outwards."""
    if value == 0:
        return "0"
    scale = 10 ** (math.floor(math.log10(abs(value))) - 1)
    return f"{rounding(value / scale) * scale:.10g}"

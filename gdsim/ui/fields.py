"""Small input widgets: number fields that show a value exactly (1e-10, 0.999999999), and a log-scale
slider with such a field."""

import math
import re

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import QDoubleValidator, QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLineEdit, QSlider, QSpinBox, QWidget

from ..model.setup import LR_RANGE  # noqa: F401 (the η slider's ends, named here for the views)

SLIDER_STEPS = 600
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_PART_OF_A_NUMBER = re.compile(r"[+-]?\d*\.?\d*(?:[eE][+-]?\d*)?")


def exact_text(value: float) -> str:
    """The shortest text that reads back as the same float: 0.1, 1e-10, 0.999999999, 123456.789."""
    text = repr(float(value) + 0.0)  # + 0.0: no "-0"
    return text[:-2] if text.endswith(".0") else text


class ExactNumberBox(QDoubleSpinBox):
    """A spin box that shows its value exactly and takes plain or scientific notation (2.5e-12).

    Qt rounds a spin box's value to its decimals; with the most it allows (323) every float from
    1e-300 up keeps all its digits, so the field never shows one number while holding another."""

    def __init__(self, low: float, high: float, parent=None):
        super().__init__(parent)
        self.setDecimals(323)
        self.setRange(low, high)
        self.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.setKeyboardTracking(False)
        self.lineEdit().textChanged.connect(self.updateGeometry)  # a longer number asks for more room

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Wide enough for the whole number shown (Qt's own hint fits only the range's ends)."""
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        ends = max(metrics.horizontalAdvance(self.textFromValue(v)) for v in (self.minimum(), self.maximum()))
        chrome = super().sizeHint().width() - ends  # frame, margins and the arrows
        return QSize(max(hint.width(), metrics.horizontalAdvance(self.text() + "0") + chrome), hint.height())

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt's name)
        return exact_text(value)

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt's name)
        try:
            return float(text.strip())
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        stripped = text.strip()
        if _NUMBER.fullmatch(stripped):
            value = float(stripped)
            inside = math.isfinite(value) and self.minimum() <= value <= self.maximum()
            state = QValidator.State.Acceptable if inside else QValidator.State.Intermediate
        elif _PART_OF_A_NUMBER.fullmatch(stripped):
            state = QValidator.State.Intermediate
        else:
            state = QValidator.State.Invalid
        return state, text, pos


class LogSlider(QWidget):
    """A value between ``low`` and ``high`` on a log scale: a slider and a number field together.

    ``value_changed`` fires when the user settles on a value (slider released or moved by keys,
    field edited); ``set_value`` changes both without firing it.
    """

    value_changed = Signal(float)

    def __init__(self, low: float, high: float, value: float, parent=None):
        super().__init__(parent)
        self._low, self._high = low, high
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setPageStep(SLIDER_STEPS // 12)
        self.field = ExactNumberBox(low, high)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 3)
        layout.addWidget(self.field, 2)
        self.setFocusProxy(self.field)
        self.set_value(value)
        self.slider.valueChanged.connect(self._on_slider_moved)
        self.slider.sliderReleased.connect(self._on_slider_released)
        self.field.valueChanged.connect(self._on_field_changed)

    def value(self) -> float:
        return self.field.value()

    def set_value(self, value: float) -> None:
        value = min(max(value, self._low), self._high)
        for widget in (self.slider, self.field):
            widget.blockSignals(True)
        self.field.setValue(value)
        self.slider.setValue(self._to_slider(value))
        for widget in (self.slider, self.field):
            widget.blockSignals(False)

    def setToolTip(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setToolTip(text)
        self.slider.setToolTip(text)
        self.field.setToolTip(text)

    def _to_slider(self, value: float) -> int:
        span = math.log10(self._high) - math.log10(self._low)
        return round((math.log10(value) - math.log10(self._low)) / span * SLIDER_STEPS)

    def _from_slider(self, position: int) -> float:
        span = math.log10(self._high) - math.log10(self._low)
        value = 10 ** (math.log10(self._low) + position / SLIDER_STEPS * span)
        return float(f"{value:.3g}")  # a value one can read aloud

    def _on_slider_moved(self, position: int) -> None:
        value = self._from_slider(position)
        self.field.blockSignals(True)
        self.field.setValue(value)
        self.field.blockSignals(False)
        if not self.slider.isSliderDown():  # keyboard or click on the groove: settled already
            self.value_changed.emit(self.field.value())

    def _on_slider_released(self) -> None:
        self.value_changed.emit(self.field.value())

    def _on_field_changed(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(self._to_slider(max(value, self._low)))
        self.slider.blockSignals(False)
        self.value_changed.emit(value)


class NumberField(QLineEdit):
    """A number typed as text, so that 1e-6 and 0.000001 both work; ``value_entered`` on Enter or
    leaving the field, only when the text is a number."""

    value_entered = Signal(float)

    def __init__(self, value: float, parent=None):
        super().__init__(parent)
        validator = QDoubleValidator(self)
        validator.setNotation(QDoubleValidator.Notation.ScientificNotation)
        validator.setLocale(QLocale.c())
        self.setValidator(validator)
        self.set_value(value)
        self.editingFinished.connect(self._on_editing_finished)

    def value(self) -> float:
        """The value last set or entered (not what is being typed)."""
        return self._value

    def set_value(self, value: float) -> None:
        self._value = value
        self.setText(exact_text(value))

    def _on_editing_finished(self) -> None:
        try:
            value = float(self.text())
        except ValueError:
            return
        if value != self._value:  # leaving the field after Escape enters nothing
            self._value = value
            self.value_entered.emit(value)


def put_back(widget) -> None:
    """Show a number field's last value again, dropping what was typed since (Escape)."""
    if isinstance(widget, NumberField):
        widget.set_value(widget.value())
    elif isinstance(widget, QSpinBox | QDoubleSpinBox):
        widget.setValue(widget.value())  # the text again; no signal, as the value is the same

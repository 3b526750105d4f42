"""Small input widgets: a log-scale slider with a number field, and a number field that takes 1e-6."""

import math

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLineEdit, QSlider, QSpinBox, QWidget

from .style import format_number

SLIDER_STEPS = 600
LR_RANGE = (1e-5, 10.0)  # the η slider's ends


class LogSlider(QWidget):
    """A value between ``low`` and ``high`` on a log scale: a slider and a number field together.

    ``value_changed`` fires when the user settles on a value (slider released or moved by keys,
    field edited); ``set_value`` changes both without firing it.
    """

    value_changed = Signal(float)

    def __init__(self, low: float, high: float, value: float, decimals: int = 6, parent=None):
        super().__init__(parent)
        self._low, self._high = low, high
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setPageStep(SLIDER_STEPS // 12)
        self.field = QDoubleSpinBox()
        self.field.setRange(low, high)
        self.field.setDecimals(decimals)
        self.field.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.field.setKeyboardTracking(False)
        self.field.setMinimumWidth(110)
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
        self.setText(format_number(value).replace("−", "-"))

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

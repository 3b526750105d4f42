"""The learning-rate schedule of the watched run: a list of schedules and a field per parameter.

The box shows a schedule (``show_schedule``) and says which one the user chose
(``schedule_requested``): None for a constant η, else {"name": …, every parameter}, which the session
checks (``Session.set_schedule``); a refused one is shown again as it was.
"""

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from ..engine.schedules import SCHEDULES, WARMUP, Schedule
from ..model.setup import SHOWN_RANGE
from .fields import ExactNumberBox
from .i18n import tr
from .names import formula_text, schedule_parameter_label, schedule_title


class ScheduleBox(QWidget):
    schedule_requested = Signal(object)  # None, or {"name": …, parameters}

    def __init__(self, parent=None):
        super().__init__(parent)
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.kind = QComboBox()
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(12)
        for name in SCHEDULES:
            self.kind.addItem("", name)
        self.kind.activated.connect(self._on_kind_chosen)
        self._form.addRow(self.kind)
        self.fields: dict[str, QWidget] = {}
        self._shown: Schedule | None = None
        self._built_for = None
        self.retranslate()
        self.show_schedule(None)

    def retranslate(self) -> None:
        for i in range(self.kind.count()):
            self.kind.setItemText(i, schedule_title(self.kind.itemData(i)))
        self.kind.setToolTip(self.tr("How η changes from step to step: update t uses ηₜ = η·λ(t)"))
        self._built_for = None
        self.show_schedule(self._shown)

    def show_schedule(self, schedule: Schedule | None) -> None:
        """Show this schedule (None: a constant η) in the list and the fields, signalling nothing."""
        self._shown = schedule
        name = "constant" if schedule is None else schedule.name
        self.kind.setCurrentIndex(self.kind.findData(name))
        values = (Schedule("constant") if schedule is None else schedule).parameters
        if self._built_for != name:
            self._build_fields(name)
        for key, field in self.fields.items():
            field.blockSignals(True)
            field.setValue(values[key])
            field.blockSignals(False)

    def _build_fields(self, name: str) -> None:
        while self._form.rowCount() > 1:
            self._form.removeRow(1)
        self.fields = {}
        kind = SCHEDULES[name]
        for p in (*kind.parameters, WARMUP):
            field = _field(p)
            field.setToolTip(tr("{0}; allowed {1}, default {2}").format(
                schedule_parameter_label(name, p.name), p.allowed, f"{p.default:g}"))
            field.valueChanged.connect(self._on_field_changed)
            self.fields[p.name] = field
            label = QLabel(schedule_parameter_label(name, p.name))
            label.setWordWrap(True)  # a narrow panel, a large scale: the label takes two lines
            label.setBuddy(field)
            self._form.addRow(label, field)
        formula = kind.formula if name != "constant" else "ηₜ = η"
        self.kind.setToolTip(self.tr("How η changes from step to step: update t uses ηₜ = η·λ(t)") + "\n"
                             + formula_text(formula))
        self._built_for = name

    @Slot(int)
    def _on_kind_chosen(self, index: int) -> None:
        """Another schedule, with its own defaults (and the warm-up kept)."""
        name = self.kind.itemData(index)
        if self._shown is not None and name == self._shown.name:
            return
        warmup = 0 if self._shown is None else self._shown.warmup
        self._request(name, {"warmup": warmup})

    @Slot()
    def _on_field_changed(self) -> None:
        self._request(self.kind.currentData(), {key: field.value() for key, field in self.fields.items()})

    def _request(self, name: str, values: dict) -> None:
        if name == "constant" and not values.get("warmup"):
            self.schedule_requested.emit(None)  # no schedule at all: η stays lr
        else:
            self.schedule_requested.emit({"name": name, **values})


def _field(p) -> QWidget:
    """A spin box for a whole number of updates, an exact number field for the others."""
    if p.whole:
        box = QSpinBox()
        box.setRange(int(p.low), int(min(p.high, 2**31 - 1)))
        box.setGroupSeparatorShown(True)
        box.setKeyboardTracking(False)
        return box
    low = SHOWN_RANGE[0] if p.low_open else p.low  # (the engine refuses γ = 0, and says so)
    return ExactNumberBox(low, min(p.high, SHOWN_RANGE[1]))

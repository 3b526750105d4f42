"""The status bar's offer of another η: a new activation or loss keeps every run's η, and when the new
problem suggests a different one, this says so and offers it with a button, never setting it unasked."""

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from .names import optimizer_title
from .style import format_number


class LrOffer(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self._suggestion: dict[int, float] = {}
        self.label = QLabel()
        # It takes the room the status bar has left; a long text must not widen the window.
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton()
        self.button.clicked.connect(session.take_lr_suggestion)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        session.lr_suggestion_changed.connect(self._on_suggestion_changed)
        self.hide()

    def retranslate(self) -> None:
        if not self._suggestion:
            return
        setup = self.session.setup
        if len(self._suggestion) == 1:
            (index, suggested), = self._suggestion.items()
            kept = self.session.hyperparameters(index)["lr"]
            text = self.tr("η stays {0} (suggested: {1})").format(
                format_number(kept), format_number(suggested))
            if len(setup.contenders) > 1:
                text = f"{optimizer_title(setup.contenders[index].optimizer)}: {text}"
            self.button.setText(self.tr("Use η = {0}").format(format_number(suggested)))
        else:
            runs = ", ".join(f"{optimizer_title(setup.contenders[i].optimizer)} η = {format_number(lr)}"
                             for i, lr in sorted(self._suggestion.items()))
            text = self.tr("Every η stays (suggested: {0})").format(runs)
            self.button.setText(self.tr("Use the suggested η"))
        self.label.setText(text)
        self.label.setToolTip(text)  # in full, should the status bar cut it short
        self.button.setToolTip(self.tr("Give the runs the η this problem suggests, from the next step on"))

    @Slot(object)
    def _on_suggestion_changed(self, suggestion: dict) -> None:
        self._suggestion = dict(suggestion)
        self.retranslate()
        self.setVisible(bool(self._suggestion))

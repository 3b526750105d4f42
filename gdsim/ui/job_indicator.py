"""A background job in the status bar: what it does, a progress bar and Cancel, shown once the job has
taken longer than a moment (a job that ends sooner never flickers into view)."""

from collections.abc import Callable

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

SHOW_AFTER_MS = 200
STEPS = 1000  # the progress bar's resolution


class JobIndicator(QWidget):
    def __init__(self, cancel: Callable[[], None], parent=None):
        super().__init__(parent)
        self._text: Callable[[], str] = str
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, STEPS)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(160)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self.show)
        self.hide()
        self.retranslate()

    @property
    def running(self) -> bool:
        """True between ``begin`` and ``end``, whether shown yet or not."""
        return self._show_timer.isActive() or self.isVisible()

    def begin(self, text: Callable[[], str]) -> None:
        """A job has begun; ``text()`` says what it does, in the language of the moment."""
        self._text = text
        self.label.setText(text())
        self.bar.setValue(0)
        if not self.isVisible():
            self._show_timer.start(SHOW_AFTER_MS)

    @Slot(float)
    def advance(self, done: float) -> None:
        self.bar.setValue(round(min(max(done, 0.0), 1.0) * STEPS))

    @Slot()
    def end(self) -> None:
        self._show_timer.stop()
        self.hide()

    def retranslate(self) -> None:
        self.label.setText(self._text())
        self.cancel_button.setText(self.tr("Cancel"))

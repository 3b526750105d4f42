"""The chain-rule panel: which sample (a spin box, or a click on a point of the data view) and the
neuron's computation graph with its forward values and backward factors for it, written for each
snapshot the canvas draws while the panel is shown (while a run plays, at most
TEXT_UPDATES_PER_SECOND times a second)."""

import time

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QTextBrowser, QVBoxLayout, QWidget

from .chain_text import ChainText, describe_chain
from .formula_panel import TEXT_UPDATES_PER_SECOND
from .i18n import tr
from .style import DARK, Style


class ChainRulePanel(QWidget):
    sample_changed = Signal(int)  # the 0-based row of the data now shown

    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent)
        self._style = style
        self._snap = None  # the newest snapshot given, written when the panel is (next) shown
        self._written = None  # (snapshot, sample, language marker) last written
        self._written_at = float("-inf")
        self.text = ChainText("")
        self.sample_label = QLabel()
        self.sample = QSpinBox()
        self.sample.setRange(1, 1)
        self.sample.setKeyboardTracking(False)
        self.sample.valueChanged.connect(self._on_sample_changed)
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        top = QHBoxLayout()
        top.addWidget(self.sample_label)
        top.addWidget(self.sample)
        top.addWidget(self.count, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        self.apply_style(style)
        self.retranslate()

    @property
    def sample_index(self) -> int:
        """The 0-based row of the data shown (the spin box counts from 1, as people do)."""
        return self.sample.value() - 1

    def apply_style(self, style: Style) -> None:
        self._style = style
        font = QFont()
        font.setPointSizeF(11 * style.scale)
        self.browser.setFont(font)
        self.browser.document().setDefaultFont(font)
        self.browser.setStyleSheet(f"QTextBrowser {{ background: {style.background}; "
                                   f"color: {style.foreground}; border: none; padding: 6px; }}")
        small = QFont()
        small.setPointSizeF(10 * style.scale)
        for widget in (self.sample_label, self.sample, self.count):
            widget.setFont(small)
        self._rewrite()

    def retranslate(self) -> None:
        self.setAccessibleName(tr("Chain rule"))
        self.sample_label.setText(tr("Sample"))
        self.sample.setToolTip(tr("Which sample of the data the graph shows (or click a point of the data)"))
        self._show_count()
        self._rewrite()

    def choose_sample(self, row: int) -> None:
        """Show sample ``row`` (0-based) of the data."""
        self.sample.setValue(row + 1)

    @Slot(object)
    def show_snapshot(self, snap) -> None:
        new_problem = self._snap is None or snap.problem is not self._snap.problem
        self._snap = snap
        if new_problem:
            self._fit_range(snap.problem)
        if not self.isVisible():
            return
        now = time.perf_counter()
        if snap.playing and now - self._written_at < 1 / TEXT_UPDATES_PER_SECOND:
            return
        self._write()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._rewrite()

    def _fit_range(self, problem) -> None:
        dataset = getattr(problem, "dataset", None)
        n = 1 if dataset is None else len(dataset.y)
        self.sample.setEnabled(dataset is not None)
        self.sample.blockSignals(True)
        self.sample.setRange(1, n)
        self.sample.blockSignals(False)
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(self.text.caption)

    @Slot(int)
    def _on_sample_changed(self, value: int) -> None:
        self._rewrite()
        self.sample_changed.emit(value - 1)

    def _rewrite(self) -> None:
        """Write again now (a new sample, style or language), if there is something to show."""
        self._written = None
        if self._snap is not None and self.isVisible():
            self._write()

    def _write(self) -> None:
        snap = self._snap
        key = (id(snap), self.sample_index)
        if key == self._written:  # (the snapshot is kept in self._snap, so its id is not reused)
            return
        self._written, self._written_at = key, time.perf_counter()
        self.text = describe_chain(snap.problem, snap.watched_track, self.sample_index, self._style)
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.setHtml(self.text.html)
        self._show_count()
        bar.setValue(position)  # a playing run rewrites the text: keep the reader's place

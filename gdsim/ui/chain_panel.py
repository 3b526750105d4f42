"""The chain-rule panel: which sample (a spin box, or a click on a point of the data view) and the
neuron's computation graph with its forward values and backward factors for it, written for each
snapshot the canvas draws while the panel is shown (while a run plays, at most
TEXT_UPDATES_PER_SECOND times a second)."""

import time

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QTextBrowser, QVBoxLayout, QWidget

from .chain_text import ChainText, describe_chain
from .formula_panel import TEXT_UPDATES_PER_SECOND
from .i18n import tr
from .style import DARK, Style

TEXT_PADDING = 6  # px, the text's padding in its style sheet


class ChainRulePanel(QWidget):
    sample_changed = Signal(int)  # the 0-based row of the data now shown

    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent)
        self._style = style
        self._snap = None  # the newest snapshot given, written when the panel is (next) shown
        self._written = None  # (snapshot, sample, language marker) last written
        self._written_at = float("-inf")
        self.text = ChainText("")
        # Whether the graph fits from left to right at a width of the text (px): measured on the first
        # text written at that width; forgotten when the style, the language or the problem changes.
        self._across: dict[int, bool] = {}
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
                                   f"color: {style.foreground}; border: none; padding: {TEXT_PADDING}px; }}")
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
            self._across.clear()
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

    def _natural_width(self, html: str) -> float:
        """How wide ``html`` is laid out with no line broken but where it must be, margins included."""
        document = QTextDocument()
        document.setDefaultFont(self.browser.document().defaultFont())
        document.setHtml(html)
        document.setTextWidth(-1)
        return document.idealWidth() + 2 * self.browser.document().documentMargin() + 2 * TEXT_PADDING

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._rewrite(measure=False)

    def _rewrite(self, measure: bool = True) -> None:
        """Write again now (a new sample, style, language or width), if there is something to show;
        ``measure``: the width the graph needs may have changed too."""
        if measure:
            self._across.clear()
        self._written = None
        if self._snap is not None and self.isVisible():
            self._write()

    def _write(self) -> None:
        snap = self._snap
        key = (id(snap), self.sample_index)
        if key == self._written:  # (the snapshot is kept in self._snap, so its id is not reused)
            return
        self._written, self._written_at = key, time.perf_counter()
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        width = self.browser.viewport().width()
        across = self._across.get(width, True)
        self.text = describe_chain(snap.problem, snap.watched_track, self.sample_index, self._style, across)
        if across and width not in self._across:  # the first text at this width: does it fit across?
            self._across[width] = self._natural_width(self.text.graph) <= width
            if not self._across[width]:
                self.text = describe_chain(snap.problem, snap.watched_track, self.sample_index, self._style,
                                           across=False)
        self.browser.setHtml(self.text.html)
        self._show_count()
        bar.setValue(position)  # a playing run rewrites the text: keep the reader's place

"""The chain-rule panel: which sample (a spin box, or a click on a point of the data view) and the
neuron's computation graph with its forward values and backward factors for it, written for each
snapshot the canvas draws while the panel is shown (while a run plays, at most
TEXT_UPDATES_PER_SECOND times a second). The numbers are worked out on a thread of their own
(``ChainCalculator``): summing over a million samples must not hold up the window."""

import time

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QTextBrowser, QVBoxLayout, QWidget

from .chain_text import ACROSS, BELOW, BESIDE, ChainText, describe_chain, not_for_this_problem
from .chain_worker import ChainCalculator
from .formula_panel import TEXT_UPDATES_PER_SECOND
from .i18n import tr
from .style import DARK, Style

TEXT_PADDING = 6  # px, the text's padding in its style sheet
FIT_SLACK = 12  # px a laid-out table may take beyond its measured width
TEXT_POINTS = 10.5  # at 100 %: the graph reads from left to right at 1024 × 700


class ChainRulePanel(QWidget):
    sample_changed = Signal(int)  # the 0-based row of the data now shown

    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent)
        self._style = style
        self._snap = None  # the newest snapshot given, written when the panel is (next) shown
        self._written = None  # (snapshot, sample, language marker) last written
        self._written_at = float("-inf")
        self.text = ChainText("")
        self.calculator = ChainCalculator(self)
        self.calculator.ready.connect(self._on_ready)
        self._shown = None  # (snapshot, ChainAtSample) last worked out
        # How the graph is laid out at a width of the text (px): measured on the first text written at
        # that width; forgotten when the style, the language or the problem changes.
        self._layouts: dict[int, str] = {}
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
        font.setPointSizeF(TEXT_POINTS * style.scale)
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
            self._layouts.clear()
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

    def _natural_width(self, html: str, squeezed: bool = False) -> float:
        """How wide ``html`` is laid out with no line broken but where it must be (``squeezed``: with
        every line broken where it may be), with the document's margins (the style sheet's padding
        lies outside the viewport)."""
        document = QTextDocument()
        document.setDefaultFont(self.browser.document().defaultFont())
        document.setHtml(html)
        document.setTextWidth(1 if squeezed else -1)
        width = document.size().width() if squeezed else document.idealWidth()
        return width + 2 * self.browser.document().documentMargin()

    def _layout_for(self, width: int, snap, chain) -> str:
        """ACROSS if the graph fits from left to right; else BESIDE, if the products and sums fit beside
        the graph drawn from top to bottom; else BELOW. A layout fits if its graph fits unbroken and
        nothing, squeezed as far as it goes (each formula's pieces whole), is wider than ``width``."""
        for layout in (ACROSS, BESIDE):
            text = describe_chain(snap.problem, snap.watched_track, chain, self._style, layout)
            if (self._natural_width(text.graph) + FIT_SLACK <= width
                    and self._natural_width(text.html, squeezed=True) + FIT_SLACK <= width):
                return layout
        return BELOW

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._rewrite(measure=False)

    def _rewrite(self, measure: bool = True) -> None:
        """Write again now (a new sample, style, language or width), if there is something to show;
        ``measure``: the width the graph needs may have changed too."""
        if measure:
            self._layouts.clear()
        if self._snap is None or not self.isVisible():
            return
        shown = self._shown
        if shown is not None and shown[0] is self._snap and shown[1].sample == self.sample_index:
            self._lay_out()  # the numbers are there: only the text is new
        else:
            self._written = None
            self._write()

    def _write(self) -> None:
        """Ask for the numbers of the newest snapshot and the chosen sample (worked out on the
        calculator's thread; ``_on_ready`` writes them)."""
        snap = self._snap
        key = (id(snap), self.sample_index)
        if key == self._written:  # (the snapshot is kept in self._snap, so its id is not reused)
            return
        self._written, self._written_at = key, time.perf_counter()
        if getattr(snap.problem, "dataset", None) is None:
            self._shown = None
            self.text = not_for_this_problem()
            self.browser.setHtml(self.text.html)
            self._show_count()
            return
        track = snap.watched_track
        self.calculator.request((snap, self.sample_index), snap.problem, track.params, self.sample_index,
                                track.batch_rows)

    @Slot(object, object)
    def _on_ready(self, tag, chain) -> None:
        snap, _sample = tag
        if chain is None or self._snap is None or snap.problem is not self._snap.problem:
            return  # a point that is not finite, or numbers of a problem no longer shown
        self._shown = (snap, chain)
        if self.isVisible():
            self._lay_out()

    def _lay_out(self) -> None:
        """Write the numbers last worked out, laid out as fits the width (``_layout_for``)."""
        snap, chain = self._shown
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        # As wide as it is beside a scroll bar: the text then fits whether or not one shows.
        width = self.browser.viewport().width() - (0 if bar.isVisible() else bar.sizeHint().width())
        layout = self._layouts.get(width)
        if layout is None:  # the first text at this width: what fits?
            layout = self._layouts[width] = self._layout_for(width, snap, chain)
        self.text = describe_chain(snap.problem, snap.watched_track, chain, self._style, layout)
        # A layout chosen because it fits needs no horizontal scroll bar (Qt's tables may overrun by a
        # pixel); the last resort, BELOW, may be wider than the panel at a large scale.
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if layout == BELOW
                                                  else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.browser.setHtml(self.text.html)
        self._show_count()
        bar.setValue(position)  # a playing run rewrites the text: keep the reader's place

    def shutdown(self) -> bool:
        """Join the calculator's thread (the window is closing)."""
        return self.calculator.shutdown()

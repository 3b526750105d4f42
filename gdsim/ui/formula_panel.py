"""The formula panel beside the canvas: the loss, its derivatives and the watched run's next update,
with numbers, written for each snapshot the canvas draws (while a run plays, at most
TEXT_UPDATES_PER_SECOND times a second)."""

import time

from PySide6.QtCore import Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTextBrowser

from .formula import FormulaText, describe
from .style import DARK, Style

# While a run plays its numbers change every frame, faster than anyone reads them, and laying out and
# painting the panel's text costs about as much as drawing a plot: it follows the canvas at this rate.
# A paused or finished run's snapshot is written at once.
TEXT_UPDATES_PER_SECOND = 10


class FormulaPanel(QTextBrowser):
    def __init__(self, style: Style = DARK, parent=None):
        super().__init__(parent)
        self._html = ""
        self._written_at = float("-inf")
        self.text = FormulaText("")
        self.setOpenLinks(False)
        self.apply_style(style)
        self.retranslate()

    def apply_style(self, style: Style) -> None:
        font = QFont()
        font.setPointSizeF(12 * style.scale)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.setStyleSheet(f"QTextBrowser {{ background: {style.background}; color: {style.foreground}; "
                           f"border: none; padding: 6px; }}")

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Formulas"))
        self._html = ""  # written again in the new language with the next frame

    @Slot(object)
    def show_snapshot(self, snap) -> None:
        if not self.isVisible():
            return
        now = time.perf_counter()
        if snap.playing and now - self._written_at < 1 / TEXT_UPDATES_PER_SECOND:
            return
        self._written_at = now
        self.text = describe(snap.problem, snap.watched_track)
        if self.text.html != self._html:  # re-laying out the same text costs a frame's time
            self._html = self.text.html
            self.setHtml(self._html)

"""The formula panel beside the canvas: the loss, its derivatives and the next update, with numbers."""

from PySide6.QtCore import Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTextBrowser

from .formula import FormulaText, describe
from .style import DARK, Style


class FormulaPanel(QTextBrowser):
    def __init__(self, canvas, style: Style = DARK, parent=None):
        super().__init__(parent)
        self._canvas = canvas
        self._html = ""
        self.text = FormulaText("")
        self.setOpenLinks(False)
        self.apply_style(style)
        self.retranslate()
        canvas.drawn.connect(self._on_drawn)

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
    def _on_drawn(self, snap) -> None:
        if not self.isVisible():
            return
        track = snap.tracks[min(self._canvas.focus, len(snap.tracks) - 1)]
        self.text = describe(self._canvas.session.problem, track)
        if self.text.html != self._html:  # re-laying out the same text costs a frame's time
            self._html = self.text.html
            self.setHtml(self._html)

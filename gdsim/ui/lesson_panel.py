"""The lesson panel: the title of the lesson loaded and its note for the teacher."""

import html
import math

from PySide6.QtWidgets import QTextBrowser

from .style import Style


class LessonPanel(QTextBrowser):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.lesson = None
        self.setOpenLinks(False)

    def apply_style(self, style: Style) -> None:
        font = self.font()
        font.setPointSizeF(11 * style.scale)
        self.setFont(font)
        self.document().setDefaultFont(font)

    def height_for_width(self, width: int) -> int:
        """The height the note needs, laid out ``width`` px wide (the text, not the frame)."""
        document = self.document().clone()
        document.setTextWidth(width)
        return math.ceil(document.size().height())

    def show_lesson(self, lesson, language: str) -> None:
        self.lesson = lesson
        self.retranslate(language)

    def retranslate(self, language: str) -> None:
        if self.lesson is None:
            self.setHtml("")
            return
        title = html.escape(self.lesson.text("title", language))
        notes = html.escape(self.lesson.text("notes", language)).replace("\n", "<br>")
        self.setHtml(f"<h3>{self.lesson.number}. {title}</h3><p>{notes}</p>")

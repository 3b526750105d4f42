"""Refusals shown where the user acted: a message box over the window for a file that was refused.
Texts are plain text: a file's name or contents are never read as markup."""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox


def show_refusal(parent, title: str, message: str) -> QMessageBox:
    """A warning box over ``parent``'s window saying what was refused and that nothing changed; it
    does not block (tests find it among the top-level widgets and close it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(QCoreApplication.translate("refusals", "Nothing was changed."))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box

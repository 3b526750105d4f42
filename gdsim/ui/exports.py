"""File → Export: a picture of the canvas or of one plot (PNG at 1×, 2×, 4×, or SVG), in the window's
theme or the light one for print, optionally with the formulas beside it; the picture copied to the
clipboard; every run's steps and the dataset as CSV. Every file is written whole or not at all and
only over a regular file (gdsim.files); a refusal is said as the window says refusals."""

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from ..engine import InputError
from ..files import write_atomically
from ..model.hand_data import NO_POINTS_TO_SAVE
from ..model.tables import trajectories_csv
from . import pictures
from .animation_export import AnimationExport
from .formula import describe
from .formula_panel import FormulaPanel
from .i18n import tr, translate_error
from .refusals import show_refusal
from .style import LIGHT, themed

FORMULA_WIDTH = 340  # px beside the canvas at 100 %, as the window's formula panel
CLIPBOARD_SCALE = 2  # a pasted picture stays sharp on a projector


@dataclass(frozen=True)
class PictureChoice:
    what: str = "canvas"  # 'canvas', or a view: 'parameters', 'slice 0', 'slice 1', 'losses', 'data'
    scale: int = 1  # PNG only: pixels per pixel on screen
    formulas: bool = False  # the formulas beside the canvas
    light: bool = False  # the light theme (for print), whatever the window's


class Exports(QObject):
    saved = Signal(str)  # the path of a file just written

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.menu = window.actions.file_menu.addMenu("")
        window.actions.file_menu.insertMenu(window.actions.quit, self.menu)
        window.actions.file_menu.insertSeparator(window.actions.quit)
        self.picture = self._add(self.ask_for_picture)
        self.copy_picture = self._add(self.copy_to_clipboard, QKeySequence("Ctrl+Shift+C"))
        self.animation_export = AnimationExport(window)
        self.animation = self._add(self.animation_export.ask)
        self.menu.addSeparator()
        self.trajectories = self._add(self.ask_for_trajectories)
        self.dataset = self._add(self.ask_for_dataset)
        self.dialog: PictureDialog | None = None
        self._pending_csv: str | None = None
        window.session.problem_changed.connect(self._on_problem_changed)
        window.session.trajectories_ready.connect(self._on_trajectories_ready)
        self._on_problem_changed(window.session.problem)
        self.retranslate()

    def _add(self, slot, key=None) -> QAction:
        action = QAction(self.window)
        action.triggered.connect(lambda _checked=False: slot())
        if key is not None:
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.window.actions.keyed.append(action)  # listed in Help → Keyboard
        self.menu.addAction(action)
        return action

    def retranslate(self) -> None:
        self.menu.setTitle(tr("&Export"))
        self.picture.setText(tr("&Picture…"))
        self.copy_picture.setText(tr("&Copy the picture"))
        self.animation.setText(tr("&Animation…"))
        self.animation_export.retranslate()
        self.trajectories.setText(tr("&Trajectories as CSV…"))
        self.dataset.setText(tr("&Dataset as CSV…"))
        if self.dialog is not None:
            self.dialog.retranslate()

    @Slot(object)
    def _on_problem_changed(self, problem) -> None:
        self.dataset.setEnabled(getattr(problem, "dataset", None) is not None)

    # --- pictures -----------------------------------------------------------------------------

    def views(self) -> dict[str, object]:
        """The plots the canvas shows now, by key."""
        canvas = self.window.canvas
        shown = {"parameters": canvas.parameters}
        if canvas.slices_shown:
            shown["slice 0"], shown["slice 1"] = canvas.slices
        shown["losses"] = canvas.losses
        if canvas.lr_shown:
            shown["lr"] = canvas.lr
        if canvas._data is not None and not canvas.data.isHidden():
            shown["data"] = canvas.data
        return shown

    def ask_for_picture(self) -> None:
        if self.dialog is None:
            self.dialog = PictureDialog(self)
        self.dialog.offer(self.views())
        self.dialog.open()

    def picture_bytes(self, choice: PictureChoice, fmt: str) -> bytes:
        """The picture as PNG or SVG bytes (``fmt``: 'png' or 'svg')."""
        current = self.window.appearance
        style = themed(LIGHT.name, current.scale) if choice.light else current
        with self._in_style(style):
            widgets = [self.window.canvas if choice.what == "canvas" else self.views()[choice.what]]
            panel = None
            if choice.formulas and choice.what == "canvas":
                panel = self._formula_picture(style, widgets[0].height())
                if panel is not None:
                    widgets.append(panel)
            try:
                if fmt == "svg":
                    return pictures.svg(widgets, tr("gdsim — watch gradient descent work"), style.background)
                return pictures.png(widgets, choice.scale, style.background)
            finally:
                if panel is not None:
                    panel.deleteLater()

    def _formula_picture(self, style, height: int):
        """A formula panel, off screen, showing the drawn snapshot's formulas at full height."""
        snap = self.window.canvas.last_drawn or self.window.session.latest
        if snap is None:
            return None
        panel = FormulaPanel(style)
        panel.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        panel.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel.setHtml(describe(snap.problem, snap.watched_track).html)
        width = round(FORMULA_WIDTH * style.scale)
        panel.resize(width, height)
        panel.document().setTextWidth(panel.viewport().width())
        margins = panel.height() - panel.viewport().height()
        panel.resize(width, max(height, round(panel.document().size().height()) + margins))
        return panel

    @contextmanager
    def _in_style(self, style):
        """The canvas drawn in ``style`` for the picture; Qt paints nothing on screen meanwhile (no
        event is handled), and it is drawn again as it was afterwards."""
        canvas, current = self.window.canvas, self.window.appearance
        if style == current:
            yield
            return
        canvas.apply_style(style)
        self._redraw()
        try:
            yield
        finally:
            canvas.apply_style(current)
            self._redraw()

    def _redraw(self) -> None:
        canvas = self.window.canvas
        snap = canvas.last_drawn or self.window.session.latest
        if snap is not None:
            canvas.draw(snap)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # axes and legends placed

    def save_picture(self, choice: PictureChoice) -> bool:
        path, chosen = QFileDialog.getSaveFileName(
            self.window, tr("Export a picture"), "gdsim.png",
            tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if not path:
            return False
        bare = Path(path).suffix == ""
        fmt = "svg" if path.lower().endswith(".svg") or (bare and "svg" in chosen) else "png"
        if bare:
            path += "." + fmt
        return self._write(path, lambda: self.picture_bytes(choice, fmt), tr("Export a picture"))

    def copy_to_clipboard(self) -> None:
        choice = PictureChoice(scale=CLIPBOARD_SCALE)
        with self._in_style(self.window.appearance):
            picture = pictures.image([self.window.canvas], choice.scale, self.window.appearance.background)
        QGuiApplication.clipboard().setImage(picture)
        self.window.status.setText(tr("The picture of the canvas is on the clipboard."))

    # --- data ---------------------------------------------------------------------------------

    def ask_for_trajectories(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Export the trajectories"), "trajectories.csv",
                                              tr("CSV files (*.csv)"))
        if path:
            self._pending_csv = path
            self.window.session.request_trajectories()  # the worker copies its runs' rows

    @Slot(object)
    def _on_trajectories_ready(self, records) -> None:
        path, self._pending_csv = self._pending_csv, None
        if path is not None:
            self._write(path, lambda: trajectories_csv(records), tr("Export the trajectories"))

    def ask_for_dataset(self) -> None:
        """Save the data as it is now (placed by hand too) as a CSV file the importer reads back."""
        dataset = getattr(self.window.session.problem, "dataset", None)
        if dataset is None:
            return
        points = self.window.data_editor.points()
        if len(points) == 0:
            message = translate_error(InputError(NO_POINTS_TO_SAVE))
            self.window.show_error(message)
            show_refusal(self.window, tr("Export the dataset"), message)
            return
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Export the dataset"), f"{dataset.name}.csv",
                                              tr("CSV files (*.csv)"))
        if path:
            self._write(path, points.csv_text, tr("Export the dataset"))

    def _write(self, path: str, content, title: str) -> bool:
        try:
            write_atomically(path, content(), only_regular=True)
        except OSError as e:
            message = tr("Cannot write {0}: {1}").format(path, translate_error(e) if getattr(
                e, "template", None) else (e.strerror or str(e)))
            self.window.show_error(message)
            show_refusal(self.window, title, message)
            return False
        self.window.status.setText(tr("Written: {0}").format(path))
        self.saved.emit(path)
        return True


class PictureDialog(QDialog):
    """What to put in the picture; Save… asks where."""

    VIEW_TITLES = {
        "canvas": lambda: tr("The canvas, as laid out"),
        "parameters": lambda: tr("The parameter space"),
        "slice 0": lambda: tr("The first slice"),
        "slice 1": lambda: tr("The second slice"),
        "losses": lambda: tr("The loss over the steps"),
        "lr": lambda: tr("η per step"),
        "data": lambda: tr("The data and the model"),
    }

    def __init__(self, exports: Exports):
        super().__init__(exports.window)
        self.exports = exports
        self.what = QComboBox()
        self.scale = QComboBox()
        for scale in pictures.SCALES:
            self.scale.addItem("", scale)
        self.formulas = QCheckBox()
        self.theme = QComboBox()
        self.theme.addItem("", False)
        self.theme.addItem("", True)
        self.what.currentIndexChanged.connect(self._on_what_changed)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.labels = [QLabel() for _ in range(3)]
        self.form = QFormLayout()
        for label, field in zip(self.labels, (self.what, self.scale, self.theme), strict=True):
            self.form.addRow(label, field)
        self.form.addRow(self.formulas)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Export a picture"))
        for i in range(self.what.count()):
            self.what.setItemText(i, self.VIEW_TITLES[self.what.itemData(i)]())
        for i in range(self.scale.count()):
            self.scale.setItemText(i, tr("{0}× the pixels on screen (PNG)").format(self.scale.itemData(i)))
        self.theme.setItemText(0, tr("The window's theme"))
        self.theme.setItemText(1, tr("The light theme (for print)"))
        self.formulas.setText(tr("With the formulas beside it"))
        for label, text in zip(self.labels, (tr("Picture of:"), tr("Size:"), tr("Colours:")), strict=True):
            label.setText(text)

    def offer(self, views: dict) -> None:
        """The canvas and the plots it shows now; in the window's scale."""
        self.setFont(self.exports.window.menuBar().font())
        chosen = self.what.currentData()
        self.what.clear()
        for key in ("canvas", *views):
            self.what.addItem(self.VIEW_TITLES[key](), key)
        self.what.setCurrentIndex(max(0, self.what.findData(chosen)))

    def _on_what_changed(self) -> None:
        self.formulas.setEnabled(self.what.currentData() in (None, "canvas"))

    def choice(self) -> PictureChoice:
        formulas = self.formulas.isChecked() and self.formulas.isEnabled()
        return PictureChoice(self.what.currentData() or "canvas", self.scale.currentData(), formulas,
                             self.theme.currentData())

    def _save(self) -> None:
        if self.exports.save_picture(self.choice()):
            self.accept()

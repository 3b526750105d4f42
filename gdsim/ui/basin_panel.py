"""The basin map's panel: the grid, the steps and what to compare with; Start, the progress and Cancel;
then for each map its title, the map itself (side by side when comparing) and its legend with each
basin's count and share ("minimum 1: 27.4 %")."""

import html

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..engine import OPTIMIZERS
from ..engine.swarm import DEFAULT_STEPS, MAX_GRID, MIN_GRID
from ..model.basin_map import legend_rows, percent, rgba_image
from .basins import DEFAULT_GRID, LR_FACTORS, BasinMode
from .i18n import translate_error
from .names import optimizer_title
from .style import format_number

THUMBNAIL_PX = 150  # the side of a map's picture in the panel, at 100 %, where there is room
MIN_THUMBNAIL_PX = 80
MAX_PANEL_STEPS = 100_000


class MapCard(QWidget):
    """One map: its title, its picture and its legend."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Its width follows the panel's (see BasinPanel._side_px), not the other way round.
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.picture, self.legend):
            layout.addWidget(widget)
        self.basins = None

    def show_basins(self, basins, side_px: int) -> None:
        self.basins = basins
        self.title.setText(f"<b>{html.escape(optimizer_title(basins.optimizer))}</b>, η = "
                           f"{html.escape(format_number(basins.hyperparameters['lr']))}")
        image = rgba_image(basins.label_map()[::-1], len(basins.minima))
        rows, columns = image.shape[:2]
        qimage = QImage(image.tobytes(), columns, rows, 4 * columns, QImage.Format.Format_RGBA8888).copy()
        height = side_px if rows > 1 else max(8, side_px // 8)
        self.picture.setPixmap(QPixmap.fromImage(qimage).scaled(
            side_px, height, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.FastTransformation))
        self.picture.setFixedHeight(height)
        self.retranslate()

    def retranslate(self) -> None:
        basins = self.basins
        if basins is None:
            return
        rows = []
        for row in legend_rows(basins.labels, len(basins.minima)):
            name = QCoreApplication.translate("basins", row.template).format(number=row.number)
            # Two short lines, not one long one: the panel is narrow beside the canvas.
            count = self.tr("{0} starts").format(f"{row.count:,}")
            rows.append(f'<tr><td bgcolor="{row.colour}" rowspan="2">&nbsp;&nbsp;&nbsp;</td>'
                        f"<td>{html.escape(name)}: {percent(row.share)}</td></tr>"
                        f'<tr><td><small>{html.escape(count)}</small></td></tr>')
        self.legend.setText("<table cellspacing='1' cellpadding='1'>" + "".join(rows) + "</table>")


class BasinPanel(QWidget):
    def __init__(self, mode: BasinMode, parent=None):
        super().__init__(parent)
        self.mode = mode
        self.scale = 1.0
        self.grid = QSpinBox()
        self.grid.setRange(MIN_GRID, MAX_GRID)
        self.grid.setValue(DEFAULT_GRID)
        self.steps = QSpinBox()
        self.steps.setRange(1, MAX_PANEL_STEPS)
        self.steps.setValue(DEFAULT_STEPS)
        self.steps.setSingleStep(100)
        self.compare = QComboBox()
        self.start_button = QPushButton()
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.cards = [MapCard(), MapCard()]

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: each field below its label
        self._grid_label, self._steps_label, self._compare_label = QLabel(), QLabel(), QLabel()
        form.addRow(self._grid_label, self.grid)
        form.addRow(self._steps_label, self.steps)
        form.addRow(self._compare_label, self.compare)
        buttons = QVBoxLayout()  # one above the other: the panel is narrow beside the canvas
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        # Two maps side by side where the panel is wide enough, else one above the other.
        self._maps = QGridLayout()
        self._side_by_side = None
        for card in self.cards:
            card.hide()
        self._place_cards(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(self._maps)
        layout.addWidget(self.hint)
        layout.addStretch(1)

        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(mode.cancel)
        mode.started.connect(self._on_started)
        mode.progressed.connect(self._on_progressed)
        mode.finished.connect(self._on_finished)
        mode.cancelled.connect(self._on_cancelled)
        mode.failed.connect(self._on_failed)
        self.retranslate()

    @Slot()
    def start(self) -> bool:
        """Make the maps with the panel's settings."""
        return self.mode.start(self.grid.value(), self.steps.value(), self.compare.currentData())

    def retranslate(self) -> None:
        self._grid_label.setText(self.tr("Grid (cells a side):"))
        self._steps_label.setText(self.tr("Steps at most:"))
        self._compare_label.setText(self.tr("Compare with:"))
        self.grid.setToolTip(self.tr("An n × n grid of starts over the region shown, one at the centre of "
                                     "each cell"))
        self.start_button.setText(self.tr("Make the map"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.progress.setFormat(self.tr("step %v of %m"))
        self.hint.setText(self.tr("Click a cell of the map to run from there."))
        current = self.compare.currentData()
        self.compare.blockSignals(True)
        self.compare.clear()
        self.compare.addItem(self.tr("nothing (one map)"), None)
        for factor in LR_FACTORS:
            self.compare.addItem(self.tr("η × {0}").format(format_number(factor)), factor)
        for name in OPTIMIZERS:
            self.compare.addItem(optimizer_title(name), name)
        self.compare.setCurrentIndex(max(0, self.compare.findData(current)))
        self.compare.blockSignals(False)
        for card in self.cards:
            card.retranslate()

    def apply_scale(self, scale: float) -> None:
        self.scale = scale
        for card in self.cards:
            if card.basins is not None:
                card.show_basins(card.basins, self._side_px())

    def _side_px(self) -> int:
        """The side of a map's picture: as large as the scale asks, within the panel's width (half of
        it for two maps side by side)."""
        room = self.parentWidget()  # the scroll area's viewport: the width one sees
        width = (room.width() if room is not None else self.width()) - 24
        if self._side_by_side and all(card.basins is not None for card in self.cards):
            width = width // 2
        return max(MIN_THUMBNAIL_PX, min(round(THUMBNAIL_PX * self.scale), width))

    def _place_cards(self, side_by_side: bool) -> None:
        if side_by_side == self._side_by_side:
            return
        self._side_by_side = side_by_side
        for i, card in enumerate(self.cards):
            self._maps.removeWidget(card)
            row, column = (0, i) if side_by_side else (i, 0)
            self._maps.addWidget(card, row, column, Qt.AlignmentFlag.AlignTop)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        shown = [card for card in self.cards if card.basins is not None]
        if len(shown) == 2:
            legend = max(card.legend.sizeHint().width() for card in shown)
            room = self.parentWidget()
            self._place_cards((room.width() if room is not None else self.width()) - 24 >= 2 * legend + 12)
        for card in shown:
            if card.picture.pixmap().width() != self._side_px():
                card.show_basins(card.basins, self._side_px())

    @Slot(object)
    def _on_started(self, jobs) -> None:
        self.message.clear()
        self.progress.setRange(0, jobs[0].steps)
        self.progress.setValue(0)
        self.progress.show()
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        for card in self.cards:
            card.hide()
            card.basins = None

    @Slot(object)
    def _on_progressed(self, frame) -> None:
        self.progress.setValue(frame.step)

    @Slot(object)
    def _on_finished(self, results) -> None:
        self._done()
        for card, basins in zip(self.cards, results, strict=False):
            card.show_basins(basins, self._side_px())
            card.show()

    @Slot()
    def _on_cancelled(self) -> None:
        self._done()
        self.message.setText(self.tr("Cancelled: no map."))

    @Slot(object)
    def _on_failed(self, error) -> None:
        self._done()
        self.message.setText(translate_error(error))

    def _done(self) -> None:
        self.progress.hide()
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

"""A legend that sits beside a plot, outside its data area: each entry a short sample of a line (with
its marker) and a name, in as many columns as the plot's height needs. It never covers a curve."""

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QSizePolicy

SAMPLE_PX = 30  # the length of a sample line at 100 %
GAP_PX = 6
POINTS = 9.0  # the size of its text at 100 %


@dataclass(frozen=True)
class Entry:
    pen: QPen
    text: str
    symbol: str | None = None  # a marker drawn on the sample, in pyqtgraph's names, …
    brush: QBrush | None = None  # … filled with this brush and outlined with this pen
    symbol_pen: QPen | None = None


class Legend(pg.GraphicsWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._font = QFont()
        self._color = QColor("#000000")
        self._scale = 1.0
        self._columns = 1
        self._widest = 0.0  # the widest entry's text, in pixels
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # Painted once into a pixmap until it changes: most frames change nothing in it.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    @property
    def texts(self) -> list[str]:
        return [entry.text for entry in self._entries]

    @property
    def entries(self) -> list[Entry]:
        return list(self._entries)

    @property
    def columns(self) -> int:
        return self._columns

    def set_entries(self, entries: list[Entry]) -> None:
        self._entries = list(entries)
        self._changed()

    def set_style(self, color: str, scale: float) -> None:
        """Its text colour, and its size: the UI scale (1 for 100 %)."""
        self._color = QColor(color)
        self.set_scale(scale)

    @property
    def scale(self) -> float:
        return self._scale

    def set_scale(self, scale: float) -> None:
        if scale == self._scale and self._font.pointSizeF() == POINTS * scale:
            return
        self._scale = scale
        self._font = QFont()
        self._font.setPointSizeF(POINTS * scale)
        self._changed()

    def set_columns(self, columns: int) -> None:
        columns = max(1, int(columns))
        if columns != self._columns:
            self._columns = columns
            self._changed()

    def size_for(self, columns: int) -> QSizeF:
        """How large the legend is in so many columns (pixels)."""
        if not self._entries:
            return QSizeF(0, 0)
        rows = -(-len(self._entries) // max(1, columns))
        return QSizeF(columns * self._column_width() + GAP_PX * self._scale, rows * self.row_height())

    def _changed(self) -> None:
        metrics = QFontMetricsF(self._font)
        self._widest = max((metrics.horizontalAdvance(e.text) for e in self._entries), default=0.0)
        self.updateGeometry()
        self.update()

    # --- geometry -----------------------------------------------------------------------------

    def row_height(self) -> float:
        return QFontMetricsF(self._font).height() * 1.25

    def _column_width(self) -> float:
        return (SAMPLE_PX + 2 * GAP_PX) * self._scale + self._widest

    def _rows(self) -> int:
        return -(-len(self._entries) // self._columns) if self._entries else 0

    def sizeHint(self, which, constraint=None):  # noqa: N802 (Qt's name)
        if which == Qt.SizeHint.MinimumSize:
            return QSizeF(0, 0)  # a crowded window squeezes it rather than grow beyond the screen
        return self.size_for(self._columns)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return QRectF(0, 0, self.size().width(), self.size().height())

    def entry_rect(self, index: int) -> QRectF:
        """Where an entry is drawn, in the legend's own coordinates (pixels)."""
        rows = self._rows()
        column, row = divmod(index, rows)
        return QRectF(GAP_PX * self._scale + column * self._column_width(), row * self.row_height(),
                      self._column_width(), self.row_height())

    # --- painting -----------------------------------------------------------------------------

    def paint(self, painter: QPainter, *args) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._font)
        sample = SAMPLE_PX * self._scale
        for i, entry in enumerate(self._entries):
            rect = self.entry_rect(i)
            y = rect.center().y()
            painter.setPen(entry.pen)
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.left() + sample, y))
            if entry.symbol is not None:
                painter.save()
                painter.translate(rect.left() + sample / 2, y)
                pg.graphicsItems.ScatterPlotItem.drawSymbol(
                    painter, entry.symbol, 10 * self._scale, entry.symbol_pen or QPen(Qt.PenStyle.NoPen),
                    entry.brush or QBrush(entry.pen.color()))
                painter.restore()
            painter.setPen(self._color)
            left = rect.left() + sample + GAP_PX * self._scale
            painter.drawText(QRectF(left, rect.top(), rect.width(), rect.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, entry.text)

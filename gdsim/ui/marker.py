"""One point drawn as a symbol of a fixed size on screen, painted by Qt alone.

pyqtgraph's ScatterPlotItem is made for many points. For one point that moves every frame it cost
more than the rest of its view: its bounding box is worked out anew in Python each time Qt asks (tens
of times a frame, ~0.1 ms each) and every setData rebuilds its tables. A Marker holds its symbol
rendered once, antialiased, as pyqtgraph renders symbols, and ignores the view's scaling: moving it
is a setPos, and Qt paints it without a call into Python.
"""

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import renderSymbol
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPixmapItem


class Marker(QGraphicsPixmapItem):
    """A point with a symbol, its size in pixels, its outline pen and its fill brush; ``opts`` and
    ``setData``/``getData`` as in ScatterPlotItem, for one point (or none)."""

    def __init__(self, symbol: str = "o", size: float = 10.0):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setShapeMode(QGraphicsPixmapItem.ShapeMode.BoundingRectShape)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.opts = {"symbol": symbol, "size": float(size), "pen": pg.mkPen("w"), "brush": pg.mkBrush("w")}
        self._point: tuple[float, float] | None = None
        self._symbol = QPixmap()
        self._render()

    def setPen(self, *args, **kwargs) -> None:  # noqa: N802 (pyqtgraph's names)
        self.opts["pen"] = pg.mkPen(*args, **kwargs)
        self._render()

    def setBrush(self, *args, **kwargs) -> None:  # noqa: N802
        self.opts["brush"] = pg.mkBrush(*args, **kwargs)
        self._render()

    def setSymbol(self, symbol: str) -> None:  # noqa: N802
        if symbol != self.opts["symbol"]:
            self.opts["symbol"] = symbol
            self._render()

    def setSize(self, size: float) -> None:  # noqa: N802
        self.opts["size"] = float(size)
        self._render()

    def setData(self, x, y, symbol: str | None = None) -> None:  # noqa: N802
        """At (x[0], y[0]) in the view's coordinates, or nowhere if x is empty."""
        if symbol is not None:
            self.setSymbol(symbol)
        if len(x) == 0:
            self._point = None
            if not self.pixmap().isNull():
                self.setPixmap(QPixmap())
            return
        self._point = (float(x[0]), float(y[0]))
        self.setPos(*self._point)
        if self.pixmap().isNull():
            self.setPixmap(self._symbol)

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802
        if self._point is None:
            return np.empty(0), np.empty(0)
        return np.array([self._point[0]]), np.array([self._point[1]])

    def _render(self) -> None:
        o = self.opts
        self._symbol = QPixmap.fromImage(renderSymbol(o["symbol"], o["size"], o["pen"], o["brush"]))
        self.setOffset(-self._symbol.width() / 2, -self._symbol.height() / 2)
        if self._point is not None:
            self.setPixmap(self._symbol)

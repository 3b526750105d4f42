"""The basin map's layer on the parameter view: the cloud of starts flowing over the heat map, then the
map coloured by where each start ended (in 1-D, a band of coloured intervals along the bottom)."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from ..model.basin_map import rgba_image

MAP_OPACITY = 0.82  # the landscape's contours show through
BAND_SHARE = 0.08  # in 1-D, the band's height as a share of the view's


class BasinLayer:
    def __init__(self, plot: pg.PlotItem):
        self._plot = plot
        self.cloud = pg.ImageItem(axisOrder="row-major")
        self.map = pg.ImageItem(axisOrder="row-major")
        self.map.setOpacity(MAP_OPACITY)
        self.map.setZValue(-4)  # over the heat map and its contours, under the runs
        self.cloud.setZValue(5)  # over the map, under the runs
        for item in (self.map, self.cloud):
            plot.addItem(item)
            item.hide()
        self.shown = None  # the Basins whose map is shown
        self._lut = np.array([(0, 0, 0, 0), (255, 255, 255, 255)], dtype=np.uint8)
        self.dot_px = 2

    def _rect(self, region) -> QRectF:
        (x0, x1), *rest = region
        if rest:
            (y0, y1), = rest
            return QRectF(x0, y0, x1 - x0, y1 - y0)
        _, (lo, hi) = self._plot.getViewBox().viewRange()
        return QRectF(x0, lo, x1 - x0, BAND_SHARE * (hi - lo))

    def apply_style(self, style) -> None:
        colour = pg.mkColor(style.foreground)
        self._lut = np.array([(0, 0, 0, 0), (colour.red(), colour.green(), colour.blue(), 255)],
                             dtype=np.uint8)
        self.cloud.setLookupTable(self._lut)
        self.dot_px = max(2, round(style.width(3)))

    def show_cloud(self, picture: np.ndarray, view) -> None:
        """A sample of the starts where they are now: a picture (rows, columns) of 0 and 1 over the
        view's ranges ((x0, x1), (y0, y1)), made by the worker."""
        self.map.hide()
        self.shown = None
        self.cloud.setImage(picture, autoLevels=False, levels=(0, 1), lut=self._lut)
        (x0, x1), (y0, y1) = view
        self.cloud.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self.cloud.show()

    def show_map(self, basins) -> None:
        """Each start's cell in the colour of where it ended."""
        self.cloud.hide()
        image = np.ascontiguousarray(rgba_image(basins.label_map(), len(basins.minima)))
        self.map.setImage(image, autoLevels=False, levels=(0, 255))
        self.map.setRect(self._rect(basins.region))
        self.map.show()
        self.shown = basins

    def clear(self) -> None:
        self.cloud.clear()
        self.cloud.hide()
        self.map.hide()
        self.shown = None

    def cell_at(self, x: float, y: float):
        """The start of the map's cell under the point (x, y), or None off the map (in 1-D, the band)."""
        basins = self.shown
        if basins is None:
            return None
        rect = self.map.mapRectToParent(self.map.boundingRect())
        (x0, x1), *rest = basins.region
        n = basins.grid
        if not (x0 <= x <= x1 and rect.top() <= y <= rect.bottom()):
            return None
        i = min(n - 1, int((x - x0) / (x1 - x0) * n))
        if not rest:
            return i
        (y0, y1), = rest
        j = min(n - 1, int((y - y0) / (y1 - y0) * n))
        return j * n + i

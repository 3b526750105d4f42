"""The colour bar beside a heat map: which colour is which loss. On a log-scaled landscape its ticks
sit at whole powers of ten of the height above the minimum and are labelled with the loss itself."""

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem

from ..model.landscape import Surface
from .i18n import tr
from .style import Style

BAR_ROW, BAR_COLUMN = 2, 5  # in a PlotItem's layout: the row of the data, right of the right axis
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def power_label(value: float) -> str:
    """A tick label short enough for a bar: 0.25, 12, 3×10⁴, 10⁻⁵."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else f"{value:g}"
    magnitude = abs(value)
    if 1e-2 <= magnitude < 1e4:
        return f"{value:{'.4g' if magnitude >= 1 else '.3g'}}".replace("-", "−")
    exponent = math.floor(math.log10(magnitude))
    mantissa = round(value / 10.0 ** exponent, 1)
    if abs(mantissa) >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    power = "10" + str(exponent).translate(_SUPERSCRIPT)
    if abs(mantissa) == 1.0:
        return ("−" if value < 0 else "") + power
    return f"{mantissa:g}".replace("-", "−") + "×" + power


class LossColorBar:
    """A pyqtgraph ColorBarItem shown in a plot's layout while a heat map is drawn."""

    def __init__(self, plot: pg.PlotItem):
        self._plot = plot
        self.bar = pg.ColorBarItem(interactive=False, colorMapMenu=False)
        # Static until the next landscape: painted once into pixmaps, not with every frame.
        for item in (self.bar.bar, *(self.bar.getAxis(side) for side in ("left", "right", "top", "bottom"))):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._shown = False
        self._labels: list[tuple[float, str]] = []
        self._font = QFont()

    @property
    def shown(self) -> bool:
        return self._shown

    @property
    def tick_labels(self) -> list[tuple[float, str]]:
        """The labelled ticks, (shown value, text): on a log scale, the loss each stands for."""
        return list(self._labels)

    def show(self, on: bool) -> None:
        if on == self._shown:
            return
        self._shown = on
        layout = self._plot.layout
        if on:
            layout.addItem(self.bar, BAR_ROW, BAR_COLUMN)
            self.bar.show()
        else:
            layout.removeItem(self.bar)
            self.bar.hide()

    def apply_style(self, style: Style) -> None:
        self.bar.setColorMap(pg.colormap.get(style.colormap))
        font = QFont()
        font.setPointSizeF(10 * style.scale)
        self._font = font
        self.bar.layout.setColumnFixedWidth(1, style.width(14))
        for side in ("left", "right", "top", "bottom"):
            self.bar.getAxis(side).setPen(pg.mkPen(style.foreground))
        axis = self.bar.axis
        axis.setTextPen(pg.mkPen(style.foreground))
        axis.setStyle(tickFont=font)
        axis.label.setFont(font)
        axis.setLabel(tr("loss"), color=style.foreground)
        self._fit_width()

    def retranslate(self) -> None:
        self.bar.axis.setLabel(tr("loss"))

    def set_surface(self, surface: Surface) -> None:
        lo, hi = surface.levels
        self.bar.setLevels((lo, hi))
        axis = self.bar.axis
        if surface.log_scale:
            # Ticks at losses a whole power of ten above the least (taken as 0 when it is only the grid
            # missing a minimum of 0 by a little), from the top down.
            least, greatest = surface.loss_range
            base = 0.0 if abs(least) <= 1e-3 * (greatest - least) else least
            powers = np.arange(math.ceil(hi) + 1, math.floor(lo) - 2, -1, dtype=float)
            losses = base + 10.0 ** powers
            with np.errstate(invalid="ignore", divide="ignore"):
                shown = np.log10(losses - surface.log_shift)
            keep = np.isfinite(shown) & (shown >= lo) & (shown <= hi)
            every = max(1, math.ceil(keep.sum() / 6))  # at most about six labels
            self._labels = [(float(v), power_label(float(loss)))
                            for v, loss in list(zip(shown[keep], losses[keep], strict=True))[::every]]
            axis.setTicks([self._labels, []])
        else:
            self._labels = []
            axis.setTicks(None)
        self._fit_width()

    def _fit_width(self) -> None:
        metrics = QFontMetricsF(self._font)
        texts = [text for _, text in self._labels] or ["−0.000", "00000"]
        widest = max(metrics.horizontalAdvance(t) for t in texts)
        self.bar.axis.setWidth(int(widest + 1.8 * metrics.height() + 10))

"""A note in a plot saying that what it shows comes from some of the samples, not all: a landscape or a
slice estimated on a subsample of a large dataset, or the points of one thinned to a drawable number.
With each frame it goes to the corner of the plot where it covers least of what is drawn (the runs'
points, the curves, the labels placed before it); it wraps to about half the plot's width, lets what
is under it show through, and is hidden when there is nothing to say."""

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from .placement import Placer
from .style import Style

POINTS = 9  # at 100 %
SHARE = 0.55  # of the plot's width, at most
FILL_ALPHA = 0.75  # what is drawn under the note shows through
Z = 45  # above the paths, below the labels of the step's parts


class SampleNote:
    def __init__(self, plot: pg.PlotItem):
        self._box = plot.getViewBox()
        self.label = pg.TextItem(anchor=(0, 0))
        self.label.setZValue(Z)
        self.label.hide()
        plot.addItem(self.label, ignoreBounds=True)

    @property
    def text(self) -> str:
        return self.label.textItem.toPlainText() if self.label.isVisible() else ""

    def show(self, text: str) -> None:
        """Show ``text``; '' hides the note."""
        self.label.setText(text)
        self.label.setVisible(bool(text))
        self.place(Placer(self._box, []))

    def apply_style(self, style: Style) -> None:
        font = QFont()
        font.setPointSizeF(POINTS * style.scale)
        self.label.setFont(font)
        self.label.setColor(style.foreground)
        fill = QColor(style.background)
        fill.setAlphaF(FILL_ALPHA)
        self.label.fill = pg.mkBrush(fill)

    def place(self, placer: Placer) -> None:
        """Into the corner where it covers least of what ``placer`` knows is drawn."""
        if not self.label.isVisible():
            return
        text = self.label.textItem
        natural = QFontMetricsF(text.font()).horizontalAdvance(text.toPlainText())
        natural += 2 * text.document().documentMargin() + 1
        self.label.setTextWidth(min(natural, max(SHARE * self._box.width(), 40.0)))
        (x0, x1), (y0, y1) = self._box.viewRange()
        corners = [(x0, y1, 0.0, 0.0), (x1, y1, 1.0, 0.0), (x0, y0, 0.0, 1.0), (x1, y0, 1.0, 1.0)]
        placer.place(self.label, corners)

"""How wide the side panels are, so that the canvas keeps most of the window at any size and scale.

``side_widths`` is the rule, in plain numbers. ``SidePanels`` applies it to the window's dock columns
whenever the window's width, the scale, the language or a panel's visibility changes: the widths are
worked out afresh each time (never kept from another scale), and a panel whose content is wider
scrolls. Below the formulas, the lesson's note gets the height it needs.
"""

import math
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QStyle

CANVAS_SHARE = 0.56  # of the window's width, kept for the canvas while a panel can give way
NOTE_SHARE = 0.6  # of a column's height, at most, for the note below the upper panel
NOTE_SLACK = 2  # px the dock layout may round off the note's height
SIDES = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


def side_widths(width: float, wanted: list[float], floors: list[float], gap: float = 0.0) -> list[int]:
    """The widths of the side columns of a window ``width`` px wide, given the width each wants and
    the least it should get, in the order they give way; ``gap``: the px between them and the canvas.

    Each gets what it wants if the canvas keeps CANVAS_SHARE of the width. Otherwise the first gives
    way down to its floor, then the next; if all are at their floors and still too wide, they share
    the room left in proportion to their floors."""
    budget = max(math.floor(width * (1 - CANVAS_SHARE) - gap + 1e-9), 0)  # whole px: 1500 → 660
    floors = [min(f, w) for f, w in zip(floors, wanted, strict=True)]
    widths = list(wanted)
    excess = sum(widths) - budget
    for i, floor in enumerate(floors):
        if excess <= 0:
            break
        cut = min(excess, widths[i] - floor)
        widths[i] -= cut
        excess -= cut
    if excess > 0:
        total = sum(floors)
        widths = [budget * f / total if total else 0.0 for f in floors]
    return [int(w) for w in widths]


class SidePanels(QObject):
    """Fits the window's docks to ``side_widths``: a dock column wants what its widest dock wants."""

    def __init__(self, window: QMainWindow, docks: list[tuple[QDockWidget, Callable[[], float], float]],
                 note: tuple[QDockWidget, QDockWidget] | None = None):
        """``docks``: (dock, the width it wants now, the least it should get), in the order they give
        way (the first one's column first). ``note``: (upper, lower) docks of one column; the lower
        one's widget (with ``height_for_width``) gets the height its text needs, the upper the rest."""
        super().__init__(window)
        self._window = window
        self._docks = docks
        self._note = note
        self._widths: dict[QDockWidget, int] = {}  # the last fit's width of each dock's column
        window.installEventFilter(self)
        for dock, _, _ in docks:
            dock.visibilityChanged.connect(self.fit)
            dock.dockLocationChanged.connect(self.fit)
            dock.topLevelChanged.connect(self.fit)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._window and event.type() == QEvent.Type.Resize:
            if event.size().width() != event.oldSize().width():
                self.fit()
            else:
                self._fit_note()
        return False

    def fit(self) -> None:
        """Give each side column (the docks shown and not floating in it) its width, then the note
        its height."""
        window = self._window
        if not shiboken6.isValid(window):  # its docks hide as the window is deleted
            return
        columns: dict[Qt.DockWidgetArea, list] = {}  # area: [docks, wanted, floor]
        for dock, wanted, floor in self._docks:
            area = window.dockWidgetArea(dock)
            if dock.isFloating() or not dock.isVisibleTo(window) or area not in SIDES:
                continue
            column = columns.setdefault(area, [[], 0.0, 0.0])
            column[0].append(dock)
            column[1] = max(column[1], wanted())
            column[2] = max(column[2], floor)
        gap = window.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent, None, window)
        widths = side_widths(window.width(), [c[1] for c in columns.values()],
                             [c[2] for c in columns.values()], gap * len(columns))
        self._widths = {dock: w for column, w in zip(columns.values(), widths, strict=True)
                        for dock in column[0]}
        if columns:
            window.resizeDocks([c[0][0] for c in columns.values()], widths, Qt.Orientation.Horizontal)
        self._fit_note()

    def _fit_note(self) -> None:
        """The lower dock of ``note``, below the upper in one column, gets the height its text needs
        at the column's width (at most NOTE_SHARE of it), so that where there is room it is read
        without scrolling."""
        if self._note is None:
            return
        upper, lower = self._note
        width = self._widths.get(lower)
        if width is None or self._widths.get(upper) is None:
            return
        window, panel = self._window, lower.widget()
        if window.dockWidgetArea(upper) != window.dockWidgetArea(lower):
            return
        frame = 2 * panel.frameWidth()
        title = lower.minimumSizeHint().height() - panel.minimumSizeHint().height()
        gap = window.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent, None, window)
        column = window.centralWidget().height() - gap  # the side columns are as tall as the canvas
        # Laid out as narrow as beside a scroll bar: it then fits whether or not one is showing.
        bar = panel.verticalScrollBar().sizeHint().width()
        need = panel.height_for_width(width - frame - bar) + frame + title + NOTE_SLACK
        need = min(need, round(column * NOTE_SHARE))
        window.resizeDocks([upper, lower], [column - need, need], Qt.Orientation.Vertical)

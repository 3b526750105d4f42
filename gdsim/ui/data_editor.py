"""Editing the data by hand: the data view's requests (add, move, remove a point) and the menu's
(remove the selected point, clear, save as CSV) become new Points (``gdsim.model.hand_data``) that the
session hands the worker, whose runs go on from where they are on them. Each edit is a command on a
QUndoStack, so Ctrl+Z takes it back (a drag is one edit, however far the point went).

The window never changes an array the worker reads: every edit is a new set of points, and the worker
takes the new problem between two steps. While a point is dragged the newest position is sent at most
every DRAG_SEND_MS (the worker then works out a new landscape each time, not once per mouse move).
The stack is emptied when the data changes otherwise (another dataset, a file, a lesson, a problem).
"""

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..engine.models import MODEL_KINDS
from ..files import write_atomically
from ..model.hand_data import Points, snaps_to_classes
from .i18n import tr, translate_error

DRAG_SEND_MS = 40


class _Edit(QUndoCommand):
    """One edit of the data: from ``before`` (a dataset's name, a CSV path, None or Points) to
    ``after`` (Points), and back."""

    def __init__(self, editor: "DataEditor", before, after: Points, text: str):
        super().__init__(text)
        self.editor, self.before, self.after = editor, before, after
        self._applied = True  # it is pushed once applied: the stack's first redo has nothing to do

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.editor.apply(self.after, select=None)

    def undo(self) -> None:
        self.editor.apply(self.before, select=None)


class DataEditor(QObject):
    editable_changed = Signal(bool)  # whether the current problem's data can be edited by hand
    selection_changed = Signal(bool)  # whether a point is selected (Delete removes it)

    def __init__(self, session, canvas, parent=None):
        """``canvas``: the canvas whose data view (made when a problem first needs it) this serves."""
        super().__init__(parent)
        self.session = session
        self.view = None
        self.stack = QUndoStack(self)
        self._expected = session.setup.data  # the data as this editor last set it
        self._dragging = False
        self._drag_before = None  # the data when the drag began (None too: the problem's own dataset)
        self._drag_points: Points | None = None  # the newest position of the dragged point
        self._sent: Points | None = None
        self._drag_timer = QTimer(self)
        self._drag_timer.setSingleShot(True)
        self._drag_timer.setInterval(DRAG_SEND_MS)
        self._drag_timer.timeout.connect(self._send_drag)
        session.setup_changed.connect(self._on_setup_changed)
        canvas.data_view_made.connect(self._serve)
        if canvas.data_view_exists:
            self._serve(canvas.data)
        self._on_setup_changed(session.setup, session.problem)

    @Slot(object)
    def _serve(self, view) -> None:
        self.view = view
        view.add_point_requested.connect(self.add_point)
        view.move_point_requested.connect(self.move_point)
        view.remove_point_requested.connect(self.remove_point)
        view.selection_changed.connect(self._on_selection_changed)
        self._show_editable()

    @Slot(object)
    def _on_selection_changed(self, index) -> None:
        self.selection_changed.emit(index is not None)

    @property
    def has_selection(self) -> bool:
        return self.view is not None and self.view.selected is not None

    # --- what can be edited -------------------------------------------------------------------

    @property
    def editable(self) -> bool:
        """True for a dataset model (linreg, neuron) on data of one input column."""
        data, dataset = self.session.setup.data, getattr(self.session.problem, "dataset", None)
        if isinstance(data, Points):
            return data.n_inputs == 1
        return self.session.setup.problem in MODEL_KINDS and dataset is not None and dataset.n_inputs == 1

    def points(self) -> Points:
        """The data as it is now: the points placed by hand, or the dataset's."""
        data = self.session.setup.data
        return data if isinstance(data, Points) else Points.from_dataset(self.session.problem.dataset)

    # --- edits --------------------------------------------------------------------------------

    @Slot(float, float)
    def add_point(self, x: float, y: float) -> bool:
        points = self.points()
        added = self._edit(lambda: points.added(x, y), tr("Add a point"))
        if added and self.view is not None:
            self.view.select(len(points))
        return added

    @Slot(int, float, float, bool)
    def move_point(self, index: int, x: float, y: float, finished: bool) -> None:
        if not self._dragging:
            self._dragging = True
            self._drag_before = self.session.setup.data
            self._drag_start = self.points()
        if index >= len(self._drag_start):  # the data changed under the drag (a lesson opened by key)
            self._dragging = not finished
            return
        self._drag_points = self._drag_start.moved(index, x, y)
        if finished:
            self._drag_timer.stop()
            before, after = self._drag_before, self._drag_points
            self._dragging, self._drag_before, self._drag_points = False, None, None
            if self._apply_edit(after):
                self.stack.push(_Edit(self, before, after, tr("Move a point")))
        elif not self._drag_timer.isActive():
            self._send_drag()
            self._drag_timer.start()

    @Slot()
    def _send_drag(self) -> None:
        if self._drag_points is not None and self._drag_points is not self._sent:
            self._sent = self._drag_points
            self._apply_edit(self._drag_points)

    @Slot(int)
    def remove_point(self, index: int) -> bool:
        points = self.points()
        if not 0 <= index < len(points):
            return False
        return self._edit(lambda: points.removed(index), tr("Remove a point"))

    @Slot()
    def remove_selected(self) -> bool:
        """Remove the point selected in the data view (Delete)."""
        if self.view is None or self.view.selected is None or not self.editable:
            return False
        index = self.view.selected
        self.view.select(None)
        return self.remove_point(index)

    @Slot()
    def clear(self) -> bool:
        """Start from no points: the runs wait until one is placed."""
        if not self.editable:
            return False
        points = self.points()
        if len(points) == 0:
            return True
        return self._edit(points.cleared, tr("Clear the data"))

    def _edit(self, make, text: str) -> bool:
        """Make the new points (the model refuses some: reported) and apply them as one undoable edit."""
        before = self.session.setup.data
        try:
            after = make()
        except ValueError as e:  # InputError: a point beyond what data may hold
            self.session.error_occurred.emit(translate_error(e))
            return False
        if not self._apply_edit(after):
            return False
        self.stack.push(_Edit(self, before, after, text))
        return True

    def _apply_edit(self, points: Points) -> bool:
        return self.apply(points)

    def apply(self, data, select: int | None = -1) -> bool:
        """Hand the session the data (Points, or the data before the first edit); the view keeps
        its range meanwhile, and selects point ``select`` (-1: the point it had selected)."""
        view = self.view
        if view is not None and select != -1:
            view.select(select)
        if view is not None:
            view.keep_range = True
        try:
            self._expected = data
            accepted = self.session.edit_data(data)
        finally:
            if view is not None:
                view.keep_range = False
        self._expected = self.session.setup.data
        return accepted

    # --- saving -------------------------------------------------------------------------------

    def save_csv(self, path) -> None:
        """Write the points, as the CSV importer reads them, atomically; raises OSError (WriteRefused
        among them) with nothing written."""
        write_atomically(path, self.points().csv_text())

    # --- reacting -----------------------------------------------------------------------------

    @Slot(object, object)
    def _on_setup_changed(self, setup, problem) -> None:
        data = setup.data
        if data is not self._expected and not _same(data, self._expected):
            self.stack.clear()  # the data changed otherwise: an edit taken back would bring old data back
            self._expected = data
        self._show_editable()
        if self.view is not None and isinstance(data, Points) and len(data) == 0:
            self.view.show_points(data.X[:, 0], data.y)
        self.editable_changed.emit(self.editable)

    def _show_editable(self) -> None:
        view = self.view
        if view is None:
            return
        editable = self.editable
        if editable != view.editable:
            view.editable = editable
            view.retranslate()  # its tooltip says how
        data = self.session.setup.data
        # the dataset itself, not a copy (``points``): it may hold a million rows
        view.snap_to_classes = editable and snaps_to_classes(
            self.session.problem, data if isinstance(data, Points) else self.session.problem.dataset)


def _same(a, b) -> bool:
    if isinstance(a, Points) or isinstance(b, Points):
        return isinstance(a, Points) and isinstance(b, Points) and a == b
    return a == b

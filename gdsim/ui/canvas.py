"""The canvas: parameter space, the two slices, the loss over the steps and the data, laid out for the
current problem, redrawn from the session's newest snapshot at most ~60 times a second."""

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QWidget

from .data_view import DataView
from .loss_view import LossView
from .parameter_view import ParameterView
from .session import Session
from .slice_view import SliceView
from .style import DARK, Style

FRAME_MS = 16


class Canvas(QWidget):
    drawn = Signal(object)  # the snapshot just drawn (tests and benchmarks wait on it)

    def __init__(self, session: Session, style: Style = DARK, parent=None):
        super().__init__(parent)
        self.session = session
        self.parameters = ParameterView(style)
        self.slices = (SliceView(0, style), SliceView(1, style))
        self.losses = LossView(style)
        self.data = DataView(style)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)

        self._drawn = None
        self._frame = QTimer(self)
        self._frame.setInterval(FRAME_MS)
        self._frame.timeout.connect(self._on_frame)
        self._frame.start()
        self.parameters.start_requested.connect(session.set_start)
        session.problem_changed.connect(self._on_problem_changed)
        session.setup_changed.connect(self._on_setup_changed)
        session.landscape_changed.connect(self.parameters.set_landscape)
        self._on_problem_changed(session.problem)

    def apply_style(self, style: Style) -> None:
        for view in (self.parameters, *self.slices, self.losses, self.data):
            view.apply_style(style)
        self._drawn = None  # redraw with the new style on the next frame

    @Slot(object)
    def _on_problem_changed(self, problem) -> None:
        self.parameters.set_problem(problem)
        two_d = problem.dim >= 2
        self.slices[1].index = problem.dim - 1  # the second parameter, or the bias when there are more
        for view in self.slices:
            view.setVisible(two_d)
            if two_d:
                view.set_problem(problem)
        self.data.setVisible(getattr(problem, "dataset", None) is not None and problem.dataset.n_inputs == 1)
        self.data.set_problem(problem)
        self._arrange(two_d, self.data.isVisibleTo(self))

    @Slot(object, object)
    def _on_setup_changed(self, setup, problem) -> None:
        self.losses.clear_data()
        self._drawn = None

    def _arrange(self, slices: bool, data: bool) -> None:
        """Parameter space big on the left, slices beside it, the loss (and the data) below; a view
        that does not apply leaves its room to its neighbours."""
        layout = self._layout
        for view in (self.parameters, *self.slices, self.losses, self.data):
            layout.removeWidget(view)
        layout.addWidget(self.parameters, 0, 0, 2, 1 if slices else 2)
        if slices:
            layout.addWidget(self.slices[0], 0, 1)
            layout.addWidget(self.slices[1], 1, 1)
        layout.addWidget(self.losses, 2, 0, 1, 1 if data else 2)
        if data:
            layout.addWidget(self.data, 2, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2 if slices or data else 0)
        for row in range(3):
            layout.setRowStretch(row, 2)

    @Slot()
    def _on_frame(self) -> None:
        snap = self.session.latest
        if snap is None or snap is self._drawn:
            return
        self.draw(snap)

    def draw(self, snap) -> None:
        setup, problem = self.session.setup, self.session.problem
        self.parameters.draw(snap, setup.start_of(problem))
        if problem.dim >= 2:
            for view in self.slices:
                view.draw(snap)
        self.losses.draw(snap)
        if self.data.isVisible():
            self.data.draw(snap)
        self._drawn = snap
        self.drawn.emit(snap)

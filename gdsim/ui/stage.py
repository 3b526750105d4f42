"""An off-screen canvas for pictures and animations: the window's own views, laid out as in the window,
fed with snapshots of runs stepped here, in this thread, one frame at a time.

It does not use the window's worker: each frame shows the runs after exactly the same steps whenever it
is made, so the same setup gives the same frames (the live worker steps by the clock)."""

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ..engine.run import advance_together
from ..model import landscape, snapshot
from ..model.build import Built
from ..model.lessons import LessonView
from . import pictures
from .canvas import Canvas
from .style import Style

MAX_ROWS = 4096  # rows of each path per frame: more than any frame is wide


class StillSession(QObject):
    """What a Canvas needs of a session, for runs the stage steps itself: the same signals, no thread."""

    problem_changed = Signal(object)
    setup_changed = Signal(object, object)
    hyperparameter_changed = Signal(int, str, float)
    schedule_changed = Signal(int, object)
    batches_changed = Signal(int, object, int)
    landscape_changed = Signal(object)
    stepped = Signal(object)

    def __init__(self, built: Built):
        super().__init__()
        self.setup, self.problem = built.setup, built.problem

    def set_history_rows(self, rows: int) -> None:
        pass

    def begin_frame(self) -> None:
        pass

    def end_frame(self) -> None:
        pass

    def snapshot_drawn(self) -> None:
        pass

    def set_start(self, start) -> bool:
        return False


class Stage:
    """The views of ``built`` (a setup and its runs, fresh) in ``style``, ``size`` pixels at 100 %
    (``style.scale`` scales text and lines), shown as ``view`` says."""

    def __init__(self, built: Built, style: Style, size: tuple[int, int], view: LessonView | None = None):
        view = view or LessonView()
        self.built = built
        self.style = style
        self.session = StillSession(built)
        self.canvas = Canvas(self.session, style)
        self.canvas.resize(*size)
        self.canvas.losses.set_log_scale(view.log_scale)
        self.canvas.set_step_parts(view.step_parts)
        problem = built.problem
        self.canvas.parameters.set_equal_axes(problem.dim == 2 and problem.equal_axes)
        # Never shown: Qt paints it only into the pictures asked for (QWidget.render sends it the
        # resize and polish a hidden widget is owed); repaints of a canvas nobody sees would cost as much.
        self.session.setup_changed.emit(built.setup, problem)
        self.session.landscape_changed.emit(landscape.compute(problem))
        _settle()
        self._starts = built.setup.starts_of(problem)

    @property
    def runs(self):
        return self.built.runs

    @property
    def step(self) -> int:
        return max(run.step for run in self.runs)

    @property
    def finished(self) -> bool:
        return not any(run.running for run in self.runs)

    def advance(self, steps: int) -> int:
        """Up to ``steps`` steps of every run still running."""
        return advance_together(self.runs, steps) if steps > 0 else 0

    def draw(self) -> None:
        snap = snapshot.take(self.runs, 0, False, MAX_ROWS, self._starts, self.built.setup.watched)
        self.canvas.draw(snap)
        _settle()

    def key_colors(self) -> list[str]:
        """The colours the views draw with (the runs', the text's, the arrows'), beside the heat map's."""
        s = self.style
        return [s.background, s.foreground, "#000000", "#FFFFFF", s.contour, s.step, s.gradient, s.minimum,
                s.correction, s.tangent, *(s.track(i) for i in range(len(self.runs)))]

    def image(self, scale: float = 1):
        return pictures.image([self.canvas], scale, self.style.background)

    def close(self) -> None:
        self.canvas.deleteLater()
        self.session.deleteLater()


def _settle() -> None:
    """Let the views take what Qt posted them (layouts, ranges, polish) now, not whenever the event loop
    comes round: a frame is then the same whether it is made in the window or by gdsim.render."""
    QCoreApplication.sendPostedEvents()

"""File → Export → Animation…: the current setup's runs from step A to step B as GIF, APNG or MP4, drawn
at the canvas's size in the window's theme and language.

The frames come from a Stage (the runs built afresh and stepped exactly, so the same setup gives the same
frames), one frame per turn of the event loop, so the window stays responsive; a progress dialog shows
how far it is, and Cancel stops it and leaves no file."""

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QProgressDialog,
    QSpinBox,
    QVBoxLayout,
)

from ..encoders import VIDEO_EXTRA, video_available
from ..engine import InputError
from ..files import check_writable
from ..model.build import build
from ..model.lessons import LessonView
from ..render import FPS_RANGE, MAX_FRAMES
from .animation import animate, frame_count
from .i18n import tr, translate_error
from .refusals import show_refusal
from .stage import Stage

FORMATS = {".gif": "gif", ".apng": "apng", ".png": "apng", ".mp4": "mp4"}


class AnimationDialog(QDialog):
    """Steps, pace and Save…; then the file is asked for."""

    def __init__(self, exporter: "AnimationExport"):
        super().__init__(exporter.window)
        self.exporter = exporter
        self.first = QSpinBox()
        self.last = QSpinBox()
        self.every = QSpinBox()
        self.fps = QDoubleSpinBox()
        for box in (self.first, self.last):
            box.setRange(0, 1_000_000_000)
        self.every.setRange(1, 1_000_000)
        self.fps.setRange(*FPS_RANGE)
        self.fps.setDecimals(1)
        self.fps.setValue(20)
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.first, self.last, self.every, self.fps), strict=True):
            form.addRow(label, field)
        self.video_note = QLabel()
        self.video_note.setWordWrap(True)
        self.video_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.video_note)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Export an animation"))
        texts = (tr("From step:"), tr("To step:"), tr("One frame every … steps:"), tr("Frames per second:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.video_note.setText("" if video_available() else
                                tr("MP4 needs the video extra: {0}").format(VIDEO_EXTRA))
        self.video_note.setVisible(not video_available())

    def offer(self, step: int) -> None:
        """Up to the watched run's current step (or 100 from the start)."""
        self.setFont(self.exporter.window.menuBar().font())
        self.last.setValue(step if step > 0 else 100)
        self.retranslate()  # and whether MP4 can be made now

    def _save(self) -> None:
        if self.exporter.ask_and_start(self.first.value(), self.last.value(), self.every.value(),
                                       self.fps.value()):
            self.accept()


class AnimationExport(QObject):
    finished = Signal(str)  # the path written
    cancelled = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dialog: AnimationDialog | None = None
        self.progress: QProgressDialog | None = None
        self._job = None
        self._stage: Stage | None = None
        self._path = ""
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next_frame)

    @property
    def running(self) -> bool:
        return self._job is not None

    def ask(self) -> None:
        if self.running:
            return
        if self.dialog is None:
            self.dialog = AnimationDialog(self)
        latest = self.window.session.latest
        self.dialog.offer(latest.watched_track.step if latest is not None else 0)
        self.dialog.open()

    def retranslate(self) -> None:
        if self.dialog is not None:
            self.dialog.retranslate()

    def ask_and_start(self, first: int, last: int, every: int, fps: float) -> bool:
        title = tr("Export an animation")
        if first > last:
            self._refuse(title, tr("The first step ({0}) comes after the last ({1}).").format(first, last))
            return False
        if frame_count(first, last, every) > MAX_FRAMES:
            self._refuse(title, tr("That makes more than {0} frames; take a frame every more steps.").format(
                f"{MAX_FRAMES:,}"))
            return False
        filters = [tr("GIF animation (*.gif)"), tr("Animated PNG (*.apng *.png)")]
        if video_available():
            filters.append(tr("MP4 video (*.mp4)"))
        path, chosen = QFileDialog.getSaveFileName(self.window, title, "gdsim.gif", ";;".join(filters))
        if not path:
            return False
        suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
        if suffix not in FORMATS:
            path += ".apng" if "apng" in chosen else ".mp4" if "mp4" in chosen else ".gif"
            suffix = "." + path.rsplit(".", 1)[-1]
        fmt = FORMATS[suffix]
        if fmt == "mp4" and not video_available():
            self._refuse(title, tr("MP4 needs the video extra: {0}").format(VIDEO_EXTRA))
            return False
        return self.start(path, fmt, first, last, every, fps)

    def start(self, path: str, fmt: str, first: int, last: int, every: int, fps: float) -> bool:
        title = tr("Export an animation")
        window = self.window
        try:
            check_writable(path)
            built = build(window.session.setup, window.session.problem)
        except (OSError, InputError) as e:
            self._refuse(title, tr("Cannot write {0}: {1}").format(path, translate_error(e)))
            return False
        canvas = window.canvas
        view = LessonView(log_scale=canvas.losses.log_scale, step_parts=canvas.step_parts)
        self._stage = Stage(built, window.appearance, (canvas.width(), canvas.height()), view)
        self._path = path
        self._job = animate(self._stage, path, fmt, fps, every, first, last)
        self.progress = QProgressDialog(tr("Drawing the frames…"), tr("Cancel"), 0,
                                        frame_count(first, last, every), window)
        self.progress.setWindowTitle(title)
        self.progress.setFont(window.menuBar().font())  # the window's scale
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.canceled.connect(self.cancel)
        self.progress.setValue(0)
        self._timer.start()
        return True

    def _next_frame(self) -> None:
        """One frame, then back to the event loop."""
        try:
            done, total = next(self._job)
        except StopIteration:
            self._end()
            self.window.status.setText(tr("Written: {0}").format(self._path))
            self.finished.emit(self._path)
            return
        except (OSError, InputError) as e:
            self._end()
            self._refuse(tr("Export an animation"),
                         tr("Cannot write {0}: {1}").format(self._path, translate_error(e)))
            return
        if self.progress is not None:
            self.progress.setValue(done)
            self.progress.setLabelText(tr("Frame {0} of {1}").format(done, total))

    def cancel(self) -> None:
        """Stop; the file is not written (the temporary one is removed)."""
        if self._job is None:
            return
        self._job.close()
        self._end()
        self.cancelled.emit()

    def _end(self) -> None:
        self._timer.stop()
        if self._job is not None:
            self._job.close()
        self._job = None
        if self._stage is not None:
            self._stage.close()
            self._stage = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _refuse(self, title: str, message: str) -> None:
        self.window.show_error(message)
        show_refusal(self.window, title, message)

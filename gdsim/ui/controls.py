"""The side panel: problem, data, optimizer and hyperparameters, start, pace, and Play/Step/Reset.

The panel calls the session's verbs and redraws itself from ``setup_changed``; the hyperparameter
fields are generated from the engine's description of the chosen optimizer.
"""

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..engine import ACTIVATIONS, BUILTIN_DATASETS, CUSTOM, LOSSES, OPTIMIZERS, PROBLEM_NAMES, InputError
from ..engine.catalog import DEFAULT_DATASET
from ..engine.models import MODEL_KINDS
from ..model.hand_data import HAND_DATA_NAME, Points
from ..model.setup import MAX_STEP_LIMIT, SPEED_RANGE, field_range
from .fields import LR_RANGE, ExactNumberBox, LogSlider, NumberField, put_back
from .function_editor import FunctionEditor
from .i18n import tr, translate_error
from .names import (
    activation_title,
    dataset_title,
    formula_text,
    hyperparameter_description,
    hyperparameter_label,
    loss_title,
    optimizer_title,
    problem_formula,
    problem_title,
    run_labels,
    titled_formula,
)
from .refusals import show_refusal
from .schedule_box import ScheduleBox
from .session import Session

FASTEST = SPEED_RANGE[1] * 10  # the speed slider's right end: past SPEED_RANGE it means "as fast as possible"


class ControlPanel(QWidget):
    field_left = Signal()  # Enter or Escape in a field: the window gives the keys back to the canvas

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._playing = False
        self._importing = False  # a file chosen with Import is being read
        layout = QVBoxLayout(self)
        layout.addWidget(self._refusal_banner())
        layout.addWidget(self._problem_group())
        layout.addWidget(self._plane_group())
        layout.addWidget(self._optimizer_group())
        layout.addWidget(self._schedule_group())
        layout.addWidget(self._batch_group())
        layout.addWidget(self._start_group())
        layout.addWidget(self._pace_group())
        layout.addLayout(self._buttons())
        layout.addStretch(1)
        session.setup_changed.connect(self._on_setup_changed)
        session.hyperparameter_changed.connect(self._on_hyperparameter_changed)
        session.schedule_changed.connect(self._on_schedule_changed)
        session.batches_changed.connect(self._on_batches_changed)
        session.watched_changed.connect(self._on_watched_changed)
        session.plane_changed.connect(self._on_plane_changed)
        session.stepped.connect(self._on_stepped)
        session.error_occurred.connect(self._on_refused)
        session.loading_refused.connect(self._on_loading_refused)
        session.loading_finished.connect(self._on_loading_finished)
        self.retranslate()
        self._show_setup(session.setup, session.problem)

    # --- building (the texts are set in retranslate) ------------------------------------------

    def _refusal_banner(self) -> QFrame:
        """Why the last request was refused, above the panel, until the next one is accepted."""
        self.banner = QFrame()
        self.banner.setObjectName("refusal")
        self.banner.setStyleSheet("QFrame#refusal { background: #FBE3D6; border: 1px solid #D55E00; "
                                  "border-radius: 4px; } QFrame#refusal QLabel { color: #5C1A00; }")
        self.banner_text = QLabel()
        self.banner_text.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a file or what was typed
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner_close = QToolButton()
        self.banner_close.setText("✕")
        self.banner_close.setAutoRaise(True)
        self.banner_close.clicked.connect(self.banner.hide)
        row = QHBoxLayout(self.banner)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.banner_close, 0, Qt.AlignmentFlag.AlignTop)
        self.banner.hide()
        return self.banner

    def _problem_group(self) -> QGroupBox:
        self.problem_box = box = QGroupBox()
        form = _form(box)
        self.problem = _compact(QComboBox())
        for name in PROBLEM_NAMES:
            self.problem.addItem("", name)
        self.problem.addItem("", CUSTOM)  # "Your own function…": the editor's rows below
        self.problem.activated.connect(self._on_problem_chosen)
        self.problem_label = self._buddy(self.problem)
        form.addRow(self.problem_label, self.problem)
        self.function_editor = FunctionEditor(self.session, self)
        self.function_editor.add_rows(form)
        self.function_editor.field_left.connect(self.field_left)

        self.dataset = _compact(QComboBox())
        for name in BUILTIN_DATASETS:
            self.dataset.addItem("", name)
        self.dataset.activated.connect(self._on_dataset_chosen)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.ask_for_data_file)
        self.dataset_label = self._buddy(self.dataset)
        form.addRow(self.dataset_label, self.dataset)
        form.addRow(self.import_button)

        self.loss = _compact(QComboBox())
        for name in LOSSES:
            self.loss.addItem("", name)
        self.loss.activated.connect(self._on_loss_chosen)
        self.loss_label = self._buddy(self.loss)
        form.addRow(self.loss_label, self.loss)

        self.activation = _compact(QComboBox())
        for name in ACTIVATIONS:
            self.activation.addItem("", name)
        self.activation.activated.connect(self._on_activation_chosen)
        self.activation_label = self._buddy(self.activation)
        form.addRow(self.activation_label, self.activation)
        return box

    def _plane_group(self) -> QGroupBox:
        """With more than two parameters (x1 … xk): the two the landscape and the paths show."""
        self.plane_box = box = QGroupBox()
        form = _form(box)
        self.across, self.up = _compact(QComboBox()), _compact(QComboBox())
        self.across_label, self.up_label = self._buddy(self.across), self._buddy(self.up)
        for combo, label in ((self.across, self.across_label), (self.up, self.up_label)):
            combo.activated.connect(self._on_plane_chosen)
            form.addRow(label, combo)
        box.hide()
        return box

    def _show_plane(self, problem) -> None:
        self.plane_box.setVisible(problem.dim > 2)
        if problem.dim <= 2:
            return
        names = list(problem.param_names)
        for combo, index in zip((self.across, self.up), self.session.plane, strict=True):
            combo.blockSignals(True)
            if [combo.itemText(k) for k in range(combo.count())] != names:
                combo.clear()
                for name in names:
                    combo.addItem(name, name)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)

    @Slot(int, int)
    def _on_plane_changed(self, i: int, j: int) -> None:
        self._show_plane(self.session.problem)

    @Slot()
    def _on_plane_chosen(self) -> None:
        i, j = self.across.currentIndex(), self.up.currentIndex()
        if i == j:  # the other one takes the place the chosen one left
            old_i, old_j = self.session.plane
            i, j = (i, old_i) if self.sender() is self.across else (old_j, j)
        self.session.set_plane(i, j)
        self._show_plane(self.session.problem)

    def _optimizer_group(self) -> QGroupBox:
        self.optimizer_box = box = QGroupBox()
        self._optimizer_form = _form(box)
        self.optimizers = QListWidget()
        for name in OPTIMIZERS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.optimizers.addItem(item)
        self.optimizers.itemChanged.connect(self._on_optimizer_ticked)
        self.optimizers.currentItemChanged.connect(self._on_optimizer_selected)
        self.optimizers_label = self._buddy(self.optimizers)
        self._optimizer_form.addRow(self.optimizers_label, self.optimizers)
        # Which run the fields, the arrows and the formulas are about, by its label: the list alone
        # cannot tell apart two runs of one optimizer (a lesson may race η against η).
        self.watched = _compact(QComboBox())
        self.watched.activated.connect(self._on_watched_chosen)
        self.watched_label = self._buddy(self.watched)
        self._optimizer_form.addRow(self.watched_label, self.watched)
        self._fixed_rows = self._optimizer_form.rowCount()
        self.hyperparameter_fields: dict[str, QWidget] = {}
        self._hyperparameter_owner = None
        return box

    def _schedule_group(self) -> QGroupBox:
        """The watched run's learning-rate schedule."""
        self.schedule_box_group = box = QGroupBox()
        layout = QVBoxLayout(box)
        self.schedule = ScheduleBox()
        self.schedule.schedule_requested.connect(
            lambda chosen: self.session.set_schedule(chosen, self.session.setup.watched))
        layout.addWidget(self.schedule)
        return box

    def _batch_group(self) -> QGroupBox:
        """The watched run's mini-batches (a dataset model only): 0 is the whole data, 1 stochastic."""
        self.batch_box = box = QGroupBox()
        form = _form(box)
        self.batch_size = QSpinBox()
        self.batch_size.setKeyboardTracking(False)
        self.batch_size.valueChanged.connect(self._on_batches_edited)
        self.batch_size_label = self._buddy(self.batch_size)
        form.addRow(self.batch_size_label, self.batch_size)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setKeyboardTracking(False)
        self.seed.valueChanged.connect(self._on_batches_edited)
        self.seed_label = self._buddy(self.seed)
        form.addRow(self.seed_label, self.seed)
        return box

    def _start_group(self) -> QGroupBox:
        self.start_box = box = QGroupBox()
        self._start_form = _form(box)
        self.start_fields: list[QDoubleSpinBox] = []
        self.default_start = QPushButton()
        self.default_start.clicked.connect(self._on_default_start_clicked)
        self._start_form.addRow(self.default_start)
        return box

    def _pace_group(self) -> QGroupBox:
        self.pace_box = box = QGroupBox()
        form = _form(box)
        self.speed = LogSlider(SPEED_RANGE[0], FASTEST, 10.0)
        self.speed.value_changed.connect(self._on_speed_changed)
        self.speed_label = QLabel()
        self.speed_title = self._buddy(self.speed)
        form.addRow(self.speed_title, self.speed)
        form.addRow("", self.speed_label)
        self.step_limit = QSpinBox()
        self.step_limit.setRange(1, MAX_STEP_LIMIT)
        self.step_limit.setGroupSeparatorShown(True)
        self.step_limit.setKeyboardTracking(False)
        self.step_limit.valueChanged.connect(lambda limit: self._accepted(self.session.set_step_limit(limit)))
        self.step_limit_label = self._buddy(self.step_limit)
        form.addRow(self.step_limit_label, self.step_limit)
        self.tolerance = NumberField(self.session.setup.tol)
        self.tolerance.value_entered.connect(lambda tol: self._accepted(self.session.set_tolerance(tol)))
        self.tolerance_label = self._buddy(self.tolerance)
        form.addRow(self.tolerance_label, self.tolerance)
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.play_button = _CompactButton()
        self.play_button.clicked.connect(self.session.toggle)
        self.step_button = _CompactButton()
        self.step_button.clicked.connect(self.session.step)
        self.reset_button = _CompactButton()
        self.reset_button.clicked.connect(self.session.reset)
        for button in (self.play_button, self.step_button, self.reset_button):
            row.addWidget(button)
        return row

    @staticmethod
    def _buddy(widget) -> QLabel:
        label = QLabel()
        label.setBuddy(widget)
        return label

    def retranslate(self) -> None:
        """Every text of the panel in the current language."""
        self.problem_box.setTitle(self.tr("Problem"))
        self.plane_box.setTitle(self.tr("Landscape"))
        self.across_label.setText(self.tr("A&cross"))
        self.up_label.setText(self.tr("&Up"))
        self.plane_box.setToolTip(self.tr("The two parameters the landscape and the paths show; the others "
                                          "are held where the watched run is"))
        self.optimizer_box.setTitle(self.tr("Optimizers"))
        self.schedule_box_group.setTitle(self.tr("η schedule"))
        self.batch_box.setTitle(self.tr("Mini-batches"))
        self.schedule.retranslate()
        self.start_box.setTitle(self.tr("Start"))
        self.pace_box.setTitle(self.tr("Pace"))
        labels = {
            self.problem_label: self.tr("&Problem"), self.dataset_label: self.tr("&Data"),
            self.loss_label: self.tr("&Loss"), self.activation_label: self.tr("&Activation"),
            self.optimizers_label: self.tr("&Optimizers"), self.watched_label: self.tr("&Watch"),
            self.speed_title: self.tr("&Speed"),
            self.step_limit_label: self.tr("Step &limit"), self.tolerance_label: self.tr("&Tolerance"),
            self.batch_size_label: self.tr("&Batch size"), self.seed_label: self.tr("S&eed"),
        }
        for label, text in labels.items():
            label.setText(text)
        for i in range(self.problem.count()):
            name = self.problem.itemData(i)
            if name != CUSTOM:
                self.problem.setItemText(i, titled_formula(problem_title(name), problem_formula(name)))
        self._show_typed_function(self.session.problem)
        self.function_editor.retranslate()
        for i in range(self.dataset.count()):
            name = self.dataset.itemData(i)
            if name in BUILTIN_DATASETS:
                self.dataset.setItemText(i, dataset_title(name, BUILTIN_DATASETS[name][0]))
            elif name == HAND_DATA_NAME:
                self.dataset.setItemText(i, self.tr("Placed by hand"))
        for i in range(self.activation.count()):
            name = self.activation.itemData(i)
            formula = formula_text(ACTIVATIONS[name].formula)
            self.activation.setItemText(i, titled_formula(activation_title(name), formula))
        for i in range(self.loss.count()):
            name = self.loss.itemData(i)
            self.loss.setItemText(i, titled_formula(loss_title(name), LOSSES[name].formula))
        self.optimizers.blockSignals(True)  # a new text is not a new tick (itemChanged says both)
        for row in range(self.optimizers.count()):
            item = self.optimizers.item(row)
            item.setText(optimizer_title(item.data(Qt.ItemDataRole.UserRole)))
        self.optimizers.blockSignals(False)
        self.optimizers.setMaximumHeight(self.optimizers.sizeHintForRow(0) * 5 + 6)
        self.watched.setToolTip(self.tr("The run that the η field, the arrows, the tangent and the formulas "
                                        "are about"))
        self._show_watched()
        self.problem.setToolTip(self.tr("The function whose minimum gradient descent looks for"))
        self.dataset.setToolTip(self.tr("The data the model is fitted to"))
        self.import_button.setText(self.tr("Import CSV…"))
        self._show_import_tip(self.session.problem)
        self.loss.setToolTip(self.tr("How the error between ŷ and y is measured"))
        self.activation.setToolTip(self.tr("The neuron's activation function f and its derivative f′"))
        self.optimizers.setToolTip(self.tr(
            "Tick the optimizers to run side by side from the same start (update rules as in "
            "PyTorch's torch.optim); the selected one's hyperparameters are shown below"))
        self.default_start.setText(self.tr("Problem's own start"))
        self.default_start.setToolTip(self.tr("Go back to the start this problem suggests"))
        self.speed.setToolTip(self.tr("Steps per second; at the right end, as fast as the computer can"))
        self.step_limit.setToolTip(self.tr("The run stops after this many steps"))
        self.batch_size.setToolTip(self.tr(
            "How many samples each step's gradient is taken on: the whole data (batch gradient descent), "
            "1 (stochastic gradient descent) or any number between (mini-batch); the data is shuffled "
            "every time it has all been used"))
        self.seed.setToolTip(self.tr("Sets the order of the shuffled samples: the same seed, the same "
                                     "batches"))
        self._show_batches(self.session.setup, self.session.problem)  # "all N" in the new language
        self.tolerance.setToolTip(self.tr("The run has converged when the gradient norm ‖∇L‖ falls "
                                          "below this (0: never stop early)"))
        self._show_play_text()
        self.step_button.setText(self.tr("Step"))
        self.step_button.setToolTip(self.tr("Take exactly one step (→)"))
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Go back to the start (R)"))
        self.banner_close.setToolTip(self.tr("Hide this message"))
        self._show_speed(self.session.setup.speed)
        self._hyperparameter_owner = None  # labels and tooltips anew
        self._build_hyperparameter_fields(self.session.setup)
        for field in self.start_fields:
            field.setToolTip(self._start_tip(field.objectName()))

    def _show_play_text(self) -> None:
        self.play_button.setText(self.tr("Pause") if self._playing else self.tr("Play"))
        self.play_button.setToolTip(self.tr("Run or pause gradient descent (Space)"))

    def _start_tip(self, name: str) -> str:
        return self.tr("Where {0} starts; you can also click or drag on the plot").format(name)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Enter and Escape, which a field passes on once it has entered the value (Enter) or not
        (Escape): Escape also puts the field's last value back. Either way the field is left, so
        that Space, →, R, ↑ and ↓ work again."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            if event.key() == Qt.Key.Key_Escape:
                put_back(QApplication.focusWidget())
            event.accept()
            self.field_left.emit()
            return
        super().keyPressEvent(event)

    # --- reacting to the session --------------------------------------------------------------

    def _show_import_tip(self, problem) -> None:
        self.import_button.setToolTip(
            self.tr("Load data from a CSV file with a header row and columns x (or x1, x2, …) and y")
            if problem.name in MODEL_KINDS else data_import_off(problem))

    @Slot(object, object)
    def _on_setup_changed(self, setup, problem) -> None:
        self.banner.hide()  # accepted: an earlier refusal no longer applies
        self._show_setup(setup, problem)

    def _accepted(self, accepted: bool) -> None:
        """After a request that changes no setup (step limit, tolerance): if accepted, an earlier
        refusal no longer applies."""
        if accepted:
            self.banner.hide()

    @Slot(str)
    def _on_refused(self, message: str) -> None:
        """Say why, and show the setup again in every field and list (which still hold what the
        user chose or typed)."""
        self.banner_text.setText(message)
        self.banner.show()
        self._show_setup(self.session.setup, self.session.problem)

    def _show_setup(self, setup, problem) -> None:
        self._show_typed_function(problem)
        _select(self.problem, setup.problem)
        is_model = problem.name in MODEL_KINDS
        for widget in (self.dataset, self.import_button, self.dataset_label, self.loss, self.loss_label):
            widget.setEnabled(is_model)
        self._show_import_tip(problem)
        self._show_plane(problem)
        self.activation.setEnabled(problem.name == "neuron")
        self.activation_label.setEnabled(problem.name == "neuron")
        if is_model:
            self._show_dataset(setup, problem)
            _select(self.loss, problem.loss_kind.name)
            _select(self.activation, problem.activation.name)
        self._show_optimizers(setup)
        self._build_hyperparameter_fields(setup)
        self.schedule.show_schedule(setup.contenders[setup.watched].schedule)
        self._show_batches(setup, problem)
        self._build_start_fields(setup, problem)
        self.step_limit.blockSignals(True)
        self.step_limit.setValue(setup.step_limit)
        self.step_limit.blockSignals(False)
        self.tolerance.set_value(setup.tol)
        self.speed.set_value(FASTEST if setup.speed is None else setup.speed)
        self._show_speed(setup.speed)

    @Slot(int, str, float)
    def _on_hyperparameter_changed(self, index: int, name: str, value: float) -> None:
        self.banner.hide()
        field = self.hyperparameter_fields.get(name)
        if index == self.session.setup.watched and field is not None:
            field.set_value(value)
        if name == "lr":
            self._show_watched()  # the labels name η

    @Slot(int)
    def _on_watched_changed(self, index: int) -> None:
        self._select_watched_optimizer(self.session.setup)
        self._build_hyperparameter_fields(self.session.setup)
        self.schedule.show_schedule(self.session.setup.contenders[index].schedule)
        self._show_batches(self.session.setup, self.session.problem)
        self._build_start_fields(self.session.setup, self.session.problem)  # runs may start apart
        self._show_watched()

    @Slot(int, object)
    def _on_schedule_changed(self, index: int, schedule) -> None:
        self.banner.hide()
        if index == self.session.setup.watched:
            self.schedule.show_schedule(schedule)
        self._show_watched()  # the labels name the schedule

    @Slot(int, object, int)
    def _on_batches_changed(self, index: int, batch_size, seed: int) -> None:
        self.banner.hide()
        self._show_batches(self.session.setup, self.session.problem)
        self._show_watched()  # the labels name the batch size

    def _show_batches(self, setup, problem) -> None:
        """The watched run's batch size (0: the whole data) and seed; the group only for data."""
        dataset = getattr(problem, "dataset", None)
        self.batch_box.setVisible(dataset is not None)
        if dataset is None:
            return
        c = setup.contenders[setup.watched]
        n = len(dataset.y)
        for box, value in ((self.batch_size, c.batch_size or 0), (self.seed, c.seed)):
            box.blockSignals(True)
            if box is self.batch_size:
                box.setRange(0, n)
                box.setSpecialValueText(self.tr("all {0} (batch)").format(n))
            box.setValue(value)
            box.blockSignals(False)
        self.seed.setEnabled(c.batch_size is not None)
        self.seed_label.setEnabled(c.batch_size is not None)

    @Slot()
    def _on_batches_edited(self) -> None:
        size = self.batch_size.value() or None
        if not self.session.set_batches(size, self.seed.value() if size else 0, self.session.setup.watched):
            self._show_batches(self.session.setup, self.session.problem)

    def _show_optimizers(self, setup) -> None:
        """Tick the optimizers of the setup, and select the watched one."""
        names = {c.optimizer for c in setup.contenders}
        self.optimizers.blockSignals(True)
        for row in range(self.optimizers.count()):
            item = self.optimizers.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in names
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.optimizers.blockSignals(False)
        self._select_watched_optimizer(setup)
        self._show_watched()

    def _select_watched_optimizer(self, setup) -> None:
        name = setup.contenders[setup.watched].optimizer
        self.optimizers.blockSignals(True)
        for row in range(self.optimizers.count()):
            if self.optimizers.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.optimizers.setCurrentRow(row)
        self.optimizers.blockSignals(False)

    def _show_watched(self) -> None:
        """The runs by their labels, the watched one chosen; shown only when there are several."""
        setup = self.session.setup
        labels = run_labels(setup, self.session.problem)
        self.watched.blockSignals(True)
        self.watched.clear()
        self.watched.addItems(labels)
        self.watched.setCurrentIndex(setup.watched)
        self.watched.blockSignals(False)
        self._optimizer_form.setRowVisible(self.watched, len(labels) > 1)

    def _ticked(self) -> list[str]:
        return [self.optimizers.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.optimizers.count())
                if self.optimizers.item(row).checkState() == Qt.CheckState.Checked]

    @Slot(object)
    def _on_optimizer_ticked(self, item) -> None:
        current = self.optimizers.currentItem()  # the one just clicked: watch it if it runs
        chosen = None if current is None else current.data(Qt.ItemDataRole.UserRole)
        if not self.session.set_contenders(self._ticked()):
            self._show_optimizers(self.session.setup)  # refused (none ticked): show the setup again
            return
        self._watch(chosen)

    @Slot(object, object)
    def _on_optimizer_selected(self, current, previous) -> None:
        if current is not None:
            self._watch(current.data(Qt.ItemDataRole.UserRole))

    def _watch(self, optimizer: str | None) -> None:
        """Watch the (first) run of this optimizer, unless it does not run or a run of it is watched."""
        setup = self.session.setup
        names = [c.optimizer for c in setup.contenders]
        if optimizer in names and names[setup.watched] != optimizer:
            self.session.set_watched(names.index(optimizer))

    @Slot(int)
    def _on_watched_chosen(self, index: int) -> None:
        self.session.set_watched(index)

    @Slot(object)
    def _on_stepped(self, snap) -> None:
        if snap.playing != self._playing:
            self._playing = snap.playing
            self._show_play_text()
        self.step_button.setEnabled(not snap.finished)

    @Slot(int)
    def _on_problem_chosen(self, index: int) -> None:
        name = self.problem.itemData(index)
        if name == CUSTOM and self.session.setup.problem == CUSTOM:  # chosen again: from its start
            self.session.set_function(self.session.setup.function, self.session.setup.range)
        elif name == CUSTOM:
            if not self.function_editor.choose():
                _select(self.problem, self.session.setup.problem)
            self.function_editor.text.setFocus()
        else:
            self.session.set_problem(name)

    def _show_typed_function(self, problem) -> None:
        """The last entry of the problem list: "Your own function…", or while one runs, its formula
        as the built-in problems show theirs; and the editor's rows, for a typed function only."""
        index = self.problem.findData(CUSTOM)
        if problem.name == CUSTOM:
            self.problem.setItemText(index, titled_formula(problem_title(CUSTOM), problem.formula))
        else:
            self.problem.setItemText(index, self.tr("Your own function…"))
        self.function_editor.show_for(problem)

    @Slot(int)
    def _on_dataset_chosen(self, index: int) -> None:
        source = self.dataset.itemData(index)
        if source == HAND_DATA_NAME:  # the points placed by hand are there while they are chosen
            self._show_dataset(self.session.setup, self.session.problem)
        else:
            self.session.set_data(source)

    def _show_dataset(self, setup, problem) -> None:
        if isinstance(setup.data, Points):
            hand = self.dataset.findData(HAND_DATA_NAME)
            if hand < 0:
                self.dataset.addItem(self.tr("Placed by hand"), HAND_DATA_NAME)
            else:
                self.dataset.setItemText(hand, self.tr("Placed by hand"))
            _select(self.dataset, HAND_DATA_NAME)
            return
        source = DEFAULT_DATASET[problem.name] if setup.data is None else setup.data
        if self.dataset.findData(source) < 0:  # an imported file (named by its file): listed from now on
            self.dataset.addItem(problem.dataset.title, source)
        _select(self.dataset, source)

    def _build_hyperparameter_fields(self, setup) -> None:
        index = setup.watched
        contender = setup.contenders[index]
        values = self.session.hyperparameters(index)
        data = HAND_DATA_NAME if isinstance(setup.data, Points) else setup.data  # edits keep the fields
        owner = (index, contender.optimizer, setup.problem, data, setup.loss, setup.activation)
        if owner == self._hyperparameter_owner:
            for name, widget in self.hyperparameter_fields.items():
                widget.set_value(values[name])
            return
        self._hyperparameter_owner = owner
        while self._optimizer_form.rowCount() > self._fixed_rows:
            self._optimizer_form.removeRow(self._fixed_rows)
        self.hyperparameter_fields = {}
        for h in OPTIMIZERS[contender.optimizer].hyperparameters:
            if h.name == "lr":
                field = LogSlider(*LR_RANGE, values["lr"])
                label = self.tr("&η (learning rate)")
            else:
                field = _SpinField(h, values[h.name])
                label = hyperparameter_label(h.name)
            default = "—" if h.default is None else f"{h.default:g}"
            field.setToolTip(self.tr("{0}: {1}; allowed {2}, default {3}").format(
                h.name, hyperparameter_description(h.name, h.description), h.allowed, default))
            field.value_changed.connect(
                lambda v, name=h.name, i=index: self.session.set_hyperparameter(name, v, i))
            self.hyperparameter_fields[h.name] = field
            self._optimizer_form.addRow(label, field)

    def _build_start_fields(self, setup, problem) -> None:
        """The watched run's start (editing it starts every run there)."""
        start = setup.start_of(problem, setup.watched)
        if [f.objectName() for f in self.start_fields] != list(problem.param_names):
            for _ in self.start_fields:
                self._start_form.removeRow(0)
            self.start_fields = []
            for i, name in enumerate(problem.param_names):
                field = _StartField()
                field.setObjectName(name)
                field.setRange(-1e6, 1e6)
                field.setDecimals(4)
                field.setSingleStep(0.1)
                field.setKeyboardTracking(False)
                field.setToolTip(self._start_tip(name))
                field.valueChanged.connect(self._on_start_edited)
                self._start_form.insertRow(i, name, field)
                self.start_fields.append(field)
        for field, value in zip(self.start_fields, start, strict=True):
            field.blockSignals(True)
            field.setValue(value)
            field.blockSignals(False)

    def _show_speed(self, speed) -> None:
        if speed is None:
            text = self.tr("as fast as possible")
        elif speed == 1:
            text = self.tr("1 step per second")
        else:
            text = self.tr("{0} steps per second").format(f"{speed:g}")
        self.speed_label.setText(text)

    # --- user actions -------------------------------------------------------------------------

    @Slot(int)
    def _on_activation_chosen(self, index: int) -> None:
        """A new activation: the runs go on with it; refused, the box shows the activation in use."""
        if not self.session.set_activation(self.activation.itemData(index)):
            _select(self.activation, self.session.problem.activation.name)

    @Slot(int)
    def _on_loss_chosen(self, index: int) -> None:
        if not self.session.set_loss(self.loss.itemData(index)):
            _select(self.loss, self.session.problem.loss_kind.name)

    @Slot()
    def _on_start_edited(self) -> None:
        self.session.set_start([f.value() for f in self.start_fields])

    @Slot()
    def _on_default_start_clicked(self) -> None:
        self.session.set_start(None)

    @Slot(float)
    def _on_speed_changed(self, value: float) -> None:
        speed = None if value > SPEED_RANGE[1] else value
        self.session.set_speed(speed)
        self._show_speed(speed)

    @Slot()
    def ask_for_data_file(self) -> None:
        """Ask for a CSV file and use its data."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import data"), "",
                                              self.tr("CSV files (*.csv);;All files (*)"))
        if not path:
            return
        self.session.set_data(path)  # read in the background
        self._importing = self.session.loading

    @Slot(object)
    def _on_loading_refused(self, error) -> None:
        """The file chosen with Import was refused: said over the window (and in the banner)."""
        if self._importing and isinstance(error, InputError):
            show_refusal(self, self.tr("Import data"), translate_error(error))

    @Slot(bool)
    def _on_loading_finished(self, loaded: bool) -> None:
        self._importing = False


def data_import_off(problem) -> str:
    """Why a problem takes no data: the tooltip of Import when it is off."""
    return tr("{0} is a fixed function; only {1} and {2} are fitted to data: choose one of them as "
              "the problem to import data").format(problem_title(problem.name), problem_title("linreg"),
                                                   problem_title("neuron"))


class _SpinField(ExactNumberBox):
    """A hyperparameter other than η: a number field kept within the range the model allows."""

    def __init__(self, h, value: float):
        super().__init__(*field_range(h))
        self.setValue(value)

    @property
    def value_changed(self):
        return self.valueChanged

    def set_value(self, value: float) -> None:
        self.blockSignals(True)
        self.setValue(value)
        self.blockSignals(False)


class _CompactButton(QPushButton):
    """A push button that can be as narrow as its text (Qt's least is 80 px): three fit side by side
    in a narrow panel."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # may shrink

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        return QSize(min(hint.width(), metrics.horizontalAdvance(self.text()) + 2 * metrics.height()),
                     hint.height())


class _StartField(QDoubleSpinBox):
    """A coordinate of the start: as narrow as a number like −12.3456 (the range's ends would make it
    as wide as −1000000.0000); longer numbers scroll within it."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        spare = self.fontMetrics().horizontalAdvance("-1000000.0000") - self.fontMetrics().horizontalAdvance(
            "-12.3456")
        return QSize(max(hint.width() - spare, hint.height() * 3), hint.height())


def _form(box: QGroupBox) -> QFormLayout:
    """A form whose fields go below their labels when the panel is narrow (a small screen, a large
    scale), rather than being cut off."""
    form = QFormLayout(box)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


def _compact(combo: QComboBox) -> QComboBox:
    """A combo box that does not widen the panel to its longest entry (the list still shows it)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def _select(combo: QComboBox, data) -> None:
    index = combo.findData(data)
    if index >= 0 and index != combo.currentIndex():
        combo.blockSignals(True)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)


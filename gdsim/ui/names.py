"""The names the window shows for the engine's problems, optimizers, activations, datasets and
hyperparameters, and for the runs of a setup, through Qt's translation system (the engine's own
titles are English)."""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..engine import ACTIVATIONS, ANALYTIC_PROBLEMS, LOSSES, OPTIMIZERS
from .style import format_number

_OPTIMIZERS = {
    "sgd": QT_TRANSLATE_NOOP("names", "Gradient descent"),
    "momentum": QT_TRANSLATE_NOOP("names", "Momentum"),
    "nesterov": QT_TRANSLATE_NOOP("names", "Nesterov momentum"),
    "adagrad": QT_TRANSLATE_NOOP("names", "Adagrad"),
    "adadelta": QT_TRANSLATE_NOOP("names", "Adadelta"),
    "rmsprop": QT_TRANSLATE_NOOP("names", "RMSprop"),
    "adam": QT_TRANSLATE_NOOP("names", "Adam"),
    "adamax": QT_TRANSLATE_NOOP("names", "AdaMax"),
    "nadam": QT_TRANSLATE_NOOP("names", "NAdam"),
    "amsgrad": QT_TRANSLATE_NOOP("names", "AMSGrad"),
}
_PROBLEMS = {
    "parabola": QT_TRANSLATE_NOOP("names", "Parabola"),
    "double-well": QT_TRANSLATE_NOOP("names", "Double well"),
    "ravine": QT_TRANSLATE_NOOP("names", "Ravine"),
    "rosenbrock": QT_TRANSLATE_NOOP("names", "Rosenbrock"),
    "beale": QT_TRANSLATE_NOOP("names", "Beale"),
    "himmelblau": QT_TRANSLATE_NOOP("names", "Himmelblau"),
    "saddle": QT_TRANSLATE_NOOP("names", "Saddle"),
    "booth": QT_TRANSLATE_NOOP("names", "Booth"),
    "rastrigin": QT_TRANSLATE_NOOP("names", "Rastrigin"),
    "six-hump-camel": QT_TRANSLATE_NOOP("names", "Six-hump camel"),
    "linreg": QT_TRANSLATE_NOOP("names", "Linear regression"),
    "neuron": QT_TRANSLATE_NOOP("names", "Neuron"),
    "custom": QT_TRANSLATE_NOOP("names", "Your function"),
}
_ACTIVATIONS = {
    "sigmoid": QT_TRANSLATE_NOOP("names", "Sigmoid"),
    "tanh": QT_TRANSLATE_NOOP("names", "tanh"),
    "relu": QT_TRANSLATE_NOOP("names", "ReLU"),
    "leaky_relu": QT_TRANSLATE_NOOP("names", "Leaky ReLU"),
    "softplus": QT_TRANSLATE_NOOP("names", "Softplus"),
    "identity": QT_TRANSLATE_NOOP("names", "Identity"),
    "step": QT_TRANSLATE_NOOP("names", "Step (perceptron)"),
}
_LOSSES = {
    "sse": QT_TRANSLATE_NOOP("names", "Sum of squared errors"),
    "mse": QT_TRANSLATE_NOOP("names", "Mean squared error"),
    "half-mse": QT_TRANSLATE_NOOP("names", "Half the mean squared error"),
    "bce": QT_TRANSLATE_NOOP("names", "Binary cross-entropy"),
}
_HYPERPARAMETERS = {
    "lr": QT_TRANSLATE_NOOP("names", "learning rate η: the step size"),
    "momentum": QT_TRANSLATE_NOOP("names", "μ: how much of the last step carries over"),
    "rho": QT_TRANSLATE_NOOP("names", "ρ: decay of both running means"),
    "alpha": QT_TRANSLATE_NOOP("names", "α: decay of the running mean of g²"),
    "beta1": QT_TRANSLATE_NOOP("names", "β₁: decay of the running mean of gradients"),
    "beta2": QT_TRANSLATE_NOOP("names", "β₂: decay of the running mean of squared gradients"),
    "eps": QT_TRANSLATE_NOOP("names", "ε: keeps the division finite"),
    "momentum_decay": QT_TRANSLATE_NOOP("names", "ψ: how fast μₜ approaches β₁"),
}
QT_TRANSLATE_NOOP("names", "batch {0}")  # a run on mini-batches of {0} samples, in its name
QT_TRANSLATE_NOOP("names", "from {0}")  # a run with its own start {0}, such as (−3, 3), in its name
_SCHEDULES = {
    "constant": QT_TRANSLATE_NOOP("names", "Constant"),
    "step": QT_TRANSLATE_NOOP("names", "Step decay"),
    "exponential": QT_TRANSLATE_NOOP("names", "Exponential decay"),
    "inverse-time": QT_TRANSLATE_NOOP("names", "1/t decay"),
    "cosine": QT_TRANSLATE_NOOP("names", "Cosine annealing"),
}
# A schedule's parameter as its field is labelled: the symbol of the formulas, then what it is.
_SCHEDULE_PARAMETERS = {
    ("step", "decay_steps"): QT_TRANSLATE_NOOP("names", "k: updates between two decays"),
    ("step", "gamma"): QT_TRANSLATE_NOOP("names", "γ: the factor of each decay"),
    ("exponential", "gamma"): QT_TRANSLATE_NOOP("names", "γ: the factor of each update"),
    ("inverse-time", "decay"): QT_TRANSLATE_NOOP("names", "d: how fast η falls"),
    ("cosine", "decay_steps"): QT_TRANSLATE_NOOP("names", "T: updates from η down to the floor"),
    ("cosine", "floor"): QT_TRANSLATE_NOOP("names", "φ: the last η as a share of η"),
    ("", "warmup"): QT_TRANSLATE_NOOP("names", "w: updates of linear warm-up"),
}
# The label of a hyperparameter's field: in English its name in torch.optim (and in lesson files), in
# Chinese its symbol with a word.
_HYPERPARAMETER_LABELS = {
    "momentum": QT_TRANSLATE_NOOP("names", "momentum"),
    "rho": QT_TRANSLATE_NOOP("names", "rho"),
    "alpha": QT_TRANSLATE_NOOP("names", "alpha"),
    "beta1": QT_TRANSLATE_NOOP("names", "beta1"),
    "beta2": QT_TRANSLATE_NOOP("names", "beta2"),
    "eps": QT_TRANSLATE_NOOP("names", "eps"),
    "momentum_decay": QT_TRANSLATE_NOOP("names", "momentum_decay"),
}
_MODEL_FORMULAS = {"linreg": "ŷ = w·x + b", "neuron": "ŷ = f(w·x + b)"}
_DATASETS = {
    "line": QT_TRANSLATE_NOOP("names", "Noisy line"),
    "pass-fail": QT_TRANSLATE_NOOP("names", "Pass or fail"),
}


def _name(table: dict, key: str, fallback: str) -> str:
    text = table.get(key)
    return QCoreApplication.translate("names", text) if text else fallback


def optimizer_title(name: str) -> str:
    return _name(_OPTIMIZERS, name, OPTIMIZERS[name].title if name in OPTIMIZERS else name)


def problem_title(name: str) -> str:
    return _name(_PROBLEMS, name, ANALYTIC_PROBLEMS[name].title if name in ANALYTIC_PROBLEMS else name)


def activation_title(name: str) -> str:
    return _name(_ACTIVATIONS, name, ACTIVATIONS[name].title if name in ACTIVATIONS else name)


def loss_title(name: str) -> str:
    return _name(_LOSSES, name, LOSSES[name].title if name in LOSSES else name)


def titled_formula(title: str, formula: str) -> str:
    """A name and its formula, as the problem, loss and activation lists show them ("Parabola:  L(x) = x²";
    in Chinese with a full-width colon)."""
    return QCoreApplication.translate("names", "{0}:  {1}").format(title, formula)


def dataset_title(name: str, fallback: str) -> str:
    return _name(_DATASETS, name, fallback)


def hyperparameter_description(name: str, fallback: str) -> str:
    return _name(_HYPERPARAMETERS, name, fallback)


def schedule_title(name: str) -> str:
    return _name(_SCHEDULES, name, name)


def schedule_parameter_label(schedule: str, parameter: str) -> str:
    key = ("", parameter) if parameter == "warmup" else (schedule, parameter)
    return _name(_SCHEDULE_PARAMETERS, key, parameter)


def _with_schedule(label: str, contender) -> str:
    """The label with the run's schedule, mini-batches and own start, where it has them."""
    if contender.schedule is not None:
        label = f"{label}, {schedule_title(contender.schedule.name)}"
    if contender.batch_size is not None:
        label = f"{label}, " + QCoreApplication.translate("names", "batch {0}").format(contender.batch_size)
    if contender.start is not None:
        point = ", ".join(f"{v:g}".replace("-", "−") for v in contender.start)  # as the lesson file has it
        point = point if len(contender.start) == 1 else f"({point})"
        label = f"{label}, " + QCoreApplication.translate("names", "from {0}").format(point)
    return label


def hyperparameter_label(name: str) -> str:
    return _name(_HYPERPARAMETER_LABELS, name, name)


def run_labels(setup, problem) -> list[str]:
    """A short name for each optimizer run of a setup, in order: its title, η and its schedule."""
    labels = []
    for i, c in enumerate(setup.contenders):
        lr = format_number(setup.hyperparameters_of(i, problem)["lr"])
        labels.append(_with_schedule(f"{optimizer_title(c.optimizer)} η={lr}", c))
    return labels


def short_run_labels(setup, problem) -> list[str]:
    """A name for each run as short as tells them apart: its optimizer's title, and η only where one
    optimizer runs more than once (η = 0.02, not 0.02000)."""
    names = [c.optimizer for c in setup.contenders]
    labels = []
    for i, name in enumerate(names):
        label = optimizer_title(name)
        if names.count(name) > 1:
            lr = setup.hyperparameters_of(i, problem)["lr"]
            label += " η=" + f"{lr:.3g}".replace("-", "−")
        labels.append(_with_schedule(label, setup.contenders[i]))
    return labels


def formula_text(formula: str) -> str:
    """A formula in the user's language: those with words ("f(h) = 1 if h ≥ 0 else 0") are marked
    for translation in the engine (context "formulas"); the others come back as they are."""
    return QCoreApplication.translate("formulas", formula)


def problem_formula(name: str) -> str:
    """The formula shown beside a problem's name (mathematics needs no translation)."""
    return ANALYTIC_PROBLEMS[name].formula if name in ANALYTIC_PROBLEMS else _MODEL_FORMULAS[name]

"""The numerical engine: problems, optimizers and runs over arrays of shape (K, d). Numpy only."""

from .activations import ACTIVATIONS, Activation
from .catalog import CUSTOM, EVERY_PROBLEM, PROBLEM_NAMES, make_problem
from .chain_rule import ChainRule, chain_rule
from .custom import TypedFunction, typed_function
from .datasets import BUILTIN_DATASETS, Dataset, load_dataset
from .errors import InputError
from .expression import FunctionError
from .models import LOSSES, DatasetProblem
from .optimizers import OPTIMIZERS, Hyperparameter, Optimizer, State, default_lr, get_optimizer
from .problems import ANALYTIC_PROBLEMS, Problem
from .run import (
    CONVERGED,
    DIVERGED,
    RUNNING,
    STATUS_NAMES,
    STEP_LIMIT,
    STUCK,
    History,
    Lookahead,
    Run,
    Update,
)
from .schedules import SCHEDULES, Schedule
from .simulate import Pieces, Simulation, simulate, simulate_in_pieces
from .swarm import Basins, Swarm, basins

__all__ = [
    "ACTIVATIONS", "ANALYTIC_PROBLEMS", "BUILTIN_DATASETS", "Basins", "CONVERGED", "CUSTOM", "DIVERGED",
    "EVERY_PROBLEM", "LOSSES", "OPTIMIZERS", "PROBLEM_NAMES", "RUNNING", "SCHEDULES", "STATUS_NAMES",
    "STEP_LIMIT", "STUCK", "Activation", "ChainRule", "Dataset", "DatasetProblem", "FunctionError", "History",
    "Hyperparameter", "InputError", "Lookahead", "Optimizer", "Pieces", "Problem", "Run", "Schedule",
    "Simulation", "State", "Swarm", "TypedFunction", "Update", "basins", "chain_rule", "default_lr",
    "get_optimizer", "load_dataset", "make_problem", "simulate", "simulate_in_pieces", "typed_function",
]

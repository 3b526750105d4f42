"""gdsim: watch gradient descent work. ``import gdsim`` loads the numpy engine only, never Qt."""

from .engine import (
    ACTIVATIONS,
    LOSSES,
    OPTIMIZERS,
    PROBLEM_NAMES,
    SCHEDULES,
    Basins,
    FunctionError,
    InputError,
    Run,
    Schedule,
    Simulation,
    basins,
    chain_rule,
    make_problem,
    simulate,
)
from .engine import typed_function as function
from .render import render

__version__ = "0.1.0"

__all__ = ["ACTIVATIONS", "LOSSES", "OPTIMIZERS", "PROBLEM_NAMES", "SCHEDULES", "Basins", "FunctionError",
           "InputError", "Run", "Schedule", "Simulation", "__version__", "basins", "chain_rule", "function",
           "make_problem", "render", "simulate"]

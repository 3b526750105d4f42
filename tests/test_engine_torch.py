"""Optional: every optimizer against torch.optim itself, 200 steps on Rosenbrock in float64.

Skipped unless PyTorch is installed; gdsim never depends on it.
"""

import numpy as np
import pytest

import gdsim
from gdsim.engine import OPTIMIZERS

from tolerance import UPDATE_ULPS, assert_trajectories_agree

torch = pytest.importorskip("torch")

STEPS = 200
START = (-1.2, 1.0)


def torch_optimizer(name: str, params, hp: dict):
    optim = torch.optim
    betas = (hp.get("beta1"), hp.get("beta2"))
    if name == "sgd":
        return optim.SGD(params, lr=hp["lr"])
    if name == "momentum":
        return optim.SGD(params, lr=hp["lr"], momentum=hp["momentum"])
    if name == "nesterov":
        return optim.SGD(params, lr=hp["lr"], momentum=hp["momentum"], nesterov=True)
    if name == "adagrad":
        return optim.Adagrad(params, lr=hp["lr"], eps=hp["eps"])
    if name == "adadelta":
        return optim.Adadelta(params, lr=hp["lr"], rho=hp["rho"], eps=hp["eps"])
    if name == "rmsprop":
        return optim.RMSprop(params, lr=hp["lr"], alpha=hp["alpha"], eps=hp["eps"], momentum=hp["momentum"])
    if name == "adam":
        return optim.Adam(params, lr=hp["lr"], betas=betas, eps=hp["eps"])
    if name == "amsgrad":
        return optim.Adam(params, lr=hp["lr"], betas=betas, eps=hp["eps"], amsgrad=True)
    if name == "adamax":
        return optim.Adamax(params, lr=hp["lr"], betas=betas, eps=hp["eps"])
    if name == "nadam":
        return optim.NAdam(params, lr=hp["lr"], betas=betas, eps=hp["eps"],
                           momentum_decay=hp["momentum_decay"])
    raise AssertionError(f"no torch equivalent written for {name}")


@pytest.fixture(autouse=True)
def float64_default():
    # Float64 throughout: torch keeps optimizer scalars such as NAdam's μ-product and the step count
    # in the default dtype, which is float32 unless changed.
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(old)


def rosenbrock(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


# Hyperparameters beyond the defaults, to check the rules and not just the default numbers.
NON_DEFAULT = {
    "sgd": {"lr": 0.0015},
    "momentum": {"lr": 0.0005, "momentum": 0.7},
    "nesterov": {"lr": 0.0005, "momentum": 0.6},
    "adagrad": {"lr": 0.1, "eps": 1e-4},
    "adadelta": {"lr": 0.5, "rho": 0.8, "eps": 1e-4},
    "rmsprop": {"lr": 0.005, "alpha": 0.9, "eps": 1e-6, "momentum": 0.5},
    "adam": {"lr": 0.02, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6},
    "adamax": {"lr": 0.02, "beta1": 0.85, "beta2": 0.95, "eps": 1e-5},
    "nadam": {"lr": 0.02, "beta1": 0.8, "beta2": 0.99, "momentum_decay": 0.02},
    "amsgrad": {"lr": 0.03, "beta1": 0.7, "beta2": 0.9},
}


@pytest.mark.parametrize("defaults", [True, False], ids=["defaults", "non-default"])
@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_torch_optimizer_matches_pytorch_on_rosenbrock(name, defaults):
    opt = OPTIMIZERS[name]
    lr = {"plain": 0.001, "unit": 1.0}.get(opt.lr_kind, 0.01)
    hp = opt.resolve(lr) if defaults else opt.resolve(None, NON_DEFAULT[name])
    sim = gdsim.simulate("rosenbrock", name, START, STEPS, tol=0, **hp)
    assert sim.status == ["step limit"]

    p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
    optimizer = torch_optimizer(name, [p], hp)
    rows = [p.detach().numpy().copy()]
    for _ in range(STEPS):
        optimizer.zero_grad()
        rosenbrock(p).backward()
        optimizer.step()
        rows.append(p.detach().numpy().copy())
    expected = np.array(rows)
    assert np.abs(expected[-1] - expected[0]).max() > 1e-3  # the run went somewhere
    # Autograd groups the gradient differently (8 roundings a side), torch.optim the update: each step
    # differs by at most UPDATE_ULPS + 16 ulps of the numbers in it, and the steps add up.
    assert_trajectories_agree(sim.params, expected[:, None, :], UPDATE_ULPS + 16, STEPS)

"""Optional: every optimizer against torch.optim itself, 200 steps on Rosenbrock in float64, and every
learning-rate schedule against the torch.optim.lr_scheduler it names.

Skipped unless PyTorch is installed; gdsim never depends on it.
"""

import numpy as np
import pytest

import gdsim
from gdsim.engine import OPTIMIZERS

from tolerance import TRANSCENDENTAL_ULPS, UPDATE_ULPS, assert_trajectories_agree, ulps

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


# --- learning-rate schedules against torch.optim.lr_scheduler -----------------------------------


def torch_scheduler(schedule, optimizer, lr: float):
    """The PyTorch scheduler that gdsim's schedule documents as its equivalent."""
    sched = torch.optim.lr_scheduler
    p = schedule.parameters
    w = p.pop("warmup")
    name = schedule.name
    if name == "constant":
        main = sched.LambdaLR(optimizer, lambda s: 1.0)
    elif name == "step":
        main = sched.StepLR(optimizer, step_size=p["decay_steps"], gamma=p["gamma"])
    elif name == "exponential":
        main = sched.ExponentialLR(optimizer, gamma=p["gamma"])
    elif name == "inverse-time":
        main = sched.LambdaLR(optimizer, lambda s: 1.0 / (1.0 + p["decay"] * s))
    elif name == "cosine":
        main = sched.CosineAnnealingLR(optimizer, T_max=p["decay_steps"], eta_min=p["floor"] * lr)
    else:
        raise AssertionError(name)
    if not w:
        return main
    warm = sched.LinearLR(optimizer, start_factor=1.0 / w, end_factor=1.0, total_iters=w - 1)
    return sched.SequentialLR(optimizer, [warm, main], milestones=[w])


SCHEDULE_CASES = [
    gdsim.Schedule("constant", warmup=6),
    gdsim.Schedule("step", decay_steps=15, gamma=0.6),
    gdsim.Schedule("step", decay_steps=9, gamma=0.8, warmup=12),
    gdsim.Schedule("exponential", gamma=0.98),
    gdsim.Schedule("exponential", gamma=0.95, warmup=4),
    gdsim.Schedule("inverse-time", decay=0.05),
    gdsim.Schedule("inverse-time", decay=0.2, warmup=7),
    # cosine up to T: beyond it PyTorch's goes up again while gdsim's stays at the floor
    gdsim.Schedule("cosine", decay_steps=STEPS),
    gdsim.Schedule("cosine", decay_steps=STEPS - 20, floor=0.1, warmup=20),
]


@pytest.mark.parametrize("optimizer", ["sgd", "nesterov", "adam", "adadelta"])
@pytest.mark.parametrize("schedule", SCHEDULE_CASES, ids=str)
def test_torch_schedule_matches_pytorchs_scheduler(schedule, optimizer):
    opt = OPTIMIZERS[optimizer]
    lr = {"plain": 0.001, "unit": 1.0}.get(opt.lr_kind, 0.01)
    hp = opt.resolve(lr)
    sim = gdsim.simulate("rosenbrock", optimizer, START, STEPS, tol=0, schedule=schedule, **hp)

    p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
    optimizer_ = torch_optimizer(optimizer, [p], hp)
    scheduler = torch_scheduler(schedule, optimizer_, lr)
    rows, etas = [p.detach().numpy().copy()], []
    for _ in range(STEPS):
        etas.append(optimizer_.param_groups[0]["lr"])
        optimizer_.zero_grad()
        rosenbrock(p).backward()
        optimizer_.step()
        scheduler.step()
        rows.append(p.detach().numpy().copy())
    # PyTorch's StepLR, ExponentialLR and CosineAnnealingLR update lr by a recursion from step to step
    # (up to 200 roundings, and cos within TRANSCENDENTAL_ULPS of each), gdsim takes the closed form (a
    # pow or cos and up to 5 roundings): ηₜ agree within 2 ulps a step of η.
    np.testing.assert_allclose(sim.lr[1:], etas, rtol=0, atol=ulps(2 * STEPS + 2 * TRANSCENDENTAL_ULPS, lr))
    assert max(etas) > 1.05 * min(etas)  # the schedule changed η
    # A relative change of η of δ moves a step by δ of itself, at most 2·STEPS ulps: within the bound
    # the optimizers' own comparison allows per step, plus that.
    assert_trajectories_agree(sim.params, np.array(rows)[:, None, :], UPDATE_ULPS + 16 + 2 * STEPS, STEPS)

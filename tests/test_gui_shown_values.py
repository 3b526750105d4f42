"""Every number field of the window shows the very value the run uses (issue 9, item 11): what a
lesson, the settings or the user sets is either shown exactly or refused with a message."""

import pytest

from gdsim.engine import OPTIMIZERS
from gdsim.model.setup import Contender, Setup

CASES = [
    ("adagrad", {}),  # its default ε is 1e-10, which a field of 8 decimals showed as 0
    ("adam", {"lr": 0.0012345678, "beta2": 0.999999999, "eps": 1e-300}),
    ("momentum", {"lr": 9.87654321, "momentum": 123456.789}),
    ("nesterov", {"lr": 1e-5, "momentum": 1e-300}),
    ("adadelta", {"lr": 10.0, "rho": 1.0, "eps": 3.3e-7}),
    ("rmsprop", {"alpha": 0.123456789012, "momentum": 1e300}),
    ("nadam", {"momentum_decay": 0.0, "beta1": 0.9999999999999999}),
]


def shown(field) -> float:
    """The number a person reads in a field."""
    box = getattr(field, "field", field)  # η: a slider with a number box
    return float(box.text())


@pytest.mark.parametrize("optimizer, values", CASES, ids=[c[0] for c in CASES])
def test_each_hyperparameter_field_shows_the_value_the_run_uses(qtbot, window, optimizer, values):
    session = window.session
    assert session.apply(Setup(contenders=(Contender(optimizer, values),)))
    used = session.hyperparameters(0)
    fields = window.controls.hyperparameter_fields
    assert set(fields) == {h.name for h in OPTIMIZERS[optimizer].hyperparameters}
    for name, field in fields.items():
        assert (field.value(), shown(field)) == (used[name], used[name]), name


def test_a_value_typed_into_a_field_is_the_value_the_run_uses(qtbot, window):
    session = window.session
    assert session.apply(Setup(contenders=(Contender("adam"),)))
    eps = window.controls.hyperparameter_fields["eps"]
    eps.lineEdit().selectAll()
    qtbot.keyClicks(eps.lineEdit(), "2.5e-12")
    qtbot.keyClick(eps.lineEdit(), "\r")
    assert session.hyperparameters(0)["eps"] == 2.5e-12 == shown(eps)


def test_a_value_the_model_refuses_is_not_left_in_the_field(qtbot, window):
    session = window.session
    assert session.apply(Setup(contenders=(Contender("adam", {"eps": 1e-8}),)))
    eps = window.controls.hyperparameter_fields["eps"]
    eps.lineEdit().selectAll()
    qtbot.keyClicks(eps.lineEdit(), "1e-310")
    qtbot.keyClick(eps.lineEdit(), "\r")
    assert "eps must be 0 or from 1e-300 to 1e+300 in the window" in window.error.text()
    assert session.hyperparameters(0)["eps"] == 1e-8 == shown(eps)


def test_the_tolerance_and_the_speed_show_what_the_run_uses(qtbot, window):
    session = window.session
    assert session.apply(Setup(speed=0.25, tol=1.23456789e-7))
    controls = window.controls
    assert float(controls.tolerance.text()) == session.setup.tol == 1.23456789e-7
    assert shown(controls.speed) == controls.speed.value() == session.setup.speed == 0.25
    assert controls.speed_label.text() == "0.25 steps per second"


@pytest.mark.parametrize("bad, says", [
    ("lr = 0", "the learning rate η (lr) must be from 1e-05 to 10 in the window, got 0"),
    ("lr = 1000", "the learning rate η (lr) must be from 1e-05 to 10 in the window, got 1000"),
    ("lr = 0.1\neps = 1e-320", "eps must be 0 or from 1e-300 to 1e+300 in the window, got 1e-320"),
])
def test_a_lesson_with_a_value_no_field_can_show_is_refused(qtbot, window, tmp_path, bad, says, loaded):
    path = tmp_path / "eta.toml"
    path.write_text('[lesson]\nnumber = 3\ntitle = { en = "x" }\n[setup]\nproblem = "parabola"\nspeed = 2\n'
                    f'step_limit = 10\n[[setup.optimizers]]\nname = "adam"\n{bad}\n')
    before = window.session.setup
    assert not loaded(window.session, lambda: window.open_lesson_file(path))
    assert window.error.text() == f"lesson file {path}: [setup] optimizers[1]: {says}"
    assert window.session.setup is before


@pytest.mark.parametrize("speed", [0, -1, 1e-7, 1e9, float("nan")])
def test_a_speed_no_timer_can_keep_is_refused_and_play_still_works(qtbot, window, speed):
    session = window.session
    assert not session.set_speed(speed)
    assert window.error.text().startswith("the speed must be a number of steps per second from 0.1 to 1,000")
    assert session.setup.speed == 10.0
    session.play()
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.lead.step >= 1, timeout=5000)
    session.pause()


@pytest.mark.parametrize("setup, says", [
    (Setup(speed=0.0), "the speed must be a number of steps per second from 0.1 to 1,000"),
    (Setup(step_limit=0), "the step limit must be a whole number from 1 to 1,000,000,000, got 0"),
    (Setup(contenders=(Contender("sgd", {"lr": 0.0}),)), "η (lr) must be from 1e-05 to 10 in the window"),
    (Setup(contenders=(Contender("adam", {"eps": 1e-320}),)), "eps must be 0 or from 1e-300 to 1e+300"),
])
def test_a_whole_setup_the_window_cannot_show_is_refused(qtbot, window, setup, says):
    before = window.session.setup
    assert not window.session.apply(setup)
    assert says in window.error.text()
    assert window.session.setup is before

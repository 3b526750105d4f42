"""The last setup as the window remembers it (gdsim.model.remembered, no Qt): whatever the stored text
holds, reading it never raises; each value that cannot be used falls back to its default and is
named once, in a message the window can translate."""

import json

import pytest

from gdsim.engine import Schedule
from gdsim.model.remembered import MAX_CHARS, setup_from_json, setup_to_json
from gdsim.model.setup import Contender, Setup

GOOD = Setup("himmelblau", contenders=(Contender("sgd"), Contender("adam", {"lr": 0.02, "beta1": 0.8})),
             start=(1.5, -2.0), speed=None, step_limit=500, tol=0.0, watched=1)


def stored(**changes) -> str:
    d = json.loads(setup_to_json(GOOD))
    d.update(changes)
    return json.dumps(d)


def test_a_setup_survives_a_round_trip_with_nothing_to_report():
    assert setup_from_json(setup_to_json(GOOD)) == (GOOD, [])
    assert setup_from_json(setup_to_json(Setup())) == (Setup(), [])


def test_each_runs_schedule_and_batches_are_remembered():
    setup = Setup("neuron", data="pass-fail", contenders=(
        Contender("sgd", {"lr": 0.5}, Schedule("inverse-time", decay=0.1, warmup=4), 8, 2),
        Contender("sgd", {"lr": 0.5})))
    assert setup_from_json(setup_to_json(setup)) == (setup, [])


def test_each_runs_own_start_is_remembered_and_a_bad_one_gives_the_setups():
    setup = Setup("himmelblau", contenders=(Contender("sgd", {"lr": 0.01}, start=(0.13, -0.52)),
                                            Contender("sgd", {"lr": 0.01}, start=(-0.67, -1.32))))
    assert setup_from_json(setup_to_json(setup)) == (setup, [])
    d = json.loads(setup_to_json(setup))
    d["contenders"][1]["start"] = [1.0, "x"]
    restored, complaints = setup_from_json(json.dumps(d))
    assert restored.contenders[0].start == (0.13, -0.52) and restored.contenders[1].start is None
    assert len(complaints) == 1
    said = message(complaints[0])
    assert "the stored contenders[2] start is not usable: a start must be a list of finite numbers" in said
    assert "using the setup's start instead" in said


@pytest.mark.parametrize("run, kept, says", [
    ({"optimizer": "sgd", "schedule": {"name": "cosinus"}}, Contender("sgd"),
     "the stored contenders[1] schedule is not usable: unknown schedule 'cosinus'; choose one of: constant, "
     "step, exponential, inverse-time, cosine; using no schedule instead"),
    ({"optimizer": "sgd", "schedule": "step"}, Contender("sgd"), 'a schedule must be an object such as'),
    ({"optimizer": "sgd", "schedule": {"name": "step", "gamma": 2}}, Contender("sgd"),
     "gamma must be in (0, 1]"),
    ({"optimizer": "sgd", "schedule": {"name": "step", "k": 2}}, Contender("sgd"),
     "the schedule step has no parameter 'k'"),
    ({"optimizer": "sgd", "batch_size": 0, "seed": 1}, Contender("sgd"),
     "the stored contenders[1] batch_size is not usable: the batch size must be a whole number ≥ 1, got 0; "
     "using the whole data instead"),
    ({"optimizer": "sgd", "batch_size": "8"}, Contender("sgd"), "got '8'"),
    ({"optimizer": "sgd", "batch_size": 8, "seed": -3}, Contender("sgd", {}, None, 8, 0),
     "the stored contenders[1] seed is not usable: the seed must be a whole number ≥ 0, got -3; using 0"),
])
def test_a_bad_schedule_or_batch_of_a_run_takes_its_default(run, kept, says):
    d = json.loads(setup_to_json(Setup("linreg")))
    d["contenders"] = [run]
    setup, complaints = setup_from_json(json.dumps(d))
    assert setup.contenders == (kept,)
    assert len(complaints) == 1 and says in message(complaints[0]), [str(c) for c in complaints]


def test_batches_of_a_fixed_function_are_not_used():
    d = json.loads(setup_to_json(Setup("parabola")))
    d["contenders"] = [{"optimizer": "sgd", "batch_size": 4}]
    setup, complaints = setup_from_json(json.dumps(d))
    assert setup.contenders == (Contender("sgd"),)
    assert "batch_size applies only to the problems linreg, neuron, not 'parabola'" in message(complaints[0])


def message(complaint) -> str:
    text = str(complaint)
    assert text == complaint.template.format(**complaint.values)  # a template the window translates
    assert text.startswith("Settings: ") and "\n" not in text and len(text) < 500, text
    return text


@pytest.mark.parametrize("field, bad, default, says", [
    ("speed", "fast", 10.0,
     "the stored speed is not usable: the speed must be a number of steps per second from 0.1 to 1,000, or "
     "\"max\" (as fast as possible); got 'fast'; using 10.0 instead"),
    ("speed", 0, 10.0, "got 0; using 10.0"),
    ("speed", 4.6e-7, 10.0, "got 4.6e-07"),
    ("speed", float("nan"), 10.0, "got nan"),
    ("speed", [1], 10.0, "got [1]"),
    ("step_limit", 0, 10_000,
     "the stored step_limit is not usable: the step limit must be a whole number from 1 to 1,000,000,000, "
     "got 0; using 10000 instead"),
    ("step_limit", "100", 10_000, "got '100'"),
    ("step_limit", 2.5, 10_000, "got 2.5"),
    ("step_limit", 10**20, 10_000, "got 100000000000000000000"),
    ("tol", -1, 1e-6, "the tolerance must be ≥ 0"),
    ("tol", "x", 1e-6, "the tolerance must be a number"),
    ("tol", None, 1e-6, "the tolerance must be a number"),
    ("watched", 5, 0, "the stored watched is not usable: the watched run must be a whole number from 0 to 1"),
    ("watched", -1, 0, "got -1"),
    ("watched", "0", 0, "got '0'"),
    ("start", "abc", None,
     "the stored start is not usable: a start must be a list of finite numbers, got 'abc'"),
    ("start", [1.0, float("nan")], None, "got [1.0, nan]"),
    ("start", [1.0, True], None, "got [1.0, True]"),
])
def test_a_bad_field_falls_back_to_its_default_and_is_named_once(field, bad, default, says):
    setup, complaints = setup_from_json(stored(**{field: bad}))
    assert getattr(setup, field) == default
    assert len(complaints) == 1 and says in message(complaints[0]), message(complaints[0])
    others = {k: v for k, v in vars(setup).items() if k != field}
    assert others == {k: v for k, v in vars(GOOD).items() if k != field}


@pytest.mark.parametrize("contenders, kept, says", [
    ([], (Contender("sgd"),), "contenders must be a list of 1 to 10 runs, got []"),
    ("sgd", (Contender("sgd"),), "got 'sgd'"),
    ([{"optimizer": "sgd"}] * 11, (Contender("sgd"),), "contenders must be a list of 1 to 10 runs"),
    ([{"optimizer": "adom"}, {"optimizer": "adam"}], (Contender("adam"),), "unknown optimizer 'adom'"),
    ([{"optimizer": "adam", "hyperparameters": {"lr": 0}}], (Contender("adam"),),
     "the stored contenders[1] lr is not usable: the learning rate η (lr) must be from 1e-05 to 10 in the "
     "window"),
    ([{"optimizer": "adam", "hyperparameters": {"lr": 1000, "beta1": 0.5}}],
     (Contender("adam", {"beta1": 0.5}),), "got 1000"),
    ([{"optimizer": "adam", "hyperparameters": {"beta": 0.5}}], (Contender("adam"),),
     "adam has no hyperparameter 'beta'"),
    ([{"optimizer": "adam", "hyperparameters": {"eps": "small"}}], (Contender("adam"),),
     "eps must be a number"),
    ([{"optimizer": "adam", "hyperparameters": [0.1]}], (Contender("adam"),),
     "the stored contenders[1] hyperparameters is not usable"),
    ([3], (Contender("sgd"),), "a run must be an object with an optimizer's name, got 3"),
])
def test_bad_runs_are_dropped_or_take_their_defaults(contenders, kept, says):
    setup, complaints = setup_from_json(stored(contenders=contenders, watched=0))
    assert setup.contenders == kept
    assert any(says in message(c) for c in complaints), [str(c) for c in complaints]


@pytest.mark.parametrize("text, says", [
    ("{not json", "the last setup cannot be restored: it is not JSON"),
    ("", "it is not JSON"),
    ("[]", "it is not a JSON object"),
    ("null", "it is not a JSON object"),
    ("[" * 100_000 + "]" * 100_000, "it is longer than 65,536 characters"),
    ("[" * 1000 + "]" * 1000, "it nests deeper than 8"),
    ('{"a": ' * 20 + "1" + "}" * 20, "it nests deeper than 8"),
    ('{"s": "' + "[" * 5000 + '", ' + stored()[1:], None),  # brackets inside strings do not count
    (json.dumps({"x": "y" * MAX_CHARS}), "it is longer than 65,536 characters"),
    ("1" * 5000, "it is not JSON"),
    (stored(problem="sphere"), "unknown problem 'sphere'"),
    (stored(problem=None), "unknown problem None"),
    (json.dumps({"speed": 3}), "unknown problem None"),
    (3, "it is not text"),
    (["a", "b"], "it is not text"),
])
def test_a_setup_that_cannot_be_read_gives_the_default_setup_and_says_why(text, says):
    setup, complaints = setup_from_json(text)
    if says is None:
        assert (setup, complaints) == (GOOD, [])
        return
    assert setup == Setup()
    assert len(complaints) == 1
    assert message(complaints[0]).startswith("Settings: the last setup cannot be restored: ")
    assert says in message(complaints[0])
    assert message(complaints[0]).endswith("; gdsim starts with the default setup")


@pytest.mark.parametrize("changes, field, says", [
    ({"problem": "parabola", "data": "line"}, "data",
     "data applies only to the problems linreg, neuron, not 'parabola'"),
    ({"problem": "linreg", "data": 3, "start": None}, "data",
     "data must be a built-in dataset's name or a path"),
    ({"problem": "linreg", "data": "x" * 5000, "start": None}, "data", "a path has at most 4,096 characters"),
    ({"problem": "neuron", "activation": "swish", "start": None}, "activation", "unknown activation 'swish'"),
    ({"problem": "linreg", "activation": "tanh", "start": None}, "activation",
     "activation applies only to the problem neuron"),
    ({"problem": "neuron", "loss": "hinge", "start": None}, "loss", "unknown loss 'hinge'"),
])
def test_a_bad_model_part_falls_back_to_the_problems_own(changes, field, says):
    setup, complaints = setup_from_json(stored(**changes))
    assert getattr(setup, field) is None
    assert len(complaints) == 1 and says in message(complaints[0]), message(complaints[0])

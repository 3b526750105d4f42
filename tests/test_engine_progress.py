"""Checkpoints: long work (reading a CSV file, a landscape's losses) reports how far it is, often, and
stops at once when the job running it is cancelled; outside a job a checkpoint does nothing."""

import numpy as np
import pytest

from gdsim.engine import load_dataset, make_problem
from gdsim.engine.progress import Cancelled, checkpoint, part, reporting


def test_a_checkpoint_outside_a_job_does_nothing():
    checkpoint(0.5)  # no listener: no effect, no error


def test_parts_map_their_fraction_into_the_whole():
    heard = []
    with reporting(heard.append):
        checkpoint(0.5)
        with part(0.5, 0.75):
            checkpoint(0.0)
            checkpoint(1.0)
            with part(0.5, 1.0):
                checkpoint(0.0)
    assert heard == [0.5, 0.5, 0.75, 0.625]


def big_csv(path, rows: int):
    block = "".join(f"{i % 97 / 10:.1f},{i % 2}\n" for i in range(1000))
    path.write_text("x,y\n" + block * (rows // 1000), encoding="ascii")
    return path


@pytest.mark.parametrize("quoted", [False, True], ids=["in bulk", "row by row"])
def test_reading_many_rows_reports_often_and_stops_when_cancelled(tmp_path, quoted):
    rows = 250_000 if quoted else 1_000_000  # the csv module is slower: fewer rows, as many checkpoints
    path = big_csv(tmp_path / "big.csv", rows)
    if quoted:  # quotes below the header: read with the csv module
        path.write_text(path.read_text().replace("0.5,", '"0.5",'))
    heard = []
    with reporting(heard.append):
        dataset = load_dataset(path)
    assert len(dataset.y) == rows
    assert len(heard) >= 8 and heard == sorted(heard) and 0 <= heard[0] and heard[-1] <= 1

    def cancel_at_the_third(done):
        heard.append(done)
        if len(heard) == 3:
            raise Cancelled
    heard = []
    with pytest.raises(Cancelled), reporting(cancel_at_the_third):
        load_dataset(path)
    assert len(heard) == 3  # it stopped there


def test_cancelled_is_no_exception_an_except_exception_would_swallow():
    assert not issubclass(Cancelled, Exception)


def test_a_dataset_models_loss_over_a_grid_reports_and_stops_when_cancelled():
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 10, 20_000)
    problem = make_problem("neuron", (x, (x > 5).astype(float)))
    points = rng.normal(size=(500, 2))
    heard = []
    with reporting(heard.append):
        exact = problem.loss(points)
    assert len(heard) > 5  # a chunk of about a million loss terms between two checkpoints
    np.testing.assert_array_equal(exact, problem.loss(points))  # the same numbers with or without

    def stop(done):
        raise Cancelled
    with pytest.raises(Cancelled), reporting(stop):
        problem.loss(points)


@pytest.mark.parametrize("seconds_a_call, grows", [(0.004, False), (0.001, True)], ids=["slow", "fast"])
def test_the_reader_sizes_each_loadtxt_call_by_the_time_the_calls_before_took(tmp_path, monkeypatch,
                                                                            seconds_a_call, grows):
    # loadtxt holds the interpreter lock while it runs: a call must not take much longer than
    # _CALL_SECONDS, whatever the cells are, so the window's thread gets the lock between calls.
    from gdsim.engine import csv_file

    ticks = iter(range(10**9))
    monkeypatch.setattr(csv_file, "_clock", lambda: next(ticks) * seconds_a_call)  # every call takes this
    sizes, loadtxt = [], np.loadtxt

    def counting(source, *args, **kwargs):
        parsed = loadtxt(source, *args, **kwargs)
        sizes.append(len(parsed))
        return parsed
    monkeypatch.setattr(np, "loadtxt", counting)
    rows = 100_000
    dataset = load_dataset(big_csv(tmp_path / "big.csv", rows))
    assert sum(sizes) == rows and len(dataset.y) == rows
    assert dataset.X[:3, 0].tolist() == [0.0, 0.1, 0.2] and dataset.y[:3].tolist() == [0.0, 1.0, 0.0]
    first = csv_file._FIRST_CELLS // 2
    assert sizes[0] == first
    if grows:  # twice as many each time, up to the most a call converts
        assert sizes[1:4] == [2 * first, 4 * first, 8 * first]
        assert max(sizes) == csv_file._MAX_CELLS // 2
    else:  # half as many each time, down to one row
        assert sizes[1:4] == [first // 2, first // 4, first // 8]
        assert min(sizes) == 1

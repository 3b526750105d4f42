"""``gdsim basins``: the basin map as CSV or PNG from the command line, mistakes as one line and status 2."""

import csv
import io

import numpy as np
import pytest
from PIL import Image

import gdsim
from gdsim.cli import main


def run_cli(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_basins_csv_is_the_api_result_row_by_row(capsys):
    status, out, err = run_cli(capsys, "basins", "--problem", "himmelblau", "--optimizer", "momentum",
                               "--grid", "12", "--steps", "400", "--out", "-")
    assert status == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["x", "y", "label", "end_x", "end_y", "loss", "steps", "status"]
    result = gdsim.basins("himmelblau", "momentum", grid=12, steps=400)
    assert len(rows) == 1 + 144
    np.testing.assert_array_equal(np.array([r[:2] for r in rows[1:]], dtype=float), result.starts)
    np.testing.assert_array_equal(np.array([r[3:5] for r in rows[1:]], dtype=float), result.end_points)
    assert [r[2] for r in rows[1:]] == [gdsim.engine.swarm.label_name(label) for label in result.labels]
    assert [int(r[6]) for r in rows[1:]] == result.steps.tolist()
    assert [r[7] for r in rows[1:]] == result.status
    # the shares on standard error, one line a label, summing to the whole grid
    lines = err.splitlines()
    assert lines[0].startswith("minimum 1 at (3, 2): ")
    assert sum(int(line.rsplit("(", 1)[1].split(" of")[0].replace(",", "")) for line in lines) == 144


def test_cli_basins_png_is_the_map_with_a_legend(capsys, tmp_path):
    out = tmp_path / "basins.png"
    status, stdout, err = run_cli(capsys, "basins", "--problem", "himmelblau", "--grid", "30", "--out",
                                  str(out))
    assert status == 0 and stdout == ""
    image = Image.open(out).convert("RGB")
    pixels = np.asarray(image).reshape(-1, 3)
    colours = {tuple(p) for p in pixels.tolist()}
    # the four minima's colours fill the map
    for colour in ((0x00, 0x72, 0xb2), (0xe6, 0x9f, 0x00), (0x00, 0x9e, 0x73), (0xcc, 0x79, 0xa7)):
        assert colour in colours
        assert np.count_nonzero(np.all(pixels == colour, axis=1)) > 10_000
    assert "minimum 4" in err


def test_cli_basins_cloud_and_region(capsys):
    status, out, _ = run_cli(capsys, "basins", "--cloud", "50", "--seed", "2", "--region=-1,1,-1,1",
                             "--steps", "10")
    assert status == 0
    starts = np.array([r[:2] for r in list(csv.reader(io.StringIO(out)))[1:]], dtype=float)
    assert starts.shape == (50, 2) and np.abs(starts).max() <= 1


def test_cli_basins_typed_function_in_one_dimension(capsys):
    status, out, err = run_cli(capsys, "basins", "--function", "x^4 - 3*x^2 + x", "--grid", "40",
                               "--steps", "3000")
    assert status == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["x", "label", "end_x", "loss", "steps", "status"]
    assert {r[1] for r in rows[1:]} == {"minimum 1", "minimum 2"}
    assert "minimum 1 at (-1.30" in err  # the lower minimum is found first


@pytest.mark.parametrize("argv, fragment", [
    (["--grid", "9"], "--grid needs a whole number from 10 to 300, got '9'"),
    (["--grid", "ten"], "--grid needs a whole number"),
    (["--cloud", "0"], "--cloud needs a whole number from 1 to 90,000"),
    (["--grid", "20", "--cloud", "30"], "a grid or a cloud"),
    (["--region", "1,2,3"], "--region needs 2 numbers"),
    (["--region=5,-5,-5,5"], "low < high"),
    (["--problem", "nope"], "unknown problem 'nope'"),
    (["--problem", "linreg", "--data", "{csv}"], "1 or 2 parameters"),
    (["--optimizer", "adam", "--set", "beta1=2"], "beta1"),
    (["--steps", "-1"], "--steps"),
    (["--radius", "-1"], "radius must be > 0"),
    (["--cloud", "30", "--out", "{tmp}/cloud.png"], "a PNG map needs a grid"),
    (["--out", "{tmp}/no/such/dir/map.png"], "cannot write"),
])
def test_cli_basins_mistake_is_one_line_and_status_2(capsys, tmp_path, argv, fragment):
    data = tmp_path / "two.csv"
    data.write_text("x1,x2,y\n0,1,1\n1,0,2\n1,1,3\n2,1,4\n")
    argv = [a.format(tmp=tmp_path, csv=data) for a in argv]
    status, out, err = run_cli(capsys, "basins", "--steps", "5", *argv) if "--steps" not in argv else \
        run_cli(capsys, "basins", *argv)
    assert status == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("gdsim: ") and "Traceback" not in err
    assert fragment.format(tmp=tmp_path) in err, err
    assert not (tmp_path / "no").exists() and not (tmp_path / "cloud.png").exists()

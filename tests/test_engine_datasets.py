"""Datasets: the built-ins, arrays, and CSV import with its error messages (file and line named)."""

import numpy as np
import pytest

import gdsim
from gdsim import InputError
from gdsim.engine import BUILTIN_DATASETS, load_dataset, make_problem


def write(tmp_path, text: str, name: str = "data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- good files ----------------------------------------------------------------------------------


def test_csv_one_input(tmp_path):
    path = write(tmp_path, "x,y\n1,2\n3.5,-4\n-1e-3,5e2\n")
    data = load_dataset(path)
    np.testing.assert_array_equal(data.X, [[1.0], [3.5], [-1e-3]])
    np.testing.assert_array_equal(data.y, [2.0, -4.0, 500.0])
    assert data.n_inputs == 1
    assert data.name == "data" and data.title == "data.csv"


def test_csv_two_inputs_in_any_column_order(tmp_path):
    path = write(tmp_path, "y,x2,x1\n1,20,10\n0,40,30\n")
    data = load_dataset(path)
    np.testing.assert_array_equal(data.X, [[10.0, 20.0], [30.0, 40.0]])
    np.testing.assert_array_equal(data.y, [1.0, 0.0])
    assert make_problem("linreg", path).param_names == ("w1", "w2", "b")


def test_csv_header_case_and_whitespace(tmp_path):
    path = write(tmp_path, " X1 ,\tx2 , Y \n 1 , 2 , 3 \n4,5,6\n")
    data = load_dataset(path)
    np.testing.assert_array_equal(data.X, [[1.0, 2.0], [4.0, 5.0]])
    np.testing.assert_array_equal(data.y, [3.0, 6.0])


def test_csv_blank_lines_crlf_and_bom(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes("\ufeffx,y\r\n\r\n1,2\r\n  \r\n,\r\n3,4\r\n\r\n".encode())
    data = load_dataset(path)
    np.testing.assert_array_equal(data.X, [[1.0], [3.0]])
    np.testing.assert_array_equal(data.y, [2.0, 4.0])


def test_csv_many_inputs(tmp_path):
    header = ",".join(f"x{i}" for i in range(1, 12)) + ",y\n"
    rows = "".join(",".join(str(i * 100 + j) for j in range(12)) + "\n" for i in range(3))
    data = load_dataset(write(tmp_path, header + rows))
    assert data.X.shape == (3, 11)
    np.testing.assert_array_equal(data.X[:, 10], [10, 110, 210])  # x11 after x10, not after x1
    np.testing.assert_array_equal(data.y, [11, 111, 211])


def test_csv_file_drives_a_run(tmp_path):
    path = write(tmp_path, "x,y\n0,1\n1,3\n2,5\n")
    sim = gdsim.simulate("linreg", "sgd", [0.0, 0.0], 2000, data=str(path), lr=0.05)
    assert sim.status == ["converged"]
    np.testing.assert_allclose(sim.params[-1, 0], [2.0, 1.0], atol=1e-5)


@pytest.mark.parametrize("name", list(BUILTIN_DATASETS))
def test_builtin_datasets_load(name):
    data = load_dataset(name)
    assert data.name == name
    assert len(data.y) >= 10 and data.X.shape == (len(data.y), 1)
    assert np.isfinite(data.X).all() and np.isfinite(data.y).all()


def test_builtin_pass_fail_is_binary():
    def is_binary(y):
        return bool(np.all((y == 0) | (y == 1)))

    assert is_binary(load_dataset("pass-fail").y)
    assert not is_binary(load_dataset("line").y)


def test_arrays_as_data():
    X = np.array([0.0, 1.0, 2.0])
    problem = make_problem("linreg", (X, [1.0, 2.0, 3.0]))
    assert problem.dataset.X.shape == (3, 1)
    np.testing.assert_allclose(problem.minima[0], [1.0, 1.0])


@pytest.mark.parametrize(("X", "y"), [([[1.0], [2.0]], [1.0]), ([], []), ([[np.nan]], [1.0]),
                                      ([[1.0]], [np.inf]), (np.zeros((2, 2, 2)), [1.0, 2.0])])
def test_arrays_bad_shapes_or_values_raise_input_error(X, y):
    with pytest.raises(InputError, match="data must be"):
        make_problem("linreg", (X, y))


# --- bad files -----------------------------------------------------------------------------------


def assert_input_error(path, *fragments):
    with pytest.raises(InputError) as e:
        load_dataset(path)
    message = str(e.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message, message
    # The same message reaches a user who asks for a problem on that file.
    with pytest.raises(InputError) as again:
        make_problem("linreg", path)
    assert str(again.value) == message
    return message


def test_csv_missing_file(tmp_path):
    assert_input_error(tmp_path / "nothing.csv", "does not exist")


def test_csv_missing_file_without_csv_suffix(tmp_path):
    with pytest.raises(InputError) as e:
        load_dataset(str(tmp_path / "nothing"))
    assert str(tmp_path / "nothing") in str(e.value)
    for name in BUILTIN_DATASETS:
        assert name in str(e.value)


@pytest.mark.parametrize("name", ["folder.csv", "folder"])
def test_csv_directory(tmp_path, name):
    (tmp_path / name).mkdir()
    assert_input_error(tmp_path / name, "folder")


@pytest.mark.parametrize("text", ["", "\n\n  \n", ",,\n"])
def test_csv_empty_file(tmp_path, text):
    assert_input_error(write(tmp_path, text), "empty", "x (or x1, x2, …) and y")


def test_csv_header_without_y(tmp_path):
    assert_input_error(write(tmp_path, "x,z\n1,2\n"), "no column y", "x (or x1, x2, …) and y")


def test_csv_unexpected_column(tmp_path):
    assert_input_error(write(tmp_path, "x,y,weight\n1,2,3\n"), "unexpected column 'weight'", "x1, x2")


@pytest.mark.parametrize("header", ["x2,y", "x1,x3,y", "x,x1,y", "x0,y", "y"])
def test_csv_badly_numbered_inputs(tmp_path, header):
    n = header.count(",") + 1
    assert_input_error(write(tmp_path, header + "\n" + ",".join(["1"] * n) + "\n"), "x1")


def test_csv_duplicate_column(tmp_path):
    assert_input_error(write(tmp_path, "x,x,y\n1,2,3\n"), "twice")


@pytest.mark.parametrize(("text", "line"), [
    ("x,y\n1,2\n3\n", 3),
    ("x,y\n1,2\n3,4,5\n", 3),
    ("x,y\n\n\n1,2\n\n3,4,\n", 6),  # blank lines count: the line is the one an editor shows
])
def test_csv_wrong_number_of_values(tmp_path, text, line):
    path = write(tmp_path, text)
    assert_input_error(path, f"{path}, line {line}", "expected 2 values")


@pytest.mark.parametrize(("text", "line", "column", "value"), [
    ("x,y\n1,2\nthree,4\n", 3, "x", "'three'"),
    ("x1,x2,y\n1,2,3\n\n4,5,six\n", 4, "y", "'six'"),
    ("x1,x2,y\n1,,3\n", 2, "x2", "''"),
    ("x,y\n1,2\n1,2,\n", 3, None, None),
])
def test_csv_non_numeric_value(tmp_path, text, line, column, value):
    path = write(tmp_path, text)
    fragments = [f"line {line}"] + ([f"{column} is not a number: {value}"] if column else [])
    assert_input_error(path, *fragments)


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "Infinity", "1e999"])
def test_csv_non_finite_value(tmp_path, value):
    path = write(tmp_path, f"x,y\n1,2\n3,4\n{value},5\n")
    assert_input_error(path, f"{path}, line 4", "x must be finite")


def test_csv_header_but_no_rows(tmp_path):
    assert_input_error(write(tmp_path, "x,y\n\n\n"), "header but no data rows")


def test_csv_not_utf8(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"x,y\n1,\xff\xfe\n")
    assert_input_error(path, "cannot read")


@pytest.mark.parametrize("y", ["1.5", "-0.1", "2"])
def test_csv_bce_with_targets_outside_0_1(tmp_path, y):
    path = write(tmp_path, f"x,y\n1,0\n2,1\n3,{y}\n")
    make_problem("neuron", path, "sigmoid", "sse")  # fine for a squared error
    with pytest.raises(InputError) as e:
        make_problem("neuron", path, "sigmoid", "bce")
    message = str(e.value)
    assert "between 0 and 1" in message and f"y = {float(y):g}" in message


def test_csv_bce_error_names_the_file_and_line(tmp_path):
    path = write(tmp_path, "x,y\n1,0\n2,1\n3,1.5\n")
    with pytest.raises(InputError) as e:
        make_problem("neuron", path, "sigmoid", "bce")
    assert str(path) in str(e.value) and "line 4" in str(e.value)


def test_bce_needs_a_probability_activation():
    for act in ("tanh", "relu", "identity"):
        with pytest.raises(InputError, match=f"'bce'.*'sigmoid'.*'{act}'"):
            make_problem("neuron", "pass-fail", act, "bce")
    with pytest.raises(InputError, match="'bce'"):
        make_problem("linreg", "pass-fail", loss="bce")


def test_model_unknown_activation_and_loss_list_the_valid_ones():
    with pytest.raises(InputError) as e:
        make_problem("neuron", "pass-fail", "swish")
    assert "'swish'" in str(e.value) and "sigmoid" in str(e.value) and "leaky_relu" in str(e.value)
    with pytest.raises(InputError) as e:
        make_problem("neuron", "pass-fail", loss="hinge")
    assert "'hinge'" in str(e.value) and all(n in str(e.value) for n in ("sse", "mse", "bce"))
    with pytest.raises(InputError, match="linreg has no activation"):
        make_problem("linreg", "line", "tanh")


def test_csv_line_numbers_count_lines_not_rows(tmp_path):
    # a quoted field may span two lines; the error names the line the bad row starts on
    path = write(tmp_path, 'x,y\n"1\n",2\nfoo,3\n')
    with pytest.raises(InputError, match="line 4"):
        make_problem("linreg", path)


def test_data_of_an_unknown_kind_is_an_input_error():
    with pytest.raises(InputError, match="data must be"):
        make_problem("linreg", [[0.0, 1.0, 2.0], [1.0, 2.0, 3.0]])


def test_datasets_name_their_columns_for_the_axes(tmp_path):
    assert (load_dataset("pass-fail").x_label, load_dataset("pass-fail").y_label) == (
        "hours studied", "passed (1) or not (0)")
    assert (load_dataset("line").x_label, load_dataset("line").y_label) == ("x", "y")
    path = tmp_path / "mine.csv"
    path.write_text(" Y , X \n1,2\n", encoding="utf-8")  # a header as written, in any order
    data = load_dataset(path)
    assert (data.x_label, data.y_label) == ("X", "Y")
    assert data.X.tolist() == [[2.0]] and data.y.tolist() == [1.0]

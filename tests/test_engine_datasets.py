"""Datasets: the built-ins, arrays, and CSV import with its error messages (file and line named)."""

import csv
import io
import os
import signal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import gdsim
from gdsim import InputError
from gdsim.engine import BUILTIN_DATASETS, load_dataset, make_problem
from gdsim.engine.csv_file import MAX_BYTES, MAX_ROWS, MAX_VALUES
from gdsim.engine.run import DEFAULT_TOLERANCE

from tolerance import least_squares_error, reordering_bound


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
    # Converged: the computed |∇E| < the tolerance, and the exact one differs from it by the rounding of
    # its sums over the 3 samples. E = ½ Σ (wx + b − y)² has the Hessian AᵀA (A = [x 1]), so the point
    # is within |∇E|/λmin(AᵀA) of the minimum (2, 1).
    A, y = np.array([[0.0, 1.0], [1.0, 1.0], [2.0, 1.0]]), np.array([1.0, 3.0, 5.0])
    p = sim.params[-1, 0]
    rounding = np.linalg.norm(reordering_bound(3 + 2 + 1, np.abs(A).T @ (np.abs(A) @ np.abs(p) + y)))
    np.testing.assert_allclose(p, [2.0, 1.0], rtol=0,
                               atol=(DEFAULT_TOLERANCE + rounding) / np.linalg.eigvalsh(A.T @ A).min())


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
    A = np.column_stack([X, np.ones(3)])
    off = np.linalg.norm(np.subtract(problem.minima[0], [1.0, 1.0]))
    assert off <= least_squares_error(A, [1.0, 2.0, 3.0], [1.0, 1.0])


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


# --- hostile files: only regular files, within limits, quotes closed ------------------------------


@pytest.fixture
def watchdog():
    """Fail a test that blocks (a FIFO read that waits for a writer) instead of hanging the suite."""

    def expire(signum, frame):
        raise TimeoutError("the read did not return within 10 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_csv_devices_are_refused_without_reading(tmp_path, watchdog, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    assert_input_error(Path(device), "not a regular file")
    link = tmp_path / "data.csv"
    link.symlink_to(device)
    assert_input_error(link, "not a regular file")


def test_csv_fifo_without_a_writer_is_refused_at_once(tmp_path, watchdog):
    fifo = tmp_path / "data.csv"
    os.mkfifo(fifo)
    assert_input_error(fifo, "not a regular file")


def test_csv_larger_than_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:  # sparse: takes no disk space
        f.write(b"x,y\n")
        f.truncate(MAX_BYTES + 1)
    assert_input_error(path, "larger than 200 MB")


def test_csv_with_more_rows_than_the_limit_is_refused(tmp_path):
    path = tmp_path / "long.csv"
    path.write_bytes(b"x,y\n" + b"1,2\n" * (MAX_ROWS + 1))
    assert_input_error(path, "more than 1,000,000 rows")
    path.write_bytes(b"x,y\n" + b"1,2\n" * MAX_ROWS)  # the limit itself is allowed
    assert load_dataset(path).X.shape == (MAX_ROWS, 1)


def test_csv_with_mostly_blank_lines_is_refused_before_memory_grows(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_bytes(b"x,y\n1,2\n" + b"\n" * (4 * MAX_ROWS))
    assert_input_error(path, "lines")


def test_csv_with_more_values_than_the_limit_is_refused(tmp_path):
    header = ",".join(f"x{i}" for i in range(1, 21)) + ",y\n"
    rows = MAX_VALUES // 21 + 1
    path = tmp_path / "wide.csv"
    path.write_bytes(header.encode() + (b"0," * 20 + b"1\n") * rows)
    assert_input_error(path, "10,000,000 values")


def test_csv_with_more_inputs_than_the_limit_is_refused(tmp_path):
    header = ",".join(f"x{i}" for i in range(1, 102)) + ",y"
    path = write(tmp_path, header + "\n" + ",".join(["1"] * 102) + "\n")
    assert_input_error(path, "101 input columns", "at most 100")


@pytest.mark.parametrize(("text", "line"), [
    ('x,y\n1,"2\n', 2),  # a quote never closed
    ('x,y\n1,2\n3,"4\n5,6\n', 3),
    ('x,y\n"1"2,3\n', 2),  # text after the closing quote
    ('"x,y\n1,2\n', 1),
])
def test_csv_malformed_quoting_is_refused(tmp_path, text, line):
    path = write(tmp_path, text)
    assert_input_error(path, f"{path}, line {line}", "quote")


def test_csv_quoted_numbers_and_a_quoted_header_are_read(tmp_path):
    path = write(tmp_path, '"x","y"\n"1.5",2\n3,"4"\n')
    data = load_dataset(path)
    np.testing.assert_array_equal(data.X[:, 0], [1.5, 3.0])
    np.testing.assert_array_equal(data.y, [2.0, 4.0])


def test_csv_with_nul_bytes_is_not_a_text_file(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"x,y\n1,2\n3,\x004\n")
    assert_input_error(path, "line 3")


def test_csv_in_utf16_names_the_encoding(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("x,y\n1,2\n", encoding="utf-16")
    assert_input_error(path, "line 1", "UTF-8")


@pytest.mark.parametrize("source", ["", 12, b"line.csv", None, ["line"]])
def test_load_dataset_of_no_file_name_is_an_input_error(source):
    with pytest.raises(InputError):
        load_dataset(source)


# --- the fast reader reads what the csv module reads ---------------------------------------------


def reference(text: str) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """What a plain csv-module reader makes of a well-formed file: X, y and each row's line."""
    rows, starts, line = [], [], 1
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    for row in reader:
        if any(cell.strip() for cell in row):
            rows.append(row)
            starts.append(line)
        line = reader.line_num + 1
    header = [cell.strip().lower() for cell in rows[0]]
    xs = sorted((h for h in header if h != "y"), key=lambda h: int(h[1:] or 0))
    X = np.array([[float(row[header.index(h)]) for h in xs] for row in rows[1:]])
    y = np.array([float(row[header.index("y")]) for row in rows[1:]])
    return X, y, starts[1:]


number = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e30, max_value=1e30)


@settings(max_examples=150, deadline=None)
@given(values=st.lists(st.lists(number, min_size=3, max_size=3), min_size=1, max_size=12),
       spellings=st.lists(st.sampled_from(["repr", "g", "spaced", "e", "int", "quoted"]), min_size=1),
       blanks=st.lists(st.sampled_from(["", "  ", ",,", " , ,", "\t"]), max_size=4),
       newline=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans(), final_newline=st.booleans(),
       header=st.sampled_from(["x1,x2,y", "y,x2,x1", " X1 , x2,Y", '"x1","x2","y"']))
def test_csv_reader_agrees_with_the_csv_module(tmp_path_factory, values, spellings, blanks, newline, bom,
                                               final_newline, header):
    def spell(v, i):
        kind = spellings[i % len(spellings)]
        return {"repr": repr(v), "g": f"{v:g}", "spaced": f"  {v!r} ", "e": f"{v:.6e}",
                "int": str(int(v)) if abs(v) < 1e15 else repr(v), "quoted": f'"{v!r}"'}[kind]

    lines = [header]
    for n, row in enumerate(values):
        if blanks and n % 2 == 0:
            lines.append(blanks[n % len(blanks)])
        lines.append(",".join(spell(v, n * 3 + j) for j, v in enumerate(row)))
    text = ("\ufeff" if bom else "") + newline.join(lines) + (newline if final_newline else "")
    path = tmp_path_factory.mktemp("csv") / "data.csv"
    path.write_bytes(text.encode())
    X, y, starts = reference(text.replace("\r\n", "\n").replace("\r", "\n"))
    data = load_dataset(path)
    np.testing.assert_array_equal(data.X, X)
    np.testing.assert_array_equal(data.y, y)
    assert data.lines.tolist() == starts


# --- data too large for the model ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["linreg", "neuron"])
@pytest.mark.parametrize(("X", "y", "fragment"), [
    ([1e160, 2e160, 3e160], [1.0, 2.0, 3.0], "row 1: x = 1e+160"),
    ([1.0, 2.0, 3.0], [0.0, 0.0, -4e31], "row 3: y = -4e+31"),
    ([[1.0, 2.0], [3.0, 2e30]], [0.0, 1.0], "row 2: x2 = 2e+30"),
])
def test_data_too_large_for_the_model_is_refused(kind, X, y, fragment):
    with pytest.raises(InputError) as e:
        make_problem(kind, (X, y))
    assert fragment in str(e.value) and "1e+30" in str(e.value)


def test_csv_too_large_for_the_model_names_the_line(tmp_path):
    path = write(tmp_path, "x,y\n1,2\n1e160,3\n")
    assert_input_error(path, f"{path}, line 3: x = 1e+160", "too large")
    with pytest.raises(InputError, match="too large"):
        gdsim.simulate("linreg", "sgd", steps=3, data=str(path))


extreme = st.one_of(st.floats(min_value=-1e30, max_value=1e30, allow_nan=False),
                    st.sampled_from([1e30, -1e30, 1e-300, 5e-324, 0.0, 1e15, 1e15 + 2.0]))


@settings(max_examples=200, deadline=None)
@example(X=[[5e-324], [0.0]], y=[0.0, 1.0] * 4, kind="neuron", loss="sse")
@example(X=[[1e-300], [0.0]], y=[1e30, 0.0] * 4, kind="linreg", loss="mse")
@example(X=[[1e30], [-1e30]], y=[-1e30, 1e30] * 4, kind="neuron", loss="sse")
@given(X=st.lists(st.lists(extreme, min_size=1, max_size=2), min_size=1, max_size=8).filter(
           lambda rows: len({len(r) for r in rows}) == 1),
       y=st.lists(extreme, min_size=8, max_size=8), kind=st.sampled_from(["linreg", "neuron"]),
       loss=st.sampled_from(["sse", "mse"]))
def test_any_allowed_data_gives_a_finite_positive_default_lr_and_domain(X, y, kind, loss):
    # Warnings are errors here: a model on allowed data computes its defaults without any.
    problem = make_problem(kind, (X, y[:len(X)]), loss=loss)
    assert np.isfinite(problem.lr) and problem.lr > 0
    assert np.isfinite(problem.adaptive_lr) and problem.adaptive_lr > 0
    assert np.isfinite(np.array(problem.domain)).all()
    assert all(low < high for low, high in problem.domain)
    assert np.isfinite(np.array(problem.minima, dtype=float)).all()
    corners = np.array(np.meshgrid(*problem.domain)).reshape(problem.dim, -1).T
    problem.loss(corners)  # a landscape over the domain: no warning

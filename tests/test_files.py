"""gdsim.files.write_atomically: whole or nothing, never replacing what is not a regular file."""

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from gdsim.files import WriteRefused, temp_prefix, write_atomically

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def umask():
    """Set the process umask for one test, and put it back afterwards."""
    saved = os.umask(0o022)
    os.umask(saved)
    yield lambda mask: os.umask(mask)
    os.umask(saved)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- regular files -------------------------------------------------------------------------------


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o027, 0o640), (0o002, 0o664)])
def test_write_atomically_new_file_mode_follows_the_umask(tmp_path, umask, mask, mode):
    umask(mask)
    write_atomically(tmp_path / "new.csv", "a,b\n")
    assert stat.S_IMODE(os.stat(tmp_path / "new.csv").st_mode) == mode
    assert (tmp_path / "new.csv").read_text() == "a,b\n"


def test_write_atomically_existing_file_keeps_its_mode(tmp_path, umask):
    umask(0o022)
    path = tmp_path / "kept.csv"
    path.write_text("old")
    os.chmod(path, 0o604)
    write_atomically(path, "new")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o604
    assert path.read_text() == "new"


def test_write_atomically_takes_text_or_bytes(tmp_path):
    write_atomically(tmp_path / "t.txt", "η = 0.1\r\n")
    assert (tmp_path / "t.txt").read_bytes() == "η = 0.1\r\n".encode()
    write_atomically(str(tmp_path / "b.bin"), b"\x00\xff")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert listing(tmp_path) == ["b.bin", "t.txt"]


# --- symbolic links ------------------------------------------------------------------------------


def test_write_atomically_through_a_symlink_writes_its_target(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "data.csv"
    target.write_text("old")
    os.chmod(target, 0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(Path("real") / "data.csv")
    write_atomically(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "data.csv")
    assert target.read_text() == "new"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert listing(tmp_path / "real") == ["data.csv"]


def test_write_atomically_through_a_chain_of_symlinks_to_a_new_file(tmp_path):
    (tmp_path / "b").symlink_to(tmp_path / "target.csv")  # dangling: the target does not exist yet
    (tmp_path / "a").symlink_to(tmp_path / "b")
    write_atomically(tmp_path / "a", "x")
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()
    assert (tmp_path / "target.csv").read_text() == "x"


def test_write_atomically_symlink_loop_is_an_error_that_changes_nothing(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(OSError):
        write_atomically(tmp_path / "a", "x")
    assert listing(tmp_path) == ["a", "b"] and (tmp_path / "a").is_symlink()


def test_write_atomically_symlink_to_a_folder_is_refused(tmp_path):
    (tmp_path / "dir").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "dir")
    with pytest.raises(WriteRefused, match="folder"):
        write_atomically(tmp_path / "link", "x")
    assert (tmp_path / "link").is_symlink() and listing(tmp_path / "dir") == []


# --- devices, FIFOs and other things that are not files ------------------------------------------


def test_write_atomically_character_device_is_written_through_not_replaced(tmp_path):
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the same device as /dev/null
    except PermissionError:
        pytest.skip("making a device node needs root")
    write_atomically(null, "step,loss\n")
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert listing(tmp_path) == ["null"]


def test_write_atomically_fifo_with_a_reader_is_written_through(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomically(fifo, "step,loss\n0,4.0\n")
        assert os.read(reader, 1000) == b"step,loss\n0,4.0\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and listing(tmp_path) == ["pipe"]


def test_write_atomically_fifo_without_a_reader_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(WriteRefused, match="no program is reading"):
        write_atomically(fifo, "x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and listing(tmp_path) == ["pipe"]


def test_write_atomically_socket_is_refused(tmp_path):
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(WriteRefused, match="socket"):
            write_atomically(path, "x")
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()
    assert listing(tmp_path) == ["sock"]


def test_write_atomically_block_device_is_refused(tmp_path):
    disk = tmp_path / "disk"
    try:
        os.mknod(disk, stat.S_IFBLK | 0o600, os.makedev(7, 0))  # a loop device; never opened
    except PermissionError:
        pytest.skip("making a device node needs root")
    with pytest.raises(WriteRefused, match="block device"):
        write_atomically(disk, "x")
    assert stat.S_ISBLK(os.lstat(disk).st_mode) and listing(tmp_path) == ["disk"]


def test_write_atomically_folder_is_refused(tmp_path):
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(WriteRefused, match="is a folder"):
        write_atomically(tmp_path / "out.csv", "x")
    assert listing(tmp_path / "out.csv") == []


@pytest.mark.parametrize("tail", ["/", "/.", "//", "/.."])
def test_write_atomically_name_ending_in_a_slash_is_refused(tmp_path, tail):
    with pytest.raises(WriteRefused, match="file name"):
        write_atomically(str(tmp_path / "out.csv") + tail, "x")
    assert listing(tmp_path) == []


def test_write_atomically_empty_name_is_refused(tmp_path):
    with pytest.raises(WriteRefused, match="file name"):
        write_atomically("", "x")


def test_write_atomically_missing_folder_is_refused(tmp_path):
    with pytest.raises(WriteRefused, match="does not exist"):
        write_atomically(tmp_path / "no" / "out.csv", "x")
    (tmp_path / "file").write_text("")
    with pytest.raises(WriteRefused, match="not a folder"):
        write_atomically(tmp_path / "file" / "out.csv", "x")
    assert listing(tmp_path) == ["file"]


# --- temporary files -----------------------------------------------------------------------------


def dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                           text=True, check=True)
    return int(child.stdout)


def test_temp_files_are_named_after_the_target_and_gdsim(tmp_path):
    assert temp_prefix("out.csv") == ".out.csv.gdsim-"
    long_name = "a" * 250 + ".csv"
    prefix = temp_prefix(long_name)
    assert prefix.startswith(".") and prefix.endswith(".gdsim-") and len(prefix) < 60
    write_atomically(tmp_path / long_name, "x")  # a long name still leaves room for the temp file's
    assert listing(tmp_path) == [long_name]


def test_write_atomically_removes_stale_temp_files_of_that_path(tmp_path):
    pid = dead_pid()
    stale = [tmp_path / f".out.csv.gdsim-{pid}-{token}.tmp" for token in ("0a1b2c3d", "ffff0000")]
    for path in stale:
        path.write_bytes(b"half a file")
    kept = [
        tmp_path / f".out.csv.gdsim-{os.getpid()}-12345678.tmp",  # a write of a live process
        tmp_path / f".other.csv.gdsim-{pid}-0a1b2c3d.tmp",  # another target's
        tmp_path / ".out.csv.mine.tmp",  # not ours
        tmp_path / "notes.txt",
    ]
    for path in kept:
        path.write_text("keep")
    (tmp_path / f".out.csv.gdsim-{pid}-99999999.tmp").mkdir()  # not a file: left alone
    write_atomically(tmp_path / "out.csv", "new")
    assert not any(path.exists() for path in stale)
    assert all(path.read_text() == "keep" for path in kept)
    assert (tmp_path / "out.csv").read_text() == "new"
    assert (tmp_path / f".out.csv.gdsim-{pid}-99999999.tmp").is_dir()


KILLED_WRITER = r"""
import os, sys
import gdsim.files as files

def block(fd):  # the data is written, not yet in place: tell the parent, then wait to be killed
    print("writing", flush=True)
    sys.stdin.read()

files.os.fsync = block
files.write_atomically(sys.argv[1], "x" * 100_000)
"""


def test_a_write_killed_midway_leaves_a_temp_file_that_the_next_write_removes(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)], env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "writing\n"
        child.kill()
    finally:
        child.wait(timeout=60)
        child.stdin.close()
        child.stdout.close()
    left = [name for name in listing(tmp_path) if name != "out.csv"]
    assert len(left) == 1 and left[0].startswith(".out.csv.gdsim-") and left[0].endswith(".tmp")
    assert target.read_text() == "old"  # the killed write changed nothing
    write_atomically(target, "new")
    assert listing(tmp_path) == ["out.csv"] and target.read_text() == "new"

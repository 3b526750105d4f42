"""Writing a file whole or not at all: the command line's CSV, the window's lesson files, exports.

``write_atomically(path, content)`` never replaces anything but a regular file:

- a regular file, new or existing, is written to a temporary file beside it and renamed into place,
  so a failure leaves the old contents. An existing file keeps its mode (and owner, where allowed);
  a new one gets 0666 less the umask, as any program's new file does.
- a symbolic link is followed: its final target is written that way, and the link stays a link.
- a character device (such as /dev/null) or a FIFO is written directly; a FIFO only while a program
  reads it, so a write never waits for a reader that may never come.
- anything else is refused with ``WriteRefused``, and nothing changes: a folder, a socket, a block
  device (a disk), a name ending in '/', a folder that does not exist.

``replacing(path)`` is the same for a file written by another library (an image, an animation, a
video): it yields the name of the temporary file to write, and replaces ``path`` with it when the block
ends. Exports use it, or ``write_atomically(..., only_regular=True)``: they replace regular files only
and refuse a device or FIFO too.

The temporary file is named ``.NAME.gdsim-PID-RANDOM.tmp`` (PID: the writing process). A write that
is killed before it renames its temporary file leaves it behind; the next write to the same path
removes every such file whose process is gone.
"""

import errno
import hashlib
import os
import re
import secrets
import stat
from contextlib import contextmanager

from .engine.errors import QT_TRANSLATE_NOOP

try:
    import fcntl
except ImportError:  # not a POSIX system: temporary files are then told apart by their process only
    fcntl = None

_NOFOLLOW, _CLOEXEC = getattr(os, "O_NOFOLLOW", 0), getattr(os, "O_CLOEXEC", 0)
_NONBLOCK, _NOCTTY = getattr(os, "O_NONBLOCK", 0), getattr(os, "O_NOCTTY", 0)

_NOT_A_FILE_NAME = QT_TRANSLATE_NOOP(
    "errors", "the name ends in '/' or names a folder; give a file name")
_NO_FOLDER = QT_TRANSLATE_NOOP("errors", "the folder {folder} does not exist")
_NOT_A_FOLDER = QT_TRANSLATE_NOOP("errors", "{folder} is not a folder")
_A_FOLDER = QT_TRANSLATE_NOOP("errors", "it is a folder; give a file name")
_NO_READER = QT_TRANSLATE_NOOP("errors", "it is a FIFO and no program is reading from it")
_SPECIAL = QT_TRANSLATE_NOOP(
    "errors", "it is a {kind}; gdsim writes only to files, FIFOs and devices such as /dev/null")
_KINDS = {
    stat.S_IFBLK: QT_TRANSLATE_NOOP("errors", "block device (a disk)"),
    stat.S_IFSOCK: QT_TRANSLATE_NOOP("errors", "socket"),
}
_OTHER_KIND = QT_TRANSLATE_NOOP("errors", "special file")
_NOT_REGULAR = QT_TRANSLATE_NOOP(
    "errors", "it is not a regular file (it is a {kind}); an export replaces only regular files")
_ANY_KIND = {
    stat.S_IFCHR: QT_TRANSLATE_NOOP("errors", "device"),
    stat.S_IFIFO: QT_TRANSLATE_NOOP("errors", "FIFO"),
}


class WriteRefused(OSError):
    """A path gdsim will not write to, and why; nothing was changed. Like an engine InputError, the
    reason is a template with values (see engine/errors.py), so the window can translate it."""

    def __init__(self, template: str, **values):
        self.template, self.values = template, values
        super().__init__(errno.EINVAL, template.format(**values))

    def __str__(self) -> str:
        return self.strerror


def write_atomically(path: str | os.PathLike, content, only_regular: bool = False) -> None:
    """Write ``content`` (text as UTF-8, line endings as given; bytes; or an iterable of such pieces,
    written as they come, so that a long output is never held whole) to ``path``, as described above.
    Raises ``WriteRefused`` for a path it will not write, or another OSError (no permission, disk full)
    with nothing changed; an exception raised by the iterable also leaves a regular file unchanged."""
    data = [content] if isinstance(content, (str, bytes, bytearray, memoryview)) else content
    target, st = _looked_at(path, only_regular)
    if st is None or stat.S_ISREG(st.st_mode):
        with _replacing(target, st) as tmp:
            fd = os.open(tmp, os.O_WRONLY | _NOFOLLOW | _CLOEXEC)
            try:
                _write_all(fd, data)
            finally:
                os.close(fd)
    else:
        _write_through(target, data)


@contextmanager
def replacing(path: str | os.PathLike):
    """Yields the name of a new, empty temporary file beside ``path`` for the block to write (by name:
    another library may open it); when the block ends, that file replaces ``path`` (an existing file's
    mode kept). If the block raises, the temporary file is removed and nothing changes. Only a regular
    file is replaced (as ``only_regular=True``)."""
    target, st = _looked_at(path, only_regular=True)
    with _replacing(target, st) as tmp:
        yield tmp


def check_writable(path: str | os.PathLike) -> None:
    """Raises WriteRefused if an export could not replace ``path`` (see ``replacing``); writes nothing."""
    _looked_at(path, only_regular=True)


def _looked_at(path, only_regular: bool) -> tuple[str, os.stat_result | None]:
    """The file to write and what is there now (None: nothing); raises WriteRefused for what must not
    be replaced."""
    target = _target(os.fsdecode(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise WriteRefused(_NOT_A_FOLDER, folder=_existing_non_folder(target)) from None
    if st is None:
        _check_folder(os.path.dirname(target))
    elif stat.S_ISDIR(st.st_mode):
        raise WriteRefused(_A_FOLDER)
    elif stat.S_ISREG(st.st_mode):
        pass
    elif only_regular:
        kind = stat.S_IFMT(st.st_mode)
        raise WriteRefused(_NOT_REGULAR, kind=_ANY_KIND.get(kind) or _KINDS.get(kind, _OTHER_KIND))
    elif not (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        raise WriteRefused(_SPECIAL, kind=_KINDS.get(stat.S_IFMT(st.st_mode), _OTHER_KIND))
    return target, st


def temp_prefix(name: str) -> str:
    """The start of the names of our temporary files for a file called ``name``."""
    prefix = f".{name}.gdsim-"
    if len(os.fsencode(prefix)) > 200:  # leave room for PID-RANDOM.tmp within a 255-byte name
        prefix = f".{hashlib.sha256(os.fsencode(name)).hexdigest()[:16]}.gdsim-"
    return prefix


def _target(raw: str) -> str:
    """The file to write: ``raw`` with its symbolic links resolved. A name that cannot be a file
    (empty, ending in '/', '.' or '..') is refused before anything is looked at."""
    separators = (os.sep, os.altsep) if os.altsep else (os.sep,)
    if not raw or raw.endswith(separators) or os.path.basename(raw) in (".", ".."):
        raise WriteRefused(_NOT_A_FILE_NAME)
    return os.path.realpath(raw)


def _existing_non_folder(path: str) -> str:
    """The first ancestor of ``path`` that exists but is not a folder."""
    parts = []
    while path and path != os.path.dirname(path):
        parts.append(path)
        path = os.path.dirname(path)
    for candidate in reversed(parts):
        if os.path.exists(candidate) and not os.path.isdir(candidate):
            return candidate
    return os.path.dirname(parts[0]) if parts else path


def _check_folder(folder: str) -> None:
    if not os.path.exists(folder):
        raise WriteRefused(_NO_FOLDER, folder=folder)
    if not os.path.isdir(folder):
        raise WriteRefused(_NOT_A_FOLDER, folder=folder)


@contextmanager
def _replacing(target: str, existing: os.stat_result | None):
    """A temporary file beside ``target``, locked while the block writes it, then renamed into place."""
    folder, name = os.path.split(target)
    prefix = temp_prefix(name)
    _remove_stale(folder, prefix)
    tmp = os.path.join(folder, f"{prefix}{os.getpid()}-{secrets.token_hex(4)}.tmp")
    # 0o666: the kernel takes the umask off, so a new file gets the mode any program's would.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o666)
    try:
        try:
            _lock(fd)  # marks it as in use (see _remove_stale)
            yield tmp
            if existing is not None:
                _keep_owner_and_mode(fd, existing)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(folder)


def _keep_owner_and_mode(fd: int, existing: os.stat_result) -> None:
    if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(fd, existing.st_uid, existing.st_gid)
        except PermissionError:
            pass  # only root may give a file away; the file then becomes the writer's
    os.fchmod(fd, stat.S_IMODE(existing.st_mode))


def _write_through(target: str, data) -> None:
    """A device or FIFO: written in place. A FIFO is opened without waiting, so a FIFO nobody reads
    is refused at once instead of hanging."""
    try:
        fd = os.open(target, os.O_WRONLY | _NONBLOCK | _NOCTTY | _CLOEXEC)
    except OSError as e:
        if e.errno == errno.ENXIO and stat.S_ISFIFO(os.stat(target).st_mode):
            raise WriteRefused(_NO_READER) from None
        raise
    try:
        os.set_blocking(fd, True)
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_all(fd: int, pieces) -> None:
    for piece in pieces:
        view = memoryview(piece.encode("utf-8") if isinstance(piece, str) else piece)
        while view:
            view = view[os.write(fd, view):]


def _remove_stale(folder: str, prefix: str) -> None:
    """Remove temporary files of earlier writes to this path whose writer is gone: its process no
    longer runs and nobody holds the file's lock. Anything else is left alone."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)-[0-9a-f]+\.tmp\Z")
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or not entry.is_file(follow_symlinks=False) or _running(int(match.group(1))):
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
        except OSError:
            continue
        try:
            _lock(fd)
            os.unlink(entry.path)
        except OSError:
            pass
        finally:
            os.close(fd)


def _lock(fd: int) -> None:
    """Take the file's lock, or raise OSError if another open file holds it."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or a number we cannot ask about: leave its file
    return True


def _sync_folder(folder: str) -> None:
    """Make the rename durable (best effort: not every system lets a folder be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

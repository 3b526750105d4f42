"""Writing a file whole or not at all, for the command line's CSV and the window's lesson files."""

import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, line endings as given) to a temporary file beside ``path`` and move it
    into place, so a failure never leaves a half-written file: an existing file keeps its contents
    and its permissions. Raises OSError, with nothing changed."""
    folder = path.parent
    mode = stat.S_IMODE(os.stat(path).st_mode) if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)  # mkstemp makes it private (0600)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise

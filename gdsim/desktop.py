"""``gdsim install-desktop`` / ``uninstall-desktop``: gdsim in the desktop's application menu, with its
icon, and lesson files (``*.gdsim.toml``, MIME type application/x-gdsim-lesson) opening in it.

Everything goes under the user's data folder ($XDG_DATA_HOME, by default ~/.local/share), as the
freedesktop.org specifications say: applications/gdsim.desktop, icons/hicolor/SIZE/apps/gdsim.png
(and scalable/apps/gdsim.svg), mime/packages/gdsim.xml. Each file is written whole or not at all
(gdsim.files); afterwards the desktop's caches are refreshed where their tools are installed. No Qt.
"""

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from .engine import InputError
from .files import write_atomically
from .paths import resource

APP_ID = "gdsim"
MIME_TYPE = "application/x-gdsim-lesson"
LESSON_GLOB = "*.gdsim.toml"

MIME_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>gdsim lesson</comment>
    <comment xml:lang="zh_CN">gdsim 课程</comment>
    <sub-class-of type="application/toml"/>
    <generic-icon name="{APP_ID}"/>
    <glob pattern="{LESSON_GLOB}" weight="60"/>
  </mime-type>
</mime-info>
"""


def data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "")
    # The specification: a relative path is invalid and is ignored.
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def command() -> list[str]:
    """How the desktop starts this gdsim: the gdsim script beside this Python, or ``python -m gdsim``."""
    script = Path(sys.executable).parent / "gdsim"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "gdsim"]


def desktop_entry(exec_command: list[str]) -> str:
    # Exec's quoting rules: an argument with a reserved character is put in double quotes, inside
    # which ", `, $ and \ are escaped with a backslash; a literal % is written %%.
    def quoted(arg: str) -> str:
        arg = arg.replace("%", "%%")
        if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
            return arg
        return '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'

    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.5",
        "Name=gdsim",
        "GenericName=Gradient descent simulator",
        "GenericName[zh_CN]=梯度下降模拟器",
        "Comment=Watch gradient descent work",
        "Comment[zh_CN]=看梯度下降如何工作",
        f"Exec={' '.join(quoted(a) for a in exec_command)} %f",
        f"TryExec={quoted(exec_command[0])}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Education;Science;Math;",
        "Keywords=gradient;descent;optimizer;learning rate;machine learning;",
        f"MimeType={MIME_TYPE};",
        "StartupWMClass=gdsim",
        "",
    ])


def installed_files(home: Path | None = None) -> dict[Path, bytes]:
    """What install-desktop writes: {path: contents}."""
    home = data_home() if home is None else home
    files = {
        home / "applications" / f"{APP_ID}.desktop": desktop_entry(command()).encode("utf-8"),
        home / "mime" / "packages" / f"{APP_ID}.xml": MIME_XML.encode("utf-8"),
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg":
            resource("icons", "gdsim.svg").read_bytes(),
    }
    for png in sorted(resource("icons").glob("gdsim-*.png")):
        size = png.stem.removeprefix("gdsim-")
        files[home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = png.read_bytes()
    return files


def install(home: Path | None = None, refresh: bool = True) -> list[Path]:
    """Write the files (their folders made as needed); returns them. Raises InputError naming a file
    that cannot be written; the ones written before it stay (uninstall removes them)."""
    written = []
    for path, content in installed_files(home).items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, content)
        except OSError as e:
            raise InputError(f"cannot write {path}: {e.strerror or e}") from None
        written.append(path)
    if refresh:
        _refresh(data_home() if home is None else home)
    return written


def uninstall(home: Path | None = None, refresh: bool = True) -> list[Path]:
    """Remove what install wrote (regular files only); returns what was removed."""
    removed = []
    for path in installed_files(home):
        if path.is_file() and not path.is_symlink():
            try:
                path.unlink()
            except OSError as e:
                raise InputError(f"cannot remove {path}: {e.strerror or e}") from None
            removed.append(path)
    if refresh:
        _refresh(data_home() if home is None else home)
    return removed


def _refresh(home: Path) -> None:
    """The desktop's caches of MIME types, applications and icons, where their tools are installed."""
    for tool, folder in (("update-mime-database", home / "mime"),
                         ("update-desktop-database", home / "applications"),
                         ("gtk-update-icon-cache", home / "icons" / "hicolor")):
        path = shutil.which(tool)
        if path and folder.is_dir():
            args = [path, "-f", "-t", str(folder)] if tool == "gtk-update-icon-cache" else [path, str(folder)]
            subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                           timeout=60)


def describe(paths: list[Path], verb: str) -> str:
    return "".join(f"{verb} {shlex.quote(str(p))}\n" for p in paths)

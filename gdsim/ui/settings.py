"""What the window remembers between runs (QSettings): geometry, theme, scale, language, last setup.

Every stored value is checked as it is read: one of the wrong type or out of range gives its default
and is named once in ``damaged``, which the window shows in its status bar as it starts. The last
setup is checked value by value in the model (``gdsim.model.remembered``).

Qt reads a settings file whole as soon as it opens it, waits for ever on a FIFO, and aborts the
process on some values it cannot load (an @Variant list of 2³¹ entries). So the file is looked at
first: one that is not a regular file of UTF-8 text of at most 1 MB, or that holds a NUL byte or an
@Variant (gdsim never writes one), is not opened at all. The window then starts with the defaults and, when
it closes, keeps that file beside a new one. Tests point QSettings at a temporary folder.
"""

import json
import math
import os
import stat
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

from ..engine import InputError
from ..engine.csv_file import file_kind
from ..engine.errors import QT_TRANSLATE_NOOP, shown
from ..model.build import Built, build
from ..model.remembered import not_restored, rememberable, setup_from_json, unusable
from ..model.setup import Setup, setup_to_dict
from .i18n import LANGUAGES
from .style import SCALES, THEMES

DEFAULTS = {"theme": "dark", "scale": 1.0, "language": ""}
MAX_FILE_BYTES = 2**20  # gdsim writes a few kilobytes

_UNSAFE_REPLACED = QT_TRANSLATE_NOOP(
    "errors", "Settings: the settings file {path} cannot be read safely: {reason}; gdsim starts with its "
              "defaults and, when it closes, keeps that file as {backup} and writes a new one")
_UNSAFE_KEPT = QT_TRANSLATE_NOOP(
    "errors", "Settings: the settings file {path} cannot be read safely: {reason}; gdsim starts with its "
              "defaults and remembers nothing until that is removed")
_CANNOT_READ = QT_TRANSLATE_NOOP("errors", "it cannot be read: {reason}")
_PROBE = ("gdsim-settings-probe", "probe")  # an organisation and application with no settings file


class Settings:
    def __init__(self, path=None):
        """``path``: the settings file to use; by default the application's own (as QSettings() finds it)."""
        self.damaged: list[InputError] = []  # what could not be used, each named once
        self._named: set[str] = set()
        self._file = Path(path) if path is not None else _application_file()
        self._backup: Path | None = None  # where an unsafe regular file goes when settings are written
        reason = None if self._file is None else _unsafe(self._file)
        if reason is None:
            self._q = QSettings() if self._file is None else _opened(self._file)
            return
        self._q = _Unsaved()
        if _replaceable(self._file):
            self._backup = self._file.with_name(self._file.name + ".damaged")
            self._name("file", InputError(_UNSAFE_REPLACED, path=self._file, reason=reason,
                                          backup=self._backup))
        else:
            self._name("file", InputError(_UNSAFE_KEPT, path=self._file, reason=reason))

    def _name(self, key: str, message: InputError) -> None:
        if key not in self._named:
            self._named.add(key)
            self.damaged.append(message)

    def _stored(self, key: str, check, default, shown_default=None):
        """The stored value as ``check`` accepts it (it raises InputError otherwise), else ``default``."""
        value = self._q.value(key)
        if value is None:
            if self._q.contains(key):  # @Invalid() and the like: there, but no value
                self._name(key, unusable(key, QT_TRANSLATE_NOOP("errors", "it holds no value"),
                                         default if shown_default is None else shown_default))
            return default
        try:
            return check(value)
        except InputError as e:
            self._name(key, unusable(key, e, default if shown_default is None else shown_default))
            return default

    @property
    def theme(self) -> str:
        return self._stored("theme", _theme, DEFAULTS["theme"])

    @theme.setter
    def theme(self, name: str) -> None:
        self._q.setValue("theme", name)

    @property
    def scale(self) -> float:
        return self._stored("scale", _scale, DEFAULTS["scale"])

    @scale.setter
    def scale(self, value: float) -> None:
        self._q.setValue("scale", float(value))

    @property
    def language(self) -> str:
        """'' follows the system's language; so does a stored value that is not a language gdsim
        ships (a damaged file, or an older version's bug that stored `true`), which is dropped and
        named."""
        code = self._q.value("language", DEFAULTS["language"])
        if isinstance(code, str) and (code == "" or code in LANGUAGES):
            return code
        self._name("language", unusable("language", InputError(QT_TRANSLATE_NOOP(
            "errors", "{value} is not a language gdsim ships; choose one of: {valid}"), value=shown(code),
            valid=", ".join(LANGUAGES)), QT_TRANSLATE_NOOP("errors", "the system's language")))
        self._q.remove("language")
        return DEFAULTS["language"]

    @language.setter
    def language(self, code: str) -> None:
        if code != "" and code not in LANGUAGES:
            raise ValueError(f"not a language gdsim ships: {code!r}")
        self._q.setValue("language", code)

    def geometry(self) -> tuple[QByteArray | None, QByteArray | None]:
        layout = QT_TRANSLATE_NOOP("errors", "the default layout")
        return (self._stored("geometry", _layout, None, layout),
                self._stored("window_state", _layout, None, layout))

    def set_geometry(self, geometry: QByteArray, state: QByteArray) -> None:
        self._q.setValue("geometry", geometry)
        self._q.setValue("window_state", state)

    def remembered_setup(self) -> Setup | None:
        """The last setup as stored, each value checked (not built yet), or None for none or the
        default one; what cannot be used of it is named in ``damaged``."""
        text = self._q.value("setup")
        if text is None:
            return None
        setup, complaints = setup_from_json(text)
        for i, complaint in enumerate(complaints):
            self._name(f"setup {i}", complaint)
        return None if setup == Setup() else setup

    def last_setup(self) -> Built | None:
        """The last setup, built, if there is one the engine still accepts; what cannot be used of it
        is named in ``damaged``."""
        setup = self.remembered_setup()
        return None if setup is None else self.built(setup)

    def built(self, setup: Setup) -> Built | None:
        """A remembered setup built, or None (and named in ``damaged``) if the engine refuses it now."""
        try:
            return build(setup)
        except (InputError, OSError) as e:  # a data file since moved, say: start afresh
            self._name("setup", not_restored(e))
            return None

    def set_setup(self, setup: Setup) -> None:
        self._q.setValue("setup", json.dumps(setup_to_dict(rememberable(setup))))

    def sync(self) -> None:
        """Write the settings. An unsafe file left unread is kept as its backup and a new one written."""
        if not isinstance(self._q, _Unsaved):
            self._q.sync()
            return
        if self._backup is None:
            return
        try:
            os.replace(self._file, self._backup)
        except OSError:
            return  # it cannot be moved aside: it stays as it is, and nothing is remembered
        written = _opened(self._file)
        for key, value in self._q.values.items():
            written.setValue(key, value)
        written.sync()


class _Unsaved:
    """Settings kept in memory only, in place of a file Qt must not read."""

    def __init__(self):
        self.values = {}

    def value(self, key: str, default=None):
        return self.values.get(key, default)

    def contains(self, key: str) -> bool:
        return key in self.values

    def remove(self, key: str) -> None:
        self.values.pop(key, None)

    def setValue(self, key: str, value) -> None:  # noqa: N802 (QSettings' name)
        self.values[key] = value


def _opened(path: Path) -> QSettings:
    """The settings in the file at ``path`` alone (no system-wide files read besides)."""
    return QSettings(str(path), QSettings.Format.IniFormat)


def _application_file() -> Path | None:
    """The file QSettings() reads, found without opening it; None where settings are not a file (the
    registry on Windows, a property list on macOS)."""
    fmt = QSettings.defaultFormat()
    if fmt == QSettings.Format.NativeFormat and sys.platform in ("win32", "darwin"):
        return None
    probe = Path(QSettings(fmt, QSettings.Scope.UserScope, *_PROBE).fileName())  # no such file to read
    folder = probe.parent.parent
    app, organisation = QCoreApplication.applicationName(), QCoreApplication.organizationName()
    return folder / organisation / (app + probe.suffix) if organisation else folder / (app + probe.suffix)


def _unsafe(path: Path):
    """Why Qt must not open the settings file at ``path`` (a marked phrase or message), or None."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        return InputError(_CANNOT_READ, reason=getattr(e, "strerror", None) or str(e))
    if stat.S_ISDIR(info.st_mode):
        return QT_TRANSLATE_NOOP("errors", "it is a folder")
    if not stat.S_ISREG(info.st_mode):
        return InputError(QT_TRANSLATE_NOOP("errors", "it is not a regular file (it is a {kind})"),
                          kind=file_kind(info.st_mode))
    too_big = InputError(QT_TRANSLATE_NOOP("errors", "it is larger than {limit} MB"),
                         limit=MAX_FILE_BYTES >> 20)
    if info.st_size > MAX_FILE_BYTES:
        return too_big
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            raw = os.read(fd, MAX_FILE_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as e:
        return InputError(_CANNOT_READ, reason=e.strerror or str(e))
    if len(raw) > MAX_FILE_BYTES:  # it grew
        return too_big
    if b"\0" in raw:
        return QT_TRANSLATE_NOOP("errors", "it holds binary data (a NUL byte)")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return QT_TRANSLATE_NOOP("errors", "it is not UTF-8 text")
    if b"@Variant(" in raw:
        return QT_TRANSLATE_NOOP("errors", "it holds a value gdsim never writes (@Variant)")
    return None


def _replaceable(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _theme(value) -> str:
    if isinstance(value, str) and value in THEMES:
        return value
    raise InputError(QT_TRANSLATE_NOOP("errors", "{value} is not a theme; choose one of: {valid}"),
                     value=shown(value), valid=", ".join(THEMES))


def _scale(value) -> float:
    scale = math.nan
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        try:
            scale = float(value)
        except ValueError:
            pass
    if not SCALES[0] <= scale <= SCALES[-1]:  # NaN too
        raise InputError(QT_TRANSLATE_NOOP("errors", "the scale must be a number from {low:g} to {high:g}, "
                                                     "got {value}"),
                         low=SCALES[0], high=SCALES[-1], value=shown(value))
    return scale


def _layout(value) -> QByteArray:
    if isinstance(value, QByteArray):
        return value
    raise InputError(QT_TRANSLATE_NOOP("errors", "it is not a window layout saved by gdsim, got {value}"),
                     value=shown(value))

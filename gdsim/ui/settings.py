"""What the window remembers between runs (QSettings): geometry, theme, scale, language, last setup.

Values are read with their type and a default, so a damaged or foreign settings file gives the
defaults rather than an error. Tests point QSettings at a temporary folder.
"""

import json

from PySide6.QtCore import QByteArray, QSettings

from ..engine import InputError
from ..model.build import Built, build
from ..model.setup import Setup, setup_from_dict, setup_to_dict
from .i18n import LANGUAGES

DEFAULTS = {"theme": "dark", "scale": 1.0, "language": ""}


class Settings:
    def __init__(self):
        self._q = QSettings()

    def _get(self, key: str, default, kind):
        value = self._q.value(key, default)
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default

    @property
    def theme(self) -> str:
        return self._get("theme", DEFAULTS["theme"], str)

    @theme.setter
    def theme(self, name: str) -> None:
        self._q.setValue("theme", name)

    @property
    def scale(self) -> float:
        return self._get("scale", DEFAULTS["scale"], float)

    @scale.setter
    def scale(self, value: float) -> None:
        self._q.setValue("scale", float(value))

    @property
    def language(self) -> str:
        """'' follows the system's language; so does a stored value that is not a language gdsim
        ships (a damaged file, or an older version's bug that stored `true`), which is dropped."""
        code = self._q.value("language", DEFAULTS["language"])
        if isinstance(code, str) and (code == "" or code in LANGUAGES):
            return code
        self._q.remove("language")
        return DEFAULTS["language"]

    @language.setter
    def language(self, code: str) -> None:
        if code != "" and code not in LANGUAGES:
            raise ValueError(f"not a language gdsim ships: {code!r}")
        self._q.setValue("language", code)

    def geometry(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry, state = self._q.value("geometry"), self._q.value("window_state")
        return (geometry if isinstance(geometry, QByteArray) else None,
                state if isinstance(state, QByteArray) else None)

    def set_geometry(self, geometry: QByteArray, state: QByteArray) -> None:
        self._q.setValue("geometry", geometry)
        self._q.setValue("window_state", state)

    def last_setup(self) -> Built | None:
        """The last setup, built, if there is one the engine still accepts."""
        text = self._get("setup", "", str)
        if not text:
            return None
        try:
            return build(setup_from_dict(json.loads(text)))
        except (ValueError, TypeError, KeyError, InputError, OSError):
            return None  # an older version's, or a data file since moved: start afresh

    def set_setup(self, setup: Setup) -> None:
        self._q.setValue("setup", json.dumps(setup_to_dict(setup)))

    def sync(self) -> None:
        self._q.sync()


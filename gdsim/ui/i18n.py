"""Languages: Qt's translators for Qt's own texts and for gdsim's, switched at run time.

Strings outside QObject methods go through ``tr`` below, in lupdate's empty context (pyside6-lupdate
files a bare ``tr("…")`` there); QObject subclasses use ``self.tr`` and their class name. The
translations live in resources/i18n as gdsim_<language>.ts (made with pyside6-lupdate, edited) and
.qm (made with pyside6-lrelease), and are packed into the wheel with the other resources.
"""

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..engine import ACTIVATIONS, OPTIMIZERS, PROBLEM_NAMES
from ..paths import resource
from . import names

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}  # each named in its own language


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def resolve(language: str) -> str:
    """A language gdsim ships: the one asked for, or for '' the system's, or English."""
    if language in LANGUAGES:
        return language
    system = QLocale.system().name()  # e.g. 'zh_CN', 'en_GB'
    if system in LANGUAGES:
        return system
    return "zh_CN" if system.startswith("zh") else "en"


def translate_error(error, titles: bool = True) -> str:
    """An engine error or a LessonError in the current language: its template translated, then its
    values filled in. A value that is itself a marked phrase, such as "the tolerance", is translated
    too, and so is a value that is itself a template with values, such as the problem inside a
    LessonError or the engine error inside that problem.

    With ``titles`` a problem, optimizer or activation that the engine names by its name ('parabola')
    is named by the title the window shows (Parabola); a lesson file's errors keep the names the file
    uses (``titles=False``)."""
    template = getattr(error, "template", None)
    if not template:
        return str(error)
    values = {key: _translated(key, value, titles) for key, value in error.values.items()}
    text = QCoreApplication.translate("errors", template)
    return text.format(**values) if values else text


def _translated(key: str, value, titles: bool):
    if titles and key in _TITLES and isinstance(value, str) and value in _TITLES[key][0]:
        return _TITLES[key][1](value)
    if isinstance(value, str):
        return QCoreApplication.translate("errors", value)
    if getattr(value, "template", None):
        return translate_error(value, titles)
    return value


# The values that hold a name of the engine: (the names, their titles in the window).
_TITLES = {
    "problem": (PROBLEM_NAMES, names.problem_title),
    "optimizer": (OPTIMIZERS, names.optimizer_title),
    "activation": (ACTIVATIONS, names.activation_title),
}


class Translations:
    """Installs the translators of one language at a time; Qt then tells every widget (LanguageChange).

    The translators are the application's, so they are kept for the class, not for one window."""

    _installed: list[QTranslator] = []
    current = "en"  # the language installed last, by any instance

    def __init__(self):
        self.language = "en"

    def install(self, language: str) -> str:
        app = QCoreApplication.instance()
        for translator in Translations._installed:
            app.removeTranslator(translator)
        Translations._installed = []
        self.language = Translations.current = resolve(language)
        if self.language != "en":
            for folder, name in ((QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase"),
                                 (str(resource("i18n")), "gdsim")):
                translator = QTranslator(app)
                if translator.load(f"{name}_{self.language}", folder):
                    app.installTranslator(translator)
                    Translations._installed.append(translator)
        return self.language

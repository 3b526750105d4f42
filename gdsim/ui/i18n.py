"""Languages: Qt's translators for Qt's own texts and for gdsim's, switched at run time.

Strings outside QObject methods go through ``tr`` below, in lupdate's empty context (pyside6-lupdate
files a bare ``tr("…")`` there); QObject subclasses use ``self.tr`` and their class name. The
translations live in resources/i18n as gdsim_<language>.ts (made with pyside6-lupdate, edited) and
.qm (made with pyside6-lrelease), and are packed into the wheel with the other resources.
"""

import re

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication

from ..engine import ACTIVATIONS, OPTIMIZERS, PROBLEM_NAMES
from ..paths import resource
from . import names

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}  # each named in its own language


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


# Chinese characters and full-width punctuation: no space goes between two of them.
_CJK = "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
_SPACE_BETWEEN_CJK = re.compile(f"(?<={_CJK}) +(?={_CJK})")
# A mnemonic as Chinese menus write it, "导入数据(&I)…", or inside the text, "&Import data…".
_MNEMONIC = re.compile(r"\s*\(&[^&)]\)|&(?=[^&])")


def tidy(text: str) -> str:
    """A translated text with its values filled in, without the spaces a template keeps around a
    value ("{0} 的下一步", right for "Adam 的下一步") where the value is Chinese ("梯度下降的下一步")."""
    return _SPACE_BETWEEN_CJK.sub("", text)


def without_mnemonic(text: str) -> str:
    """A menu entry's text as a sentence: "导入数据(&I)…" → "导入数据…", "&Import data…" → "Import
    data…", and "&&" → "&"."""
    return _MNEMONIC.sub("", text).replace("&&", "&")


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
    return tidy(text.format(**values)) if values else text


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
        # Dropped here, they are deleted: made with the application as their parent, every switch of
        # language kept two more alive (a thousand random actions: 72 translators, ~15 MB).
        Translations._installed = []
        self.language = Translations.current = resolve(language)
        if self.language != "en":
            for folder, name in ((QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase"),
                                 (str(resource("i18n")), "gdsim")):
                translator = QTranslator()  # no parent: ``_installed`` alone keeps it
                if translator.load(f"{name}_{self.language}", folder):
                    app.installTranslator(translator)
                    Translations._installed.append(translator)
        use_simplified_chinese_glyphs(self.language == "zh_CN")
        return self.language


# Fonts that draw Han characters and full-width punctuation the Simplified Chinese way. Left to itself,
# Qt may draw Chinese on a system that is not in Chinese with a Japanese font (Noto Sans CJK JP): other
# shapes for some characters, and "：" and "，" centred in their box.
_SIMPLIFIED = re.compile(r"\b(SC|CN|GB|Hans)\b|YaHei|WenQuanYi|SimSun|SimHei|DengXian")
_font_before: list[QFont] = []  # the application's font before Chinese, while Chinese is on


def use_simplified_chinese_glyphs(on: bool) -> None:
    """In Chinese the application's font keeps its own family for Latin letters and formulas, followed
    by the first Simplified Chinese font installed for Chinese; in English it is what it was."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    if _font_before:
        app.setFont(_font_before.pop())
    chinese = [family for family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
               if _SIMPLIFIED.search(family) and not QFontDatabase.isFixedPitch(family)]
    if on and chinese:
        _font_before.append(app.font())
        font = QFont(app.font())
        font.setFamilies([QFontInfo(font).family(), chinese[0]])
        app.setFont(font)

"""Languages: every string of the window is translated into Simplified Chinese, and the language can
be switched while the window is open."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gdsim.paths import resource

TS = resource("i18n", "gdsim_zh_CN.ts")


def messages(path: Path):
    for context in ET.parse(path).getroot().iter("context"):
        name = context.find("name").text or ""
        for message in context.iter("message"):
            yield name, message.find("source").text, message.find("translation")


def test_the_chinese_translation_has_no_unfinished_entry():
    entries = list(messages(TS))
    assert len(entries) > 100
    unfinished = [source for _, source, t in entries
                  if t.get("type") == "unfinished" or not (t.text or "").strip()]
    assert unfinished == []


def test_the_translation_covers_every_string_in_the_source(tmp_path):
    """lupdate run afresh over gdsim/ finds no string that the committed .ts lacks."""
    lupdate = (shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
               or shutil.which("pyside6-lupdate"))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    root = Path(__file__).resolve().parents[1]
    sources = sorted(str(p) for p in (root / "gdsim").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    found = {(c, s) for c, s, _ in messages(fresh)}
    known = {(c, s) for c, s, _ in messages(TS)}
    assert found - known == set()


def test_switching_language_changes_the_visible_labels(qtbot, window):
    controls = window.controls
    assert controls.problem_box.title() == "Problem"
    assert window.actions.file_menu.title() == "&File"
    window.set_language("zh_CN")
    assert controls.problem_box.title() == "目标函数"
    assert controls.play_button.text() == "开始"
    assert window.actions.file_menu.title() == "文件(&F)"
    assert window.dock.windowTitle() == "控制面板"
    assert controls.optimizers.item(0).text() == "梯度下降"
    qtbot.waitUntil(lambda: "步" in window.status.text())
    assert window.settings.language == "zh_CN"
    window.set_language("en")
    assert controls.problem_box.title() == "Problem"
    assert controls.optimizers.item(0).text() == "Gradient descent"


def test_switching_language_again_and_again_keeps_only_the_translators_in_use(qtbot, window):
    import gc

    from PySide6.QtCore import QTranslator

    def translators() -> int:
        gc.collect()
        return sum(isinstance(o, QTranslator) for o in gc.get_objects())

    window.set_language("zh_CN")
    in_use = translators()
    assert in_use >= 1  # gdsim's (and Qt's own, where it is installed)
    for language in ["en", "zh_CN"] * 10:
        window.actions.language_actions[language].trigger()  # Language → English, 简体中文
    assert translators() == in_use
    assert window.actions.file_menu.title() == "文件(&F)"
    window.set_language("en")
    assert translators() == 0


def test_the_language_follows_the_system(monkeypatch):
    from PySide6.QtCore import QLocale

    from gdsim.ui import i18n

    class Chinese:
        @staticmethod
        def system():
            return QLocale(QLocale.Language.Chinese, QLocale.Country.China)

    monkeypatch.setattr(i18n, "QLocale", Chinese)
    assert i18n.resolve("") == "zh_CN"
    assert i18n.resolve("en") == "en"


def test_engine_errors_are_shown_in_the_chosen_language(qtbot, window, tmp_path):
    session = window.session
    session.set_problem("linreg")
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n3,oops\n")
    window.set_language("zh_CN")
    with qtbot.waitSignal(session.error_occurred, timeout=2000) as error:
        session.set_data(str(bad))
    assert error.args[0] == f"{bad}，第 3 行：y 不是一个数：'oops'"
    with qtbot.waitSignal(session.error_occurred, timeout=2000) as error:
        session.set_hyperparameter("lr", -1)
    assert error.args[0] == "学习率 η（lr）必须在 [0, ∞) 之内，而输入的是 -1"
    window.set_language("en")
    with qtbot.waitSignal(session.error_occurred, timeout=2000) as error:
        session.set_hyperparameter("lr", -1)
    assert error.args[0] == "the learning rate η (lr) must be in [0, ∞), got -1"


def test_switching_language_leaves_the_run_where_it_is(qtbot, window):
    session = window.session
    for _ in range(3):
        session.step()
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.lead.step == 3)
    setup = session.setup
    window.set_language("zh_CN")
    window.set_language("en")
    assert session.setup is setup  # not rebuilt: the same runs go on
    session.step()
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.lead.step == 4)

"""The Chinese window reads as Chinese: names instead of codes, one term for one thing, full-width
punctuation in sentences and ASCII in formulas, no stray spaces, and lessons that quote the window.

The texts are checked where they are written (the .ts translations and the lessons' zh texts) and
where they are shown (the window in Chinese, chosen through the Language menu)."""

import re
import tomllib
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QListWidget

from gdsim.paths import resource
from gdsim.ui.actions import KeyboardDialog
from gdsim.ui.i18n import tidy, without_mnemonic

CJK = "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"  # characters and full-width punctuation
HAN = "[\u3400-\u4dbf\u4e00-\u9fff]"
ASCII_PUNCTUATION_AFTER_HAN = re.compile(f"{HAN}[:,;?!]")  # "抛物线:  f(x)": a sentence's colon is "："
ASCII_PARENTHESIS_AROUND_HAN = re.compile(rf"\({HAN}|{HAN}\)")  # a sentence's parentheses are "（）"
SPACE_BETWEEN_CJK = re.compile(f"{CJK} +{CJK}")  # "梯度下降 的下一步"
ENGLISH_CONDITION = re.compile(r"\b(if|else)\b")


def translations():
    """(context, source, translation) of every message of the Chinese translation."""
    root = ET.parse(resource("i18n", "gdsim_zh_CN.ts")).getroot()
    for context in root.iter("context"):
        name = context.find("name").text or ""
        for message in context.iter("message"):
            yield name, message.find("source").text, message.find("translation").text or ""


def lesson_texts():
    """(file name, 'title' or 'notes', English text, Chinese text) of every shipped lesson."""
    for path in sorted(resource("lessons").glob("*.toml")):
        lesson = tomllib.loads(path.read_text(encoding="utf-8"))["lesson"]
        for key in ("title", "notes"):
            yield path.name, key, lesson[key]["en"], lesson[key]["zh"]


def chinese_texts():
    """Every Chinese text that gdsim ships, with where it is written."""
    for context, source, text in translations():
        yield f"{context}: {source!r}", text
    for name, key, _, text in lesson_texts():
        yield f"{name} {key}", text


def typographic_problems(text: str) -> list[str]:
    found = []
    for pattern in (ASCII_PUNCTUATION_AFTER_HAN, ASCII_PARENTHESIS_AROUND_HAN, SPACE_BETWEEN_CJK):
        found += [m.group(0) for m in pattern.finditer(text)]
    return found


# --- the texts as written -----------------------------------------------------------------------

def test_the_checks_find_what_they_look_for():
    assert typographic_problems("抛物线:  f(x) = x²") == ["线:"]
    assert typographic_problems("梯度下降 的下一步") == ["降 的"]
    assert typographic_problems("学习率 η（lr） 必须") == ["） 必"]
    assert typographic_problems("误差(误差项)") == ["(误", "项)"]
    assert typographic_problems("抛物线：L(x) = x²，斜率 L′(x) = 2x（x = 2 时为 4）") == []
    assert ENGLISH_CONDITION.search("f(h) = 1 if h ≥ 0 else 0")


def test_chinese_sentences_use_full_width_punctuation_and_no_stray_spaces():
    problems = {where: typographic_problems(text) for where, text in chinese_texts()}
    assert {where: found for where, found in problems.items() if found} == {}


def test_chinese_formulas_say_no_if_or_else():
    """A piecewise formula is written with its conditions, f(h) = 1 (h ≥ 0), 0 (h < 0), not in English."""
    found = {where: text for where, text in chinese_texts() if ENGLISH_CONDITION.search(text)}
    assert found == {}
    formulas = [text for context, _, text in translations() if context == "formulas"]
    assert len(formulas) >= 4 and all("(h" in text for text in formulas)


@pytest.mark.parametrize(("english", "chinese", "not_chinese", "least"), [
    (r"\bproblems?\b", "目标函数", "问题", 20),  # the function minimised; 问题 reads as "question"
    (r"\bstuck\b", "停滞", "卡住", 3),
    (r"\bstep limit\b", "步数上限", "已到达", 5),
    (r"\bdelta rule\b", "delta 规则", None, 2),
    (r"\blearning rate\b", "学习率", None, 3),
    (r"\bconverged?\b", "收敛", None, 5),
    # No text says weight or bias yet (they are w and b); any that will, says them as the tutorial does.
    (r"\bweights?\b", "权重", None, 0),
    (r"\bbias\b(?! correction)", "偏置", None, 0),
    # Adam's bias correction is of a statistical bias (偏差), not of the neuron's bias b (偏置).
    (r"\bbias correction\b", "偏差修正", "偏置", 2),
])
def test_one_term_for_one_thing(english, chinese, not_chinese, least):
    """Each of these English words, outside a placeholder such as {problem}, is always said the same way
    (or kept as it is where it names a key of a lesson file, such as "[setup] needs problem")."""
    pattern = re.compile(english, re.IGNORECASE)
    pairs = [(source, text) for _, source, text in translations()
             if pattern.search(re.sub(r"\{[^}]*\}|\[[a-z.]+\]", "", source))]
    pairs += [(en, zh) for _, key, en, zh in lesson_texts() if pattern.search(en)]
    assert len(pairs) >= least
    assert [text for _, text in pairs if chinese not in text and not pattern.search(text)] == []
    if not_chinese:
        assert [text for _, text in pairs if not_chinese in text] == []


def test_w_and_b_are_named_as_the_tutorial_names_them():
    notes = {name: zh for name, key, _, zh in lesson_texts() if key == "notes"}
    assert "权重 w 和偏置 b" in notes["03-linear-regression.toml"]
    assert "权重 w = −1" in notes["04-sigmoid-neuron.toml"]


def test_the_delta_rule_is_the_rule_and_delta_the_error_term():
    """Δw = η·(y − ŷ)·f′(h)·x is the delta rule (delta 规则); δ = (y − ŷ)·f′(h) is the error term (误差项)."""
    text = {source: text for context, source, text in translations() if context == ""}
    assert text["The delta rule"] == "delta 规则"
    notes = {name: zh for name, key, _, zh in lesson_texts() if key == "notes"}["04-sigmoid-neuron.toml"]
    assert "delta 规则：Δw = η·Σ δ·x" in notes and "误差项 δ = (y − ŷ)·f′(h)" in notes


def test_a_lesson_is_not_the_course():
    """课程 is the whole course (the Lessons menu); one lesson is 本课, 第 N 课 or 一课."""
    misused = [(source, text) for _, source, text in translations()
               if "课程" in text and not re.search(r"Less&?ons", source)]
    assert misused == []
    assert [name for name, _, _, text in lesson_texts() if "课程" in text] == []
    title = {source: text for context, source, text in translations() if context == "MainWindow"}["Lesson"]
    assert title == "本课"


def test_lesson_6_calls_its_ravine_by_one_name():
    ravine = {source: text for context, source, text in translations() if context == "names"}["Ravine"]
    notes = {(name, key): zh for name, key, _, zh in lesson_texts()}
    for key in ("title", "notes"):
        assert ravine in notes["08-ravine-momentum.toml", key]
        assert "山谷" not in notes["08-ravine-momentum.toml", key]


def test_a_lesson_quotes_the_window_word_for_word():
    """Every “…” in a Chinese lesson is a text the window shows (a status, a button), with its numbers
    filled in: the whole text, or the part before its "："."""
    shown = []
    for _, _, text in translations():
        text = without_mnemonic(text)
        for whole in (text, text.split("：")[0]):
            pattern = re.escape(whole)
            shown.append(re.compile(re.sub(r"\\\{\d\\\}", r"[−\\d.,]+", pattern) + "$"))
    quotes = [(name, quote) for name, _, _, zh in lesson_texts() for quote in re.findall("“([^”]*)”", zh)]
    assert len(quotes) >= 4  # the statuses of lessons 4, 5 and 9 and the Play button of lesson 2
    assert [(name, quote) for name, quote in quotes if not any(p.match(quote) for p in shown)] == []


def test_the_quote_check_refuses_what_the_window_does_not_say():
    text = {source: text for context, source, text in translations() if context == "MainWindow"}
    status = text["converged at step {0}"]
    assert status == "在第 {0} 步收敛"
    assert "已收敛" not in {t for _, _, t in translations()}  # what the lessons used to quote


# --- the texts as shown ---------------------------------------------------------------------------

def to_chinese(window):
    """Language → 简体中文, as a user chooses it."""
    window.actions.language_actions["zh_CN"].trigger()
    assert window.translations.language == "zh_CN"


def shown_texts(window) -> dict[str, str]:
    """What the window shows in words: menus, labels, buttons, group titles and list entries."""
    texts = {}
    menus = [a.menu() for a in window.menuBar().actions()]
    for menu in menus:
        texts[f"menu {menu.title()}"] = without_mnemonic(menu.title())
        for action in menu.actions():
            if action.menu() is not None:
                menus.append(action.menu())
            elif action.text():
                texts[f"action {action.text()}"] = without_mnemonic(action.text())
    for kind, read in ((QLabel, QLabel.text), (QAbstractButton, QAbstractButton.text),
                       (QGroupBox, QGroupBox.title)):
        for widget in window.findChildren(kind):
            texts[f"{kind.__name__} {read(widget)}"] = without_mnemonic(read(widget))
    for combo in window.findChildren(QComboBox):
        for i in range(combo.count()):
            texts[f"combo item {combo.itemText(i)}"] = combo.itemText(i)
    for box in window.findChildren(QListWidget):
        for i in range(box.count()):
            texts[f"list item {box.item(i).text()}"] = box.item(i).text()
    texts["formulas"] = window.formulas.toPlainText()
    texts["lesson"] = window.lesson_panel.toPlainText()
    return texts


def test_the_loss_list_names_the_losses(qtbot, window):
    to_chinese(window)
    window.session.set_problem("linreg")
    loss = window.controls.loss
    names = [loss.itemText(i).split("：")[0] for i in range(loss.count())]
    assert names == ["误差平方和", "均方误差", "均方误差的一半", "二元交叉熵"]
    assert all(loss.itemText(i).split("：")[1].startswith("L = ") for i in range(loss.count()))
    window.actions.language_actions["en"].trigger()
    assert [loss.itemText(i).split(":")[0] for i in range(loss.count())] == [
        "Sum of squared errors", "Mean squared error", "Half the mean squared error", "Binary cross-entropy"]


def test_help_keyboard_lists_the_actions_without_their_mnemonics(qtbot, window):
    to_chinese(window)
    window.actions.keyboard.trigger()
    dialog = window.findChild(KeyboardDialog)
    assert dialog is not None and dialog.isVisible()
    table = dialog.table
    does = [table.item(row, 1).text() for row in range(table.rowCount())]
    assert "导入数据…" in does and "开始 / 暂停" in does and "损失用对数坐标" in does
    assert [text for text in does if re.search(r"\([A-Z0-9&]\)|&", text)] == []
    dialog.close()
    window.actions.language_actions["en"].trigger()
    window.actions.keyboard.trigger()
    dialog = window.findChildren(KeyboardDialog)[-1]
    does = [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())]
    assert "Import data…" in does and not [text for text in does if "&" in text]
    dialog.close()


def test_the_language_menu_is_one_entry_in_both_languages(qtbot, window):
    """Named once in the language shown and once in the other, for whoever cannot read the first."""
    menu = window.actions.language_menu
    assert without_mnemonic(menu.title()) == "Language / 语言"
    to_chinese(window)
    assert without_mnemonic(menu.title()) == "语言 / Language"
    assert menu.title().endswith("(&N)")


def test_play_watch_and_pace_say_what_they_do(qtbot, window):
    to_chinese(window)
    controls = window.controls
    assert controls.play_button.text() == "开始"
    qtbot.keyClick(window.canvas, " ")  # Space plays
    qtbot.waitUntil(lambda: controls.play_button.text() == "暂停")
    qtbot.keyClick(window.canvas, " ")
    qtbot.waitUntil(lambda: controls.play_button.text() == "开始")
    assert window.actions.play.text() == "开始 / 暂停"
    assert window.actions.run_menu.title() == "运行(&R)"  # the menu; the button says 开始
    assert without_mnemonic(controls.watched_label.text()) == "查看对象"
    assert controls.pace_box.title() == "运行控制"
    assert controls.problem_box.title() == "目标函数"
    assert without_mnemonic(controls.problem_label.text()) == "目标函数"


@pytest.mark.parametrize(("lesson", "formulas_say"), [
    (4, "delta 规则"),
    (5, "在第 0 步停滞：∇L = 0"),  # stuck from the start
    (8, "梯度下降的下一步（t = 4, η = 0.09500）"),  # no space between the name and 的
    (10, "梯度下降的下一步（t = 4, η = 0.01000）"),
])
def test_the_chinese_window_shows_no_ascii_colon_or_stray_space(qtbot, window, lesson, formulas_say):
    """Every text shown, the lesson and the formula panel included, after three steps of the lesson."""
    to_chinese(window)
    qtbot.waitUntil(lambda: len(window.actions.lesson_actions) > 0, timeout=5000)
    dict((chosen.number, action) for chosen, action in window.actions.lesson_actions)[lesson].trigger()
    for _ in range(3):
        window.actions.step.trigger()
    qtbot.waitUntil(lambda: formulas_say in window.formulas.toPlainText(), timeout=5000)
    texts = shown_texts(window)
    problems = {where: typographic_problems(text) for where, text in texts.items()}
    assert {where: found for where, found in problems.items() if found} == {}
    assert [text for text in texts.values() if ENGLISH_CONDITION.search(text)] == []


def test_an_error_fills_a_chinese_name_in_without_a_stray_space(qtbot, window):
    to_chinese(window)
    with qtbot.waitSignal(window.session.error_occurred, timeout=2000) as error:
        window.session.set_hyperparameter("lr", -1)  # "{what} must be in {allowed}", what = 学习率 η（lr）
    assert error.args[0] == "学习率 η（lr）必须在 [0, ∞) 之内，而输入的是 -1"
    assert tidy("Adam 的下一步") == "Adam 的下一步"  # a space beside a Latin name stays


def test_chinese_is_drawn_with_a_simplified_chinese_font(qtbot, window):
    """Formulas and Latin letters keep the window's font; Chinese takes a Simplified Chinese one, not the
    Japanese font Qt may fall back on (other glyph shapes, "：" centred in its box)."""
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    chinese = [f for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
               if re.search(r"\b(SC|CN)\b", f)]
    if not chinese:
        pytest.skip("no Simplified Chinese font is installed")
    before = QApplication.font().families()
    to_chinese(window)
    families = QApplication.font().families()
    assert len(families) == 2 and families[1] in chinese
    assert window.formulas.font().families() == families
    window.actions.language_actions["en"].trigger()
    assert QApplication.font().families() == before


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")  # offscreen
def test_a_hyperparameter_is_labelled_by_its_symbol_in_chinese(qtbot, window):
    """The fields under the optimizers: 动量 μ, not the torch.optim name "momentum" (the English label)."""
    from PySide6.QtCore import Qt

    to_chinese(window)
    qtbot.waitUntil(lambda: len(window.actions.lesson_actions) > 0, timeout=5000)
    dict((chosen.number, action) for chosen, action in window.actions.lesson_actions)[8].trigger()
    controls = window.controls
    qtbot.mouseClick(controls.watched, Qt.MouseButton.LeftButton)  # open the list, pick the momentum run
    view = controls.watched.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.setup.watched == 1, timeout=2000)

    def labels():
        return [label.text() for label in controls.findChildren(QLabel) if label.isVisibleTo(controls)]

    qtbot.waitUntil(lambda: "动量 μ" in labels(), timeout=3000)
    assert "学习率 η(&E)" in labels() and "momentum" not in labels()
    window.actions.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: "momentum" in labels(), timeout=3000)

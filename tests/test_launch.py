"""Opening and sharing (issue 12): `gdsim LESSON.toml`, `gdsim --lesson N` and the options of one start
(theme, scale, full screen, language), which the window shows but does not remember; the desktop
entry, icon and lesson file type that `gdsim install-desktop` writes and `uninstall-desktop` removes."""

import configparser
import shutil
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gdsim import cli, launch
from gdsim.model.lessons import shipped_lessons

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def no_window(monkeypatch):
    """The window's entry point, replaced: the options it was asked to start with are recorded."""
    calls = []
    monkeypatch.setattr("gdsim.app.main", lambda argv, options=None: calls.append(options) or 0)
    return calls


def test_gdsim_lesson_file_and_options_reach_the_window(no_window, tmp_path):
    lesson = tmp_path / "mine.gdsim.toml"
    shutil.copy(shipped_lessons()[2].path, lesson)
    argv = [str(lesson), "--theme", "light", "--scale", "200", "--full-screen", "--lang", "zh_CN"]
    assert cli.main(argv) == 0
    (options,) = no_window
    assert options.lesson.setup == shipped_lessons()[2].setup
    assert (options.theme, options.scale, options.full_screen, options.language) == (
        "light", 2.0, True, "zh_CN")


def test_gdsim_lesson_n_opens_a_shipped_lesson(no_window):
    assert cli.main(["--lesson", "10", "--scale", "125%"]) == 0
    assert no_window[0].lesson.number == 10 and no_window[0].scale == 1.25


def test_gdsim_alone_opens_the_window_as_remembered(no_window):
    assert cli.main([]) == 0
    assert no_window == [launch.StartOptions()]


@pytest.mark.parametrize("argv, says", [
    (["--theme", "purple"], "--theme needs dark or light"),
    (["--scale", "300"], "from 100 to 250"),
    (["--scale", "nan"], "from 100 to 250"),
    (["--scale", "big"], "from 100 to 250"),
    (["--lang", "fr"], "en, zh_CN"),
    (["--lesson", "99"], "1 to {last}"),
    (["--lesson", "one"], "1 to {last}"),
    (["missing.toml"], "does not exist"),
    (["walk"], "neither a command"),
    (["--lesson", "1", "{lesson}"], "not both"),
    (["--frobnicate"], "unrecognized arguments"),
])
def test_a_bad_start_option_is_one_line_status_2_and_no_window(no_window, capsys, argv, says):
    lesson = str(shipped_lessons()[0].path)
    assert cli.main([a.format(lesson=lesson) for a in argv]) == 2
    out, err = capsys.readouterr()
    says = says.format(last=shipped_lessons()[-1].number)
    assert out == "" and len(err.splitlines()) == 1 and err.startswith("gdsim: ") and says in err, err
    assert no_window == []


def test_a_malformed_lesson_file_is_refused_before_the_window(no_window, capsys, tmp_path):
    bad = tmp_path / "bad.gdsim.toml"
    text = shipped_lessons()[0].path.read_text(encoding="utf-8")
    bad.write_text(text.replace('problem = "parabola"', 'problem = "nowhere"'), encoding="utf-8")
    assert cli.main([str(bad)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "bad.gdsim.toml" in err and "nowhere" in err
    assert no_window == []


def test_the_language_codes_are_the_windows_languages():
    from gdsim.ui.i18n import LANGUAGES

    assert tuple(LANGUAGES) == launch.LANGUAGE_CODES


# --- in the window ---------------------------------------------------------------------------------


def settings_text(tmp_path) -> str:
    path = tmp_path / "settings" / "gdsim-tests" / "gdsim.ini"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_start_options_show_in_the_window_and_are_not_remembered(qtbot, tmp_path):
    from gdsim.app import create_window

    first = create_window()
    qtbot.addWidget(first)
    first.show()
    first.set_theme("dark")
    first.set_scale(1.25)
    first.set_language("en")
    first.close()
    remembered = settings_text(tmp_path)
    assert "theme=dark" in remembered

    lesson = shipped_lessons()[5]
    options = launch.parse([str(lesson.path), "--theme", "light", "--scale", "200", "--full-screen",
                            "--lang", "zh_CN"])
    win = create_window(options)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.session.latest is not None, timeout=5000)
    assert win.session.setup == lesson.setup
    assert lesson.text("title", "zh") in win.lesson_panel.toPlainText()
    assert (win.appearance.name, win.appearance.scale) == ("light", 2.0)
    assert win.actions.light.isChecked() and win.actions.scale_actions[2.0].isChecked()
    assert win.windowState() & win.windowState().WindowFullScreen
    assert win.translations.language == "zh_CN" and win.actions.language_actions["zh_CN"].isChecked()
    assert win.windowTitle() != "gdsim — watch gradient descent work"  # in Chinese
    win.close()

    after = settings_text(tmp_path)
    for key in ("theme", "scale", "language", "geometry"):
        line = next(line for line in remembered.splitlines() if line.startswith(key + "="))
        assert line in after.splitlines(), key


def test_the_window_has_gdsims_icon(qtbot):
    from gdsim.app import app_icon

    icon = app_icon()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
    image = icon.pixmap(48, 48).toImage()
    assert len({image.pixel(x, y) for x in range(0, 48, 4) for y in range(0, 48, 4)}) > 4  # drawn


# --- on the desktop --------------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_install_desktop_writes_entry_icons_and_lesson_type_and_uninstall_removes_them(
        monkeypatch, tmp_path, capsys):
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    assert cli.main(["install-desktop"]) == 0
    written = capsys.readouterr().out.splitlines()
    assert len(written) >= 10

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(home / "applications" / "gdsim.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Icon"] == "gdsim"
    assert desktop["Exec"].endswith(" %f") and "application/x-gdsim-lesson;" == desktop["MimeType"]
    assert Path(desktop["TryExec"].strip('"')).exists()

    mime = ET.parse(home / "mime" / "packages" / "gdsim.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    kind = mime.find("m:mime-type", ns)
    assert kind.get("type") == "application/x-gdsim-lesson"
    assert kind.find("m:glob", ns).get("pattern") == "*.gdsim.toml"

    for size in (16, 32, 48, 64, 128, 256):
        png = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "gdsim.png"
        assert png_size(png.read_bytes()) == (size, size)
    svg = ET.parse(home / "icons" / "hicolor" / "scalable" / "apps" / "gdsim.svg").getroot()
    assert svg.tag.endswith("svg")

    assert cli.main(["install-desktop"]) == 0  # again: replaced in place
    capsys.readouterr()
    assert cli.main(["uninstall-desktop"]) == 0
    removed = capsys.readouterr().out.splitlines()
    assert len(removed) == len(written)
    assert not any(p.is_file() for p in home.rglob("gdsim*"))


def test_install_desktop_refuses_a_folder_in_the_way_in_one_line(monkeypatch, tmp_path, capsys):
    home = tmp_path / "data"
    (home / "applications" / "gdsim.desktop").mkdir(parents=True)
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    assert cli.main(["install-desktop"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "gdsim.desktop" in err and "folder" in err


def test_the_shipped_icons_are_the_svg_drawn_at_each_size():
    icons = ROOT / "resources" / "icons"
    for png in icons.glob("gdsim-*.png"):
        size = int(png.stem.removeprefix("gdsim-"))
        assert png_size(png.read_bytes()) == (size, size)
    assert ET.parse(icons / "gdsim.svg").getroot().findall(".//{http://www.w3.org/2000/svg}polyline")

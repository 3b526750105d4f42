"""Animations and pictures without the window (issue 12): gdsim.render and `gdsim render`, and the
encoders that stream frames into GIF, APNG and MP4. Each file is opened and checked."""

import os
import subprocess
import tracemalloc
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image
from svg_points import vector_points

import gdsim
from gdsim import cli
from gdsim.encoders import ApngWriter, GifWriter, video_available


class Opened:
    """What Pillow reads of an image file (closed again): format, size, frame count, info, frames."""

    def __init__(self, path):
        with Image.open(path) as image:
            self.format, self.size, self.n_frames = image.format, image.size, getattr(image, "n_frames", 1)
            self.info = dict(image.info)
            self.frames, self.durations = [], []
            for i in range(self.n_frames):
                image.seek(i)
                self.frames.append(np.asarray(image.convert("RGB")))
                self.durations.append(image.info.get("duration"))


def frames_of(path) -> list[np.ndarray]:
    return Opened(path).frames


def test_render_gif_has_one_frame_per_k_steps_at_the_size_asked(qtbot, tmp_path):
    out = tmp_path / "ravine.gif"
    gdsim.render(out, problem="ravine", optimizer=["sgd", "momentum"], steps=30, every=3, size=(480, 300),
                 fps=10)
    image = Opened(out)
    assert image.format == "GIF" and image.size == (480, 300)
    assert image.n_frames == 11 and image.info["loop"] == 0
    assert image.info["duration"] == 100  # 10 frames a second
    frames = frames_of(out)
    assert all(len(np.unique(f.reshape(-1, 3), axis=0)) > 20 for f in frames)  # plots, not blank
    assert not np.array_equal(frames[0], frames[-1])  # it moves


def test_render_apng_frames_size_and_timing(qtbot, tmp_path):
    out = tmp_path / "lesson.apng"
    gdsim.render(out, lesson=8, steps=12, size=(400, 320), fps=25, every=2)
    image = Opened(out)
    assert image.format == "PNG" and image.size == (400, 320) and image.n_frames == 7
    assert image.info["duration"] == 40.0 and image.info["loop"] == 0
    frames = frames_of(out)
    assert not np.array_equal(frames[0], frames[-1])


def test_render_is_deterministic(qtbot, tmp_path):
    a, b = tmp_path / "a.gif", tmp_path / "b.gif"
    for out in (a, b):
        gdsim.render(out, lesson=2, steps=10, size=(320, 240))
    assert a.read_bytes() == b.read_bytes()


def test_render_from_step_a_to_b_shows_those_steps(qtbot, tmp_path):
    late, whole = tmp_path / "late.apng", tmp_path / "whole.apng"  # without a GIF's palette
    gdsim.render(late, problem="rosenbrock", steps=20, first_step=15, size=(320, 240))
    gdsim.render(whole, problem="rosenbrock", steps=20, size=(320, 240))
    assert Opened(late).n_frames == 6
    np.testing.assert_array_equal(frames_of(late)[-1], frames_of(whole)[-1])


def test_render_png_and_svg_pictures_of_the_last_step(qtbot, tmp_path):
    png, svg = tmp_path / "last.png", tmp_path / "last.svg"
    gdsim.render(png, lesson=3, steps=50, size=(900, 560), theme="light", lang="zh_CN", scale=1.5)
    image = Opened(png)
    assert image.size == (900, 560)
    pixels = image.frames[0]
    assert (pixels[2, -2] > 240).all()  # the light theme
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 50
    gdsim.render(svg, problem="himmelblau", optimizer=["adam", "sgd"], steps=40, size=(800, 500))
    root = ET.parse(svg).getroot()
    assert vector_points(root) > 1000


@pytest.mark.skipif(not video_available(), reason="MP4 needs the video extra: pip install 'gdsim[video]'")
def test_render_mp4_frames_and_size(qtbot, tmp_path):
    import imageio_ffmpeg

    out = tmp_path / "run.mp4"
    gdsim.render(out, lesson=1, steps=19, size=(321, 241), fps=10)
    assert imageio_ffmpeg.count_frames_and_secs(str(out)) == (20, 2.0)
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    decode = [ffmpeg, "-v", "error", "-i", str(out), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    decoded = subprocess.run(decode, capture_output=True, check=True, timeout=60).stdout
    frames = np.frombuffer(decoded, np.uint8).reshape(20, 240, 320, 3)  # cropped to even sides for H.264
    assert all(len(np.unique(f.reshape(-1, 3), axis=0)) > 20 for f in frames)


@pytest.mark.parametrize("kwargs, says", [
    ({"out": "x.bmp"}, "must end in"),
    ({"size": (10, 10)}, "size must be"),
    ({"size": (640, "wide")}, "size must be"),
    ({"fps": 0}, "fps must be"),
    ({"every": 0}, "every must be"),
    ({"steps": 5, "first_step": 6}, "first_step"),
    ({"problem": "nope"}, "unknown problem"),
    ({"optimizer": "nope"}, "unknown optimizer"),
    ({"theme": "purple"}, "theme"),
    ({"lang": "fr"}, "lang"),
    ({"scale": 3}, "scale"),
    ({"lesson": 99}, "no shipped lesson"),
    ({"lesson": 2, "problem": "ravine"}, "not both"),
    ({"out": "missing/x.gif"}, "does not exist"),
])
def test_render_refuses_bad_input_and_writes_nothing(qtbot, tmp_path, kwargs, says):
    kwargs = {"out": "x.gif", "steps": 3, **kwargs}
    out = tmp_path / kwargs.pop("out")
    with pytest.raises(gdsim.InputError, match=says):
        gdsim.render(out, **kwargs)
    assert sorted(set(os.listdir(tmp_path)) - {"settings"}) == []


def test_render_refuses_a_fifo(qtbot, tmp_path):
    os.mkfifo(tmp_path / "pipe.gif")
    with pytest.raises(gdsim.InputError, match="FIFO"):
        gdsim.render(tmp_path / "pipe.gif", steps=2)


# --- the command line ------------------------------------------------------------------------------


def test_cli_render_writes_the_animation_quietly_off_a_terminal(qtbot, tmp_path, capsys):
    out = tmp_path / "lesson.gif"
    assert cli.main(["render", "--lesson", "1", "--steps", "8", "--size", "320x200", "--every", "2",
                     "--fps", "5", "--out", str(out)]) == 0
    assert capsys.readouterr() == ("", "")  # no progress bar: standard error is no terminal
    image = Opened(out)
    assert image.size == (320, 200) and image.n_frames == 5 and image.info["duration"] == 200


def test_cli_render_a_problem_with_optimizers_side_by_side(qtbot, tmp_path, capsys):
    out = tmp_path / "side.png"
    assert cli.main(["render", "--problem", "rosenbrock", "--optimizer", "sgd,adam", "--lr", "0.001",
                     "--start=-1,1", "--steps", "50", "--size", "640x400", "--theme", "light",
                     "--out", str(out)]) == 0
    assert Opened(out).size == (640, 400)


@pytest.mark.parametrize("argv, says", [
    (["--size", "big"], "--size needs"),
    (["--steps", "-1"], "--steps"),
    (["--every", "0"], "--every"),
    (["--scale", "300"], "--scale"),
    (["--problem", "nope"], "unknown problem"),
    (["--lesson", "1", "--problem", "ravine"], "not both"),
    (["--fps", "fast"], "--fps"),
    (["--out", "{tmp}/x.webm"], "must end in"),
])
def test_cli_render_mistake_is_one_line_status_2_nothing_written(qtbot, tmp_path, capsys, argv, says):
    argv = [a.format(tmp=tmp_path) for a in argv]
    if "--out" not in argv:
        argv += ["--out", str(tmp_path / "x.gif")]
    assert cli.main(["render", *argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and err.startswith("gdsim: ") and says in err, err
    assert sorted(set(os.listdir(tmp_path)) - {"settings"}) == []


# --- the encoders ----------------------------------------------------------------------------------


def moving_frames(n: int, size=(240, 320)):
    rng = np.random.default_rng(0)
    colours = rng.integers(0, 255, (40, 3), dtype=np.uint8)  # few enough for a GIF's palette
    background = colours[rng.integers(0, len(colours), size)]
    for i in range(n):
        frame = background.copy()
        frame[(i * 3) % size[0]:(i * 3) % size[0] + 10, 20:60] = (230, 159, 0)
        yield frame


@pytest.mark.parametrize("writer", [GifWriter, ApngWriter])
def test_encoders_stream_frames_in_bounded_memory(tmp_path, writer):
    path = tmp_path / "many"
    encoder = writer(str(path), 20)
    tracemalloc.start()
    for frame in moving_frames(150):
        encoder.write(frame)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    encoder.close()
    assert peak < 10 * 240 * 320 * 3  # a few frames at a time, not 150 of them
    assert Opened(path).n_frames == 150


@pytest.mark.parametrize("writer", [GifWriter, ApngWriter])
def test_encoders_merge_a_frame_that_did_not_change(tmp_path, writer):
    path = tmp_path / "still"
    encoder = writer(str(path), 10)
    frames = list(moving_frames(3))
    for frame in (frames[0], frames[1], frames[1], frames[1], frames[2]):
        encoder.write(frame)
    encoder.close()
    image = Opened(path)
    assert image.n_frames == 3
    assert image.durations[1] == 300
    np.testing.assert_array_equal(image.frames[1], frames[1])


def test_cli_render_shows_a_progress_bar_on_a_terminal(qtbot, tmp_path, capsys, monkeypatch):
    class Terminal:
        def __init__(self):
            self.text = ""

        def write(self, text):
            self.text += text

        def flush(self):
            pass

        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert cli.main(["render", "--steps", "3", "--size", "200x150", "--out", str(tmp_path / "a.gif")]) == 0
    assert "4/4 frames" in terminal.text and terminal.text.endswith("\n")
    assert terminal.text.count("\r") == 4  # one line, redrawn for each frame


def test_render_mp4_without_the_extra_says_what_to_install(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("gdsim.encoders.video_available", lambda: False)
    with pytest.raises(gdsim.InputError, match=r"pip install 'gdsim\[video\]'"):
        gdsim.render(tmp_path / "x.mp4", steps=2)
    assert sorted(set(os.listdir(tmp_path)) - {"settings"}) == []


def test_the_stage_session_has_every_signal_views_react_to():
    """The off-screen canvas runs on a StillSession: a signal the window's session gains for its views
    must be there too, or the stage breaks where the window works."""
    from PySide6.QtCore import Signal

    from gdsim.ui.session import Session
    from gdsim.ui.stage import StillSession

    told = {name for name in dir(Session) if isinstance(getattr(Session, name), Signal)
            and not name.endswith("_requested")}
    # Files read and landscapes refined in the background are shown by the window's status bar and
    # controls, never by the canvas: the stage reads nothing and computes its landscape at once.
    background = {f"loading_{what}" for what in ("started", "progressed", "refused", "finished")} | {
        f"refining_{what}" for what in ("started", "progressed", "finished")}
    assert told - {name for name in dir(StillSession) if isinstance(getattr(StillSession, name), Signal)} \
        <= {"watched_changed", "error_occurred", "lr_suggestion_changed", "trajectories_ready"} | background

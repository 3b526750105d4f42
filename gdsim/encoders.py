"""Animations written frame by frame: GIF and APNG with Pillow, MP4 with imageio-ffmpeg's ffmpeg (the optional
``gdsim[video]`` extra). Each writer takes RGB frames (h, w, 3) uint8 one at a time and keeps only the
previous one, so memory stays bounded however long the animation is. No Qt here.

Pillow compresses every frame (LZW for GIF, zlib with PNG's filters for APNG). Its own multi-frame
``save`` holds every frame until the end, so the writers call it for one frame at a time:
- GIF: Pillow's GIF helpers (``getheader``, ``getdata``) write the header with the palette of the
  first frame and then each frame, mapped to that palette, as the rectangle that changed;
- APNG: each frame's changed rectangle is encoded by Pillow as a PNG, whose compressed data goes into
  the APNG's fcTL/fdAT chunks (the frame count is written into acTL at the end).
"""

import struct
import zlib
from io import BytesIO

import numpy as np

from .engine import InputError

FORMATS = ("gif", "apng", "mp4")
VIDEO_EXTRA = "pip install 'gdsim[video]'"  # imageio-ffmpeg


def video_available() -> bool:
    try:
        import imageio_ffmpeg
    except ImportError:
        return False
    try:
        imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError:  # the package without a binary for this machine
        return False
    return True


def open_writer(path: str, fmt: str, fps: float, key_colors=()):
    """A writer of ``fmt`` ('gif', 'apng' or 'mp4') into the file at ``path`` (created anew);
    ``key_colors`` ('#RRGGBB') are kept exact where a format has few colours (GIF)."""
    if fmt == "gif":
        return GifWriter(path, fps, key_colors)
    if fmt == "apng":
        return ApngWriter(path, fps)
    if fmt == "mp4":
        return Mp4Writer(path, fps)
    raise ValueError(f"unknown animation format {fmt!r}")


def _changed(previous: np.ndarray | None, frame: np.ndarray) -> tuple[int, int, int, int] | None:
    """The rectangle (left, top, right, bottom) where ``frame`` differs from ``previous``: the whole
    frame for the first; None where nothing changed."""
    if previous is None:
        return 0, 0, frame.shape[1], frame.shape[0]
    diff = previous != frame
    if diff.ndim == 3:
        diff = diff.any(axis=2)
    rows, cols = np.flatnonzero(diff.any(axis=1)), np.flatnonzero(diff.any(axis=0))
    if rows.size == 0:
        return None
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


class GifWriter:
    """An animated GIF, looping for ever. A GIF counts time in hundredths of a second: each frame
    lasts 1/fps rounded so that the frames so far add up to their time as closely as can be.

    A GIF has one palette of 256 colours: the ``key_colors`` (the runs' colours, the text's) exactly,
    and the colours the first frame needs most (the heat map's) for the rest; every frame is mapped to
    it without dithering, so a colour that stays put stays the same from frame to frame."""

    def __init__(self, path: str, fps: float, key_colors=()):
        self._file = open(path, "wb")  # noqa: SIM115 (closed in close())
        self._fps = fps
        self._keys = list(dict.fromkeys(c.upper() for c in key_colors))[:64]
        self._palette = None
        self._previous: np.ndarray | None = None
        self._frames = 0
        self._centiseconds = 0
        self._pending = None  # (image, offset): written when the next frame says how long it lasts

    def write(self, rgb: np.ndarray) -> None:
        from PIL import GifImagePlugin, Image

        frame = Image.fromarray(np.ascontiguousarray(rgb), "RGB")
        if self._palette is None:
            self._palette = self._palette_for(frame)
            indexed = frame.quantize(palette=self._palette, dither=Image.Dither.NONE)
            header, _ = GifImagePlugin.getheader(indexed.copy(), info={"loop": 0})
            for block in header:
                self._file.write(block)
        else:
            indexed = frame.quantize(palette=self._palette, dither=Image.Dither.NONE)
        index = np.asarray(indexed)
        self._frames += 1
        box = _changed(self._previous, index)
        self._previous = index
        if box is None:  # the same picture: the frame before lasts longer
            return
        self._flush()
        self._pending = (indexed.crop(box), box[:2])

    def _palette_for(self, frame):
        from PIL import Image

        keys = [int(c[i:i + 2], 16) for c in self._keys for i in (1, 3, 5)]
        rest = frame.quantize(colors=256 - len(self._keys), method=Image.Quantize.MEDIANCUT,
                              dither=Image.Dither.NONE)
        used = len(rest.getcolors(256))
        palette = Image.new("P", (1, 1))
        colours = keys + rest.getpalette()[: 3 * used]
        palette.putpalette(colours + colours[-3:] * (256 - len(colours) // 3))
        return palette

    def _flush(self) -> None:
        """Write the frame waiting for its length: until the frame just added."""
        from PIL import GifImagePlugin

        if self._pending is None:
            return
        image, offset = self._pending
        until = round((self._frames - 1) * 100 / self._fps)
        duration = max(until - self._centiseconds, 1)
        self._centiseconds += duration
        for block in GifImagePlugin.getdata(image, offset=offset, duration=duration * 10):
            self._file.write(block)
        self._pending = None

    def close(self) -> None:
        self._frames += 1
        self._flush()
        self._file.write(b";")
        self._file.close()

    def abort(self) -> None:
        self._file.close()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_parts(image) -> tuple[bytes, bytes]:
    """(IHDR data, the IDAT data joined) of ``image`` encoded by Pillow as a PNG."""
    buffer = BytesIO()
    image.save(buffer, "PNG", compress_level=6)
    data, pos, ihdr, idat = buffer.getvalue(), 8, b"", []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = body
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    return ihdr, b"".join(idat)


class ApngWriter:
    """An animated PNG, looping for ever, each frame lasting exactly 1/fps (delay fps-ths of 1 s... as
    the fraction 1/fps where fps is whole, else in milliseconds)."""

    def __init__(self, path: str, fps: float):
        self._file = open(path, "wb")  # noqa: SIM115 (closed in close())
        self._delay = (1, int(fps)) if float(fps).is_integer() and fps <= 65535 else (round(1000 / fps), 1000)
        self._previous: np.ndarray | None = None
        self._sequence = 0
        self._frames = 0
        self._actl_at = 0
        self._last_fctl_at = 0
        self._last_delay = 0

    def write(self, rgb: np.ndarray) -> None:
        from PIL import Image

        rgb = np.ascontiguousarray(rgb)
        box = _changed(self._previous, rgb)
        self._previous = rgb
        if box is None:  # the same picture: the frame before lasts longer
            self._extend_last()
            return
        left, top, right, bottom = box
        ihdr, data = _png_parts(Image.fromarray(rgb[top:bottom, left:right], "RGB"))
        if self._frames == 0:
            self._file.write(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr))
            self._actl_at = self._file.tell()
            self._file.write(_chunk(b"acTL", struct.pack(">II", 1, 0)))  # frame count filled in at the end
        self._last_fctl_at = self._file.tell()
        self._last_delay = self._delay[0]
        self._file.write(self._fctl(right - left, bottom - top, left, top, self._last_delay))
        if self._frames == 0:
            self._file.write(_chunk(b"IDAT", data))
        else:
            self._file.write(_chunk(b"fdAT", struct.pack(">I", self._next()) + data))
        self._frames += 1

    def _next(self) -> int:
        self._sequence += 1
        return self._sequence - 1

    def _fctl(self, w, h, x, y, delay) -> bytes:
        # dispose_op 0 (leave the frame), blend_op 0 (replace the rectangle)
        self._last_fctl = (self._next(), w, h, x, y, delay, self._delay[1], 0, 0)
        return _chunk(b"fcTL", struct.pack(">IIIIIHHBB", *self._last_fctl))

    def _extend_last(self) -> None:
        """The last frame lasts one frame longer: its fcTL is written again with the longer delay."""
        end = self._file.tell()
        fields = list(self._last_fctl)
        self._last_delay += self._delay[0]
        fields[5] = min(self._last_delay, 65535)
        self._file.seek(self._last_fctl_at)
        self._file.write(_chunk(b"fcTL", struct.pack(">IIIIIHHBB", *fields)))
        self._file.seek(end)

    def close(self) -> None:
        self._file.write(_chunk(b"IEND", b""))
        self._file.seek(self._actl_at)
        self._file.write(_chunk(b"acTL", struct.pack(">II", self._frames, 0)))
        self._file.close()

    def abort(self) -> None:
        self._file.close()


class Mp4Writer:
    """H.264 in MP4 by ffmpeg (imageio-ffmpeg brings its own binary), yuv420p so that every player plays
    it; the frame is cropped to an even width and height, as that format needs."""

    def __init__(self, path: str, fps: float):
        if not video_available():
            raise InputError(f"MP4 needs the video extra: {VIDEO_EXTRA}")

        self._path, self._fps = path, fps
        self._frames = None  # started with the first frame, whose size it needs

    def write(self, rgb: np.ndarray) -> None:
        h, w = rgb.shape[0] // 2 * 2, rgb.shape[1] // 2 * 2
        if self._frames is None:
            import imageio_ffmpeg

            # The container is named, since the temporary file's name does not end in .mp4.
            self._frames = imageio_ffmpeg.write_frames(
                self._path, (w, h), fps=self._fps, codec="libx264", pix_fmt_out="yuv420p", quality=8,
                macro_block_size=1, ffmpeg_log_level="error", output_params=["-f", "mp4"])
            self._frames.send(None)
        self._frames.send(np.ascontiguousarray(rgb[:h, :w]).tobytes())

    def close(self) -> None:
        if self._frames is not None:
            self._frames.close()

    def abort(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 (the file is removed anyway)
            pass

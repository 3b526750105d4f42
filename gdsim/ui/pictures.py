"""Pictures of widgets as they are laid out: PNG at any scale (1×, 2×, 4× the screen's pixels) and SVG.

Qt paints the widgets again into the picture (``QWidget.render``), the way it paints them on screen,
so every plot, legend and text is there; at scale 2 it paints as on a screen with twice the pixels
(the image's device pixel ratio), so lines and text stay sharp. The SVG is Qt's own (QSvgGenerator):
lines, text and shapes as vector paths, the heat map as an embedded image.
"""

from contextlib import contextmanager

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

SCALES = (1, 2, 4)


def _size(widgets) -> QSize:
    return QSize(sum(w.width() for w in widgets), max(w.height() for w in widgets))


def _paint(painter: QPainter, widgets) -> None:
    x = 0
    for widget in widgets:
        # QWidget's render (a plot view's own paints only its scene): the widget as on screen.
        QWidget.render(widget, painter, QPoint(x, 0))
        x += widget.width()


@contextmanager
def _export_mode(widgets, options: dict):
    """pyqtgraph's items as its own exporters set them: markers drawn as shapes, not cached pixmaps; and
    no item painted from a cache (a cached item would be an image in the drawing)."""
    items = [item for widget in widgets for view in [widget, *widget.findChildren(QGraphicsView)]
             if isinstance(view, QGraphicsView) and view.scene() is not None
             for item in view.scene().items()]
    exported = [item for item in items if hasattr(item, "setExportMode")]
    cached = [(item, item.cacheMode()) for item in items
              if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    for item in exported:
        item.setExportMode(True, options)
    for item, _ in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for item in exported:
            item.setExportMode(False)
        for item, mode in cached:
            item.setCacheMode(mode)


def image(widgets, scale: float = 1, background: str = "#000000") -> QImage:
    """The widgets side by side, left to right, at ``scale`` times their size in pixels."""
    size = _size(widgets)
    picture = QImage(round(size.width() * scale), round(size.height() * scale),
                     QImage.Format.Format_ARGB32_Premultiplied)
    picture.setDevicePixelRatio(scale)
    picture.fill(QColor(background))
    painter = QPainter(picture)
    _paint(painter, widgets)
    painter.end()
    picture.setDevicePixelRatio(1)  # the file says its size in pixels
    return picture


def png(widgets, scale: float = 1, background: str = "#000000") -> bytes:
    return encoded(image(widgets, scale, background), "PNG")


def encoded(picture: QImage, fmt: str = "PNG") -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not picture.save(buffer, fmt):
        raise OSError(f"Qt could not encode the picture as {fmt}")
    buffer.close()
    return bytes(data.data())


def svg(widgets, title: str, background: str = "#000000") -> bytes:
    size = _size(widgets)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    generator.setDescription("gdsim")
    painter = QPainter(generator)
    painter.fillRect(QRect(0, 0, size.width(), size.height()), QColor(background))
    with _export_mode(widgets, {"antialias": True}):
        _paint(painter, widgets)
    painter.end()
    buffer.close()
    return bytes(data.data())

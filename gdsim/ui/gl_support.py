"""Whether the 3-D surface can be drawn here, and if not, why: PyOpenGL installed (the `3d` extra), a
platform with OpenGL, and a desktop OpenGL context of version 2.1 or later (pyqtgraph's need; a remote
desktop often offers only 1.1).

The answer is worked out without importing PyOpenGL or pyqtgraph.opengl (the 2-D window never loads
them): the cheap checks first, then a context Qt makes and drops, once per process. Qt's messages while
it tries (a missing GLX, say) are kept as the reason instead of reaching the log."""

import importlib.util
from dataclasses import dataclass

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

from .i18n import tr

MIN_VERSION = (2, 1)
NO_GL_PLATFORMS = ("offscreen", "minimal", "vnc")
GL_RENDERER = 0x1F01


@dataclass(frozen=True)
class GlSupport:
    available: bool
    why: str = ""  # one of the reasons below, when not available
    detail: str = ""  # the platform's name, the version found, or Qt's own message
    renderer: str = ""  # e.g. "llvmpipe (LLVM 15.0.6, 256 bits)": software rendering

    def reason(self) -> str:
        """Why the 3-D surface cannot be shown, in the current language ('' if it can)."""
        texts = {
            "pyopengl": lambda: tr("PyOpenGL is not installed (pip install 'gdsim[3d]')"),
            "platform": lambda: tr("the '{0}' platform has no OpenGL (a window without a screen)").format(
                self.detail),
            "context": lambda: tr("no OpenGL context could be made here ({0})").format(
                self.detail or tr("no reason given")),
            "version": lambda: tr("OpenGL {0} is too old: 2.1 or later is needed (a remote desktop often "
                                  "offers only 1.1)").format(self.detail),
            "es": lambda: tr("only OpenGL ES is available here ({0}); desktop OpenGL 2.1 is needed").format(
                self.detail),
        }
        return texts[self.why]() if self.why in texts else ""


_probed: GlSupport | None = None


def pyopengl_installed() -> bool:
    """Whether PyOpenGL can be imported (without importing it)."""
    try:
        return importlib.util.find_spec("OpenGL") is not None
    except (ImportError, ValueError):  # a broken installation, or a module stubbed out
        return False


def platform_name() -> str:
    return QGuiApplication.platformName()


def quick_check() -> GlSupport | None:
    """What is known without making a context: a reason against, or None if it may work."""
    if not pyopengl_installed():
        return GlSupport(False, "pyopengl")
    platform = platform_name()
    if platform in NO_GL_PLATFORMS:
        return GlSupport(False, "platform", platform)
    return None


def gl_support() -> GlSupport:
    """Whether OpenGL works here (worked out once, then remembered)."""
    global _probed
    quick = quick_check()
    if quick is not None:
        return quick
    if _probed is None:
        _probed = _probe_context()
    return _probed


def _probe_context() -> GlSupport:
    messages: list[str] = []

    def keep(kind, context, message):
        if kind != QtMsgType.QtDebugMsg:
            messages.append(message)

    previous = qInstallMessageHandler(keep)
    try:
        context = QOpenGLContext()
        if not context.create():
            return GlSupport(False, "context", "; ".join(messages))
        surface = QOffscreenSurface()
        surface.setFormat(context.format())
        surface.create()
        try:
            if not surface.isValid() or not context.makeCurrent(surface):
                return GlSupport(False, "context", "; ".join(messages))
            form = context.format()
            version = (form.majorVersion(), form.minorVersion())
            renderer = context.functions().glGetString(GL_RENDERER) or ""
            context.doneCurrent()
        finally:
            surface.destroy()
        shown = f"{version[0]}.{version[1]}"
        if context.isOpenGLES():
            return GlSupport(False, "es", shown, renderer)
        if version < MIN_VERSION:
            return GlSupport(False, "version", shown, renderer)
        return GlSupport(True, renderer=renderer)
    finally:
        qInstallMessageHandler(previous)

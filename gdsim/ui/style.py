"""Colours, line widths and number formats shared by the views."""

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

# Runs side by side are told apart by colour, line style and the marker of their current point. The
# runs come in groups of RUN_GROUP that share a line style and a marker; within a group the colours are
# the ones that differ most, also to colour-blind eyes (a test checks it), so that colours alike, such
# as orange and vermilion or sky blue and blue, never share a line style among the first 10 runs.
RUN_GROUP = 3
DASHES = ("solid", "dash", "dashdot", "dashdotdot")
SYMBOLS = ("o", "s", "t", "d")


@dataclass(frozen=True)
class RunLook:
    """How one run is drawn: its colour, line style and marker, and the outline under its path (dark
    under a light colour, light under a dark one, so that the path shows on every colour of a map)."""

    color: str
    dash: str  # one of DASHES
    symbol: str  # pyqtgraph's name of the marker
    outline: str


def relative_luminance(color: str) -> float:
    """WCAG's relative luminance of an #RRGGBB colour: 0 for black, 1 for white."""
    c = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)]) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(linear @ np.array([0.2126, 0.7152, 0.0722]))


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@lru_cache(maxsize=64)  # asked for each run's look at every frame, of a handful of colours
def outline_for(color: str) -> str:
    """Black or white, whichever stands out more against the colour."""
    return "#000000" if contrast(color, "#000000") >= contrast(color, "#FFFFFF") else "#FFFFFF"


@dataclass(frozen=True)
class Style:
    name: str
    background: str
    foreground: str
    grid_alpha: float
    colormap: str
    contour: str
    step: str  # the step about to be taken
    gradient: str
    tracks: tuple[str, ...]
    minimum: str
    correction: str = "#CC79A7"  # what momentum or rescaling adds to the gradient step
    tangent: str = "#FF5CDB"  # the tangent and its slope: a colour no run and no curve has
    contour_opacity: float = 0.55
    scale: float = 1.0

    def width(self, base: float) -> float:
        return base * self.scale

    def track(self, index: int) -> str:
        """The colour of the index-th optimizer run side by side."""
        return self.tracks[index % len(self.tracks)]

    def run(self, index: int) -> RunLook:
        """How the index-th optimizer run side by side is drawn."""
        color = self.track(index)
        group = index // RUN_GROUP
        return RunLook(color, DASHES[group % len(DASHES)], SYMBOLS[group % len(SYMBOLS)], outline_for(color))


DARK = Style("dark", background="#101418", foreground="#E8E8E8", grid_alpha=0.25, colormap="viridis",
             contour="#FFFFFF", step="#F0E442", gradient="#D55E00",
             tracks=("#E69F00", "#56B4E9", "#009E73",  # solid
                     "#F0E442", "#D55E00", "#CC79A7",  # dashed
                     "#0072B2", "#E69F00", "#009E73",  # dash-dot
                     "#56B4E9"),
             minimum="#FFFFFF")

# For projectors: black on white, which a washed-out projector still shows; no yellow (it vanishes on
# white), strong lines, and a colour map whose light end is not white. Both themes draw runs in Okabe
# & Ito's colours, told apart with every common kind of colour blindness.
LIGHT = Style("light", background="#FFFFFF", foreground="#000000", grid_alpha=0.35, colormap="cividis",
              contour="#000000", step="#0072B2", gradient="#D55E00",
              tracks=("#D55E00", "#0072B2", "#009E73",  # solid
                      "#CC79A7", "#000000", "#E69F00",  # dashed
                      "#56B4E9", "#D55E00", "#000000",  # dash-dot
                      "#009E73"),
              minimum="#000000", correction="#CC79A7", tangent="#B0008C", contour_opacity=0.45)

THEMES = {style.name: style for style in (DARK, LIGHT)}
SCALES = (1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5)  # 100 % … 250 %


def themed(name: str, scale: float) -> Style:
    """The named theme at a UI scale (fonts, lines, markers and arrows grow together)."""
    return replace(THEMES.get(name, DARK), scale=min(max(scale, SCALES[0]), SCALES[-1]))


def format_number(value: float, digits: int = 4) -> str:
    """Short, readable numbers: 4.000, 0.01234, 1.2e-07, −3.5e+12."""
    if value == 0:
        return "0"  # not "-0", which a class would ask about
    if not np.isfinite(value):
        return f"{value:g}".replace("-", "−")
    magnitude = abs(value)
    if 1e-3 <= magnitude < 1e5:
        decimals = max(0, digits - 1 - int(np.floor(np.log10(magnitude))))
        text = f"{value:.{decimals}f}"
    else:
        text = f"{value:.{digits - 1}e}"
    return text.replace("-", "−")


def clip_for_display(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Keep far-away values (a run heading off to infinity) within what Qt can rasterise."""
    span = max(hi - lo, 1e-12)
    return np.clip(values, lo - 1e3 * span, hi + 1e3 * span)

"""Colours, line widths and number formats shared by the views."""

from dataclasses import dataclass, replace

import numpy as np

# Okabe & Ito's palette: told apart with every common kind of colour blindness.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")


@dataclass(frozen=True)
class Style:
    name: str
    background: str
    foreground: str
    grid_alpha: float
    colormap: str
    contour: str
    point: str  # the current point and its tangent
    step: str  # the step about to be taken
    gradient: str
    tracks: tuple[str, ...]
    minimum: str
    correction: str = "#CC79A7"  # what momentum or rescaling adds to the gradient step
    contour_opacity: float = 0.55
    scale: float = 1.0

    def width(self, base: float) -> float:
        return base * self.scale

    def track(self, index: int) -> str:
        """The colour of the index-th optimizer run side by side."""
        return self.tracks[index % len(self.tracks)]


DARK = Style("dark", background="#101418", foreground="#E8E8E8", grid_alpha=0.25, colormap="viridis",
             contour="#FFFFFF", point="#FFFFFF", step="#F0E442", gradient="#D55E00",
             tracks=OKABE_ITO, minimum="#FFFFFF")

# For projectors: black on white, which a washed-out projector still shows; no yellow (it vanishes on
# white), strong lines, and a colour map whose light end is not white.
LIGHT = Style("light", background="#FFFFFF", foreground="#000000", grid_alpha=0.35, colormap="cividis",
              contour="#000000", point="#000000", step="#0072B2", gradient="#D55E00",
              tracks=("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"),
              minimum="#000000", correction="#CC79A7", contour_opacity=0.45)

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

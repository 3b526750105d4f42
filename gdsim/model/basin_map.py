"""What a basin map shows, without Qt: a colour per label, the map as an RGBA image, the legend's rows.

The colours of the minima are the Okabe–Ito palette (told apart with every common colour-vision
deficiency), then four more; diverged starts are near black, stuck ones dark grey, and starts still
moving when the steps ran out light grey. The same label has the same colour in every map, so two maps
side by side (two optimizers, two η) compare at a glance.
"""

from dataclasses import dataclass

import numpy as np

from ..engine.errors import QT_TRANSLATE_NOOP
from ..engine.swarm import DIVERGED_LABEL, MOVING_LABEL, OTHER_LABELS, STUCK_LABEL, label_counts

MINIMUM_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#f0e442", "#d55e00",
                   "#8f6fd0", "#8c564b", "#bcbd22", "#17becf")
OTHER_COLOURS = {DIVERGED_LABEL: "#1e1e1e", STUCK_LABEL: "#6e6e6e", MOVING_LABEL: "#d4d4d4"}

# The legend's texts, translated by the window (lupdate's context "basins").
MINIMUM_TEXT = QT_TRANSLATE_NOOP("basins", "minimum {number}")
OTHER_TEXTS = {
    DIVERGED_LABEL: QT_TRANSLATE_NOOP("basins", "diverged"),
    STUCK_LABEL: QT_TRANSLATE_NOOP("basins", "stuck (∇L = 0, no minimum)"),
    MOVING_LABEL: QT_TRANSLATE_NOOP("basins", "still moving"),
}


def colour(label: int) -> str:
    """The colour of a label, as #rrggbb."""
    if label >= 0:
        return MINIMUM_COLOURS[label % len(MINIMUM_COLOURS)]
    return OTHER_COLOURS[label]


def rgb(label: int) -> tuple[int, int, int]:
    text = colour(label)
    return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)


def rgba_image(labels: np.ndarray, minima: int, alpha: int = 255) -> np.ndarray:
    """The labels (rows, columns) as an RGBA image (rows, columns, 4) of uint8."""
    kinds = list(range(minima)) + list(OTHER_LABELS)
    table = np.array([(*rgb(k), alpha) for k in kinds], dtype=np.uint8)
    index = np.where(labels >= 0, labels, minima - 1 - labels)  # −1, −2, −3 → minima, minima+1, …
    return table[index]


@dataclass(frozen=True)
class LegendRow:
    label: int
    count: int
    share: float  # of all starts, 0 … 1
    template: str  # the text before its values: MINIMUM_TEXT (with {number}) or another label's text
    number: int = 0  # a minimum's number, from 1

    @property
    def colour(self) -> str:
        return colour(self.label)


def legend_rows(labels: np.ndarray, minima: int) -> list[LegendRow]:
    """The legend: every minimum (also one no start reached), then the other labels that occur."""
    counts = label_counts(labels, minima)
    total = max(1, len(labels))
    rows = [LegendRow(i, int(counts[i]), counts[i] / total, MINIMUM_TEXT, i + 1) for i in range(minima)]
    for j, label in enumerate(OTHER_LABELS):
        if counts[minima + j]:
            rows.append(LegendRow(label, int(counts[minima + j]), counts[minima + j] / total,
                                  OTHER_TEXTS[label]))
    return rows


def percent(share: float) -> str:
    """A share as the legend writes it, to one decimal: '27.4 %'."""
    return f"{100 * share:.1f} %"


def legend_line(row: LegendRow, translate=lambda text: text) -> str:
    """'minimum 1: 27.4 %' (with the template translated by ``translate``)."""
    return f"{translate(row.template).format(number=row.number)}: {percent(row.share)}"


__all__ = ["LegendRow", "MINIMUM_COLOURS", "OTHER_COLOURS", "colour", "legend_line", "legend_rows",
           "percent", "rgba_image"]

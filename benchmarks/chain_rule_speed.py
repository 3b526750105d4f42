"""The chain-rule panel's costs: the numbers (gdsim.model.chain_rule.chain_at, on the panel's own
thread, in proportion to the samples) and the text (formatting and laying it out, on the window's
thread, the same for any number of samples). Run from the repository root:

    QT_QPA_PLATFORM=offscreen python benchmarks/chain_rule_speed.py

Each figure is the best of five. Timings are noisy on a busy machine: say what `uptime` says.
"""

import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from gdsim.engine import make_problem  # noqa: E402
from gdsim.model.chain_rule import chain_at  # noqa: E402
from gdsim.ui.chain_text import ACROSS, describe_chain  # noqa: E402
from gdsim.ui.style import themed  # noqa: E402


def best(call, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


class Track:
    def __init__(self, params, gradient):
        self.params, self.gradient, self.update_gradient, self.batch_rows = params, gradient, gradient, None


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    from PySide6.QtWidgets import QTextBrowser

    browser = QTextBrowser()
    browser.resize(800, 300)
    rng = np.random.default_rng(0)
    style = themed("light", 1.0)
    print(f"load: {os.getloadavg()[0]:.1f}")
    for n in (40, 10_000, 1_000_000):
        X, y = rng.normal(size=(n, 1)), rng.uniform(size=n)
        problem = make_problem("neuron", data=(X, y), activation="sigmoid", loss="sse")
        point = np.array([0.5, 0.1])
        _, grad = problem.loss_and_grad(point)
        numbers = best(lambda: chain_at(problem, point, 0))  # noqa: B023
        gradient = best(lambda: problem.loss_and_grad(point))  # noqa: B023
        chain = chain_at(problem, point, 0)
        track = Track(point, grad[0])
        text = best(lambda: browser.setHtml(describe_chain(problem, track, chain, style, ACROSS).html))  # noqa: B023
        print(f"N = {n:>9,}: numbers {numbers * 1e3:8.2f} ms (calculator thread; one gradient "
              f"{gradient * 1e3:.2f} ms), text {text * 1e3:.2f} ms (window thread)")
    app.processEvents()


if __name__ == "__main__":
    main()

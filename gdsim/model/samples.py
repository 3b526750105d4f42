"""Seeded subsamples of a dataset's rows, for what is drawn of a dataset too large to use whole in the
time a picture may take: the first stages of a landscape, the slices, the points of the data view.
The runs always use every sample. No Qt here.

A subsample of n rows is the first n of one seeded permutation of all N, so it is the same every
time, and a larger one holds every row of a smaller one: a landscape refined from 10,000 to 100,000
samples keeps the first 10,000.
"""

from functools import lru_cache

import numpy as np

SEED = 20_160_915  # the day Ruder's overview of gradient descent optimizers appeared


def rows(total: int, n: int) -> np.ndarray:
    """Indices (min(n, total),) of a seeded subsample of ``total`` rows, in increasing order (all rows
    if n ≥ total)."""
    if n >= total:
        return np.arange(total)
    return np.sort(_permutation(total)[:n])


@lru_cache(maxsize=4)
def _permutation(total: int) -> np.ndarray:
    order = np.random.default_rng(SEED).permutation(total)
    order.flags.writeable = False
    return order


def count(problem) -> int:
    """How many samples the problem's loss sums over: 0 for a fixed function."""
    dataset = getattr(problem, "dataset", None)
    return 0 if dataset is None else len(dataset.y)


__all__ = ["SEED", "count", "rows"]

"""A run's record in fixed memory: rows of (step, params, loss, gradient norm) for K starts.

A row is kept when its step is a multiple of ``every``. When all slots are taken, the rows whose step
is not a multiple of 2·every are dropped and ``every`` doubles, so the record stays evenly spaced
from step 0 and its memory never grows. Dropping a row frees its slot without moving any data;
``order`` lists the slots in step order. Until the first thinning, slot i holds the i-th row, and a
writer may fill the next slots in place (``rows_ahead``, then ``commit``) instead of appending copies.
"""

import numpy as np


def record_bytes(capacity: int, k: int, d: int) -> int:
    """The memory a Trajectory of this capacity allocates."""
    capacity = max(2, int(capacity))
    return capacity * (8 * k * (d + 2) + 3 * 8)  # params, loss, grad_norm; step, order and free slots


class Trajectory:
    def __init__(self, capacity: int, k: int, d: int):
        capacity = max(2, int(capacity))
        self.params = np.empty((capacity, d, k))  # (slot, d, K): the layout the step loop writes
        self.loss = np.empty((capacity, k))
        self.grad_norm = np.empty((capacity, k))
        self.step = np.full(capacity, -1)
        self.every = 1
        self._order = np.empty(capacity, dtype=np.intp)
        self._used = 0
        self._free = np.arange(capacity)

    def __len__(self) -> int:
        return self._used

    @property
    def order(self) -> np.ndarray:
        """The used slots in step order."""
        return self._order[: self._used]

    def append(self, steps: np.ndarray, params, loss, grad_norm2, columns=None) -> None:
        """Record the rows among ``steps`` (n,) that fall on the recording interval.

        ``params`` is (n, d, Ka), ``loss`` and ``grad_norm2`` (squared norms) are (n, Ka); with
        ``columns``, they hold only those of the K starts.
        """
        if self.every == 1 and len(steps) <= len(self._free):
            n, sel = len(steps), slice(None)  # every row is kept
        else:
            keep = steps % self.every == 0
            while keep.sum() > len(self._free):
                self._thin()
                keep = steps % self.every == 0
            n = int(keep.sum())
            if n == 0:
                return
            sel = slice(None) if n == len(steps) else np.flatnonzero(keep)
        slots, self._free = self._free[:n], self._free[n:]
        first = int(slots[0])
        if slots[-1] - first == n - 1:  # consecutive slots: a slice, no index array
            rows = slice(first, first + n)
            if columns is None:
                self.params[rows] = params[sel]
                self.loss[rows] = loss[sel]
                np.sqrt(grad_norm2[sel], out=self.grad_norm[rows])
            else:
                self.params[rows][..., columns] = params[sel]
                self.loss[rows][:, columns] = loss[sel]
                self.grad_norm[rows][:, columns] = np.sqrt(grad_norm2[sel])
        elif columns is None:
            self.params[slots] = params[sel]
            self.loss[slots] = loss[sel]
            self.grad_norm[slots] = np.sqrt(grad_norm2[sel])
        else:
            coordinates = np.arange(self.params.shape[1])[None, :, None]
            self.params[slots[:, None, None], coordinates, columns[None, None, :]] = params[sel]
            self.loss[slots[:, None], columns[None, :]] = loss[sel]
            self.grad_norm[slots[:, None], columns[None, :]] = np.sqrt(grad_norm2[sel])
        self.step[slots] = steps[sel]
        self._order[self._used : self._used + n] = slots
        self._used += n

    def rows_ahead(self, n: int):
        """Views of the next n slots, params (n, d, K), loss and squared gradient norms (n, K), to be
        filled in place with the next n rows of all K starts and then ``commit``-ted; None unless every
        row is kept so far (``every`` is 1) and n slots are left."""
        if self.every != 1 or self._used + n > len(self.step) or self._free[0] != self._used:
            return None
        rows = slice(self._used, self._used + n)
        return self.params[rows], self.loss[rows], self.grad_norm[rows]

    def commit(self, steps: np.ndarray) -> None:
        """Record the rows written into ``rows_ahead(len(steps))`` as those steps (their squared gradient
        norms become norms, in place)."""
        n = len(steps)
        rows = slice(self._used, self._used + n)
        np.sqrt(self.grad_norm[rows], out=self.grad_norm[rows])
        self.step[rows] = steps
        self._order[rows] = self._free[:n]
        self._free = self._free[n:]
        self._used += n

    def in_place(self, n: int):
        """The first n slots as views, params (n, d, K), loss and grad_norm (n, K): rows 0 … n−1 in
        step order, for a record never thinned (slots from ``len(self)`` on are not written yet)."""
        if self.every != 1 or not 1 <= n <= len(self.step):
            raise ValueError(f"the first {n} slots of this record are not its rows in order")
        return self.params[:n], self.loss[:n], self.grad_norm[:n]

    def clear(self) -> None:
        """Drop every row (a reader has taken them): slots fill from the first again, ``every`` stays."""
        self.step[self.order] = -1
        self._used = 0
        self._free = np.arange(len(self.step))

    def truncate(self, last_step: int) -> None:
        """Drop the rows after ``last_step`` (a run going back to it)."""
        order = self.order
        dropped = self.step[order] > last_step
        if not dropped.any():
            return
        freed, kept = order[dropped], order[~dropped]
        self.step[freed] = -1
        self._order[: len(kept)] = kept
        self._used = len(kept)
        self._free = np.sort(np.concatenate([self._free, freed]))

    def fill(self, column: int, after_step: int, params, loss: float, grad_norm: float) -> None:
        """Write one start's values into its column of every row after ``after_step``."""
        order = self.order
        rows = order[self.step[order] > after_step]
        self.params[rows, :, column] = params
        self.loss[rows, column] = loss
        self.grad_norm[rows, column] = grad_norm

    def slots(self, max_rows: int | None = None) -> np.ndarray:
        """Slots in step order; with ``max_rows``, evenly spaced ones including the first and last (with
        1, the last)."""
        if max_rows is None or self._used <= max_rows:
            return self.order
        if max_rows == 1:
            return self.order[-1:]
        picks = np.linspace(0, self._used - 1, max(2, max_rows)).round().astype(int)
        return self.order[np.unique(picks)]

    def _thin(self) -> None:
        self.every *= 2
        order = self.order
        dropped = self.step[order] % self.every != 0
        freed = order[dropped]
        kept = order[~dropped]
        self.step[freed] = -1
        self._order[: len(kept)] = kept
        self._used = len(kept)
        self._free = np.sort(np.concatenate([self._free, freed]))

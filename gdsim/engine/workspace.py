"""Scratch arrays kept between steps, so that the step loop allocates nothing."""

import numpy as np


class Workspace:
    """Named scratch buffers, created on first use and reused while their shape stays the same."""

    def __init__(self):
        self._arrays: dict = {}

    def get(self, key: str, shape: tuple[int, ...]) -> np.ndarray:
        array = self._arrays.get(key)
        if array is None or array.shape != shape:
            array = self._arrays[key] = np.empty(shape)
        return array

    def scratch(self, n: int, shape: tuple[int, ...]) -> list[np.ndarray]:
        """n distinct arrays of one shape, the same ones on every call while the shape stays the same
        (a new shape replaces them: a run whose starts stop one by one must not keep a set per count)."""
        arrays = self._arrays.get(("scratch", n))
        if arrays is None or arrays[0].shape != shape:
            arrays = self._arrays[("scratch", n)] = [np.empty(shape) for _ in range(n)]
        return arrays

    def like(self, key: str, prototype: np.ndarray) -> np.ndarray:
        """A buffer of the prototype's shape, column-major if the prototype is (element-wise
        operations between arrays of the same layout run fastest)."""
        array = self._arrays.get(key)
        if array is None or array.shape != prototype.shape:
            if prototype.ndim == 2 and prototype.flags.f_contiguous:
                array = column_major(*prototype.shape)
            else:
                array = np.empty(prototype.shape)
            self._arrays[key] = array
        return array


def column_major(k: int, d: int) -> np.ndarray:
    """An empty (K, d) array whose columns are contiguous, so `p[:, i]` is a fast 1-D view."""
    return np.empty((d, k)).T

"""Parameter layouts: reference (canonical) <-> torch, both ways, written once.

The reference stores a kernel as (*receptive_field, in, out); torch stores it as
(out, in, *receptive_field): ``torch.nn.Linear.weight`` is (out, in), a conv weight
(out, in, kh, kw). Layout "out_in" is that permutation (for a Dense kernel, the transpose);
arrays of rank < 2 (biases) are unchanged.
"""
from __future__ import annotations

import numpy as np


def kernel_axes(rank: int) -> tuple[int, ...]:
    """Reference (*rf, in, out) -> torch (out, in, *rf), as axes of np.transpose."""
    return (rank - 1, rank - 2, *range(rank - 2))


def _kernel_to_torch(a: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.transpose(a, kernel_axes(a.ndim))) if a.ndim >= 2 else a


def _kernel_from_torch(a: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.transpose(a, np.argsort(kernel_axes(a.ndim)))) if a.ndim >= 2 else a


# name -> (reference -> torch, torch -> reference)
LAYOUTS = {
    "same": (lambda a: a, lambda a: a),
    "out_in": (_kernel_to_torch, _kernel_from_torch),
}


def to_torch(layout: str, array: np.ndarray) -> np.ndarray:
    return LAYOUTS[layout][0](array)


def from_torch(layout: str, array: np.ndarray) -> np.ndarray:
    return LAYOUTS[layout][1](array)


def torch_shape(shape: tuple[int, ...]) -> tuple[int, ...]:
    """The torch shape of a reference kernel shape."""
    return tuple(shape[i] for i in kernel_axes(len(shape))) if len(shape) >= 2 else tuple(shape)

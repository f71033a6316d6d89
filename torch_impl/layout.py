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


# --- convolution (reference.conventions block "Convolution") -------------------------------------------------------
# nn.Conv1d/Conv2d weight (F, C/groups, *k) is "out_in" above. nn.ConvTranspose2d stores its weight
# (C_in, F/groups, *k): "in_out" maps the reference's (*k, C_in, F) to it (the kernel axes moved to the end).
def _transposed_to_torch(a: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.moveaxis(a, (-2, -1), (0, 1)))


def _transposed_from_torch(a: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.moveaxis(a, (0, 1), (-2, -1)))


LAYOUTS["in_out"] = (_transposed_to_torch, _transposed_from_torch)


# --- recurrent layers (reference.conventions.RECURRENT_GATES) ------------------------------------------------------
# torch's RNN/LSTM/GRU weight_ih_l0 (G·H, F) and weight_hh_l0 (G·H, H) are the reference's W (F, G·H), U (H, G·H)
# transposed ("out_in"); biases bias_ih_l0, bias_hh_l0 (G·H,) are b, recurrent_b. LSTM gates: torch i, f, g, o = the
# reference's i, f, c, o. GRU gates: torch r, z, n against the reference's (Keras's) z, r, h: "gru_gates" also swaps
# the first two gate blocks (a swap: its own inverse).
GRU_TORCH_BLOCKS = (1, 0, 2)       # torch block k holds reference block GRU_TORCH_BLOCKS[k]


def _swap_gru_blocks(a: np.ndarray) -> np.ndarray:
    """Permute the 3 gate blocks along axis 0 (torch's gate axis)."""
    blocks = np.split(a, 3, axis=0)
    return np.ascontiguousarray(np.concatenate([blocks[k] for k in GRU_TORCH_BLOCKS], axis=0))


LAYOUTS["gru_gates"] = (lambda a: _swap_gru_blocks(_kernel_to_torch(a)),
                        lambda a: _kernel_from_torch(_swap_gru_blocks(a)))


def to_torch(layout: str, array: np.ndarray) -> np.ndarray:
    return LAYOUTS[layout][0](array)


def from_torch(layout: str, array: np.ndarray) -> np.ndarray:
    return LAYOUTS[layout][1](array)


def torch_shape(shape: tuple[int, ...]) -> tuple[int, ...]:
    """The torch shape of a reference kernel shape."""
    return tuple(shape[i] for i in kernel_axes(len(shape))) if len(shape) >= 2 else tuple(shape)

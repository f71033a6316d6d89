"""Parameter layouts: reference (canonical) <-> Keras, both ways, written once.

Keras stores a Dense kernel as (in, out), like the reference; the kernels it stores otherwise are below.
"""
from __future__ import annotations

import numpy as np

LAYOUTS = {
    "same": (lambda a: a, lambda a: a),
}


# --- convolution (reference.conventions block "Convolution") -------------------------------------------------------
# Conv1D/Conv2D kernels (*k, C/groups, F) are the reference's ("same"). Conv2DTranspose stores (*k, F, C_in):
# "swap_in_out" swaps the last two axes of the reference's (*k, C_in, F) (a swap: its own inverse).
def _swap_in_out(a: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.swapaxes(a, -1, -2))


LAYOUTS["swap_in_out"] = (_swap_in_out, _swap_in_out)


# --- recurrent layers (reference.conventions block "Recurrent layers") --------------------------------------------
# SimpleRNN/LSTM/GRU cells store kernel (F, G·H) and recurrent_kernel (H, G·H) in the reference's gate order
# (Keras's: LSTM i, f, c, o; GRU z, r, h): "same". The GRU's bias with reset_after=True is (2, 3H), row 0 the input
# bias b and row 1 the recurrent bias recurrent_b: ``Param(..., row=0/1)`` (tf_impl/runner.py reads and writes the row).


def to_keras(layout: str, array: np.ndarray) -> np.ndarray:
    return LAYOUTS[layout][0](array)


def from_keras(layout: str, array: np.ndarray) -> np.ndarray:
    return LAYOUTS[layout][1](array)

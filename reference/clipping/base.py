"""Gradient clipping: a pure function of the gradients, applied before the optimizer's update.

    clip = ClipByGlobalNorm(max_norm=1.0)
    grads = clip(grads)                          # dict name -> array, new arrays

Norm clipping multiplies by s = min(1, c / (‖g‖ + ε)). ε defaults to 0; PyTorch's
``clip_grad_norm_`` hard-codes ε = 1e-6 (``torch/nn/utils/clip_grad.py``), which the option
reproduces. Scalars stay Python floats so float32 gradients stay float32.

A NaN norm (some gradient entry is NaN) makes s NaN, as the formula says: every tensor the norm
scales becomes NaN (for the global norm, all of them), never left unclipped. An inf entry gives
s = 0, so that tensor's finite entries become 0 and its inf entries NaN (inf · 0).
``grads`` must be a dict name -> float array (``reference.validate.arrays``).
"""
from __future__ import annotations

import math

import numpy as np

from reference import validate

Grads = dict[str, np.ndarray]


class Clipping:
    def __call__(self, grads: Grads) -> Grads:
        raise NotImplementedError


def norm_args(max_norm, epsilon) -> tuple[float, float]:
    return (validate.number("max_norm", max_norm, low=0.0, low_open=True),
            validate.number("epsilon", epsilon, low=0.0))


def scale(norm: float, max_norm: float, epsilon: float) -> float:
    """min(1, c / (‖g‖ + ε)), with a zero gradient left alone and NaN for a NaN norm."""
    den = norm + epsilon
    if math.isnan(den):
        return math.nan                 # Python's min(1.0, nan) would return 1.0: unclipped
    return 1.0 if den == 0 else min(1.0, max_norm / den)


def l2(a: np.ndarray) -> float:
    return math.sqrt(float(np.sum(a.astype(np.float64) ** 2)))

"""Negative log-likelihood on log-probabilities with integer class labels, one value per sample.

y_pred a: (N, C) log-probabilities (not re-normalised); y_true k: (N,) integers in [0, C).
    ℓ_n = −a_{n, k_n}                                               (N,)
    dℓ/da = −onehot(k)
ℓ_n depends on a_{n, k_n} only: a NaN or ±inf elsewhere in the row does not reach it, and the
gradient −1 is the same constant at any value (Loss.forward checks the labels).
"""
from __future__ import annotations

import numpy as np

from reference.base import Loss
from reference.registry import register


@register("loss", "nll")
class NegativeLogLikelihood(Loss):
    target_kind = "int"
    elementwise = False

    def unreduced(self, y_pred, y_true):
        rows = np.arange(len(y_true))
        return -y_pred[rows, y_true], (y_pred.shape, y_true)        # (N,)

    def unreduced_backward(self, dvalues, cache):
        shape, labels = cache
        grad = np.zeros(shape, dtype=dvalues.dtype)                 # (N, C)
        grad[np.arange(len(labels)), labels] = -dvalues
        return grad

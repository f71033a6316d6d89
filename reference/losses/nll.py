"""Negative log-likelihood on log-probabilities with integer class labels, one value per sample.

y_pred a: (N, C) log-probabilities (not re-normalised); y_true k: (N,) integers in [0, C).
    ℓ_n = −a_{n, k_n}                                               (N,)
    dℓ/da = −onehot(k)
"""
from __future__ import annotations

import numpy as np

from reference.base import Loss
from reference.losses.numerics import check_labels
from reference.registry import register


@register("loss", "nll")
class NegativeLogLikelihood(Loss):
    target_kind = "int"
    elementwise = False

    def unreduced(self, y_pred, y_true):
        check_labels(y_true, y_pred)
        rows = np.arange(len(y_true))
        return -y_pred[rows, y_true], (y_pred.shape, y_true)        # (N,)

    def unreduced_backward(self, dvalues, cache):
        shape, labels = cache
        grad = np.zeros(shape, dtype=dvalues.dtype)                 # (N, C)
        grad[np.arange(len(labels)), labels] = -dvalues
        return grad

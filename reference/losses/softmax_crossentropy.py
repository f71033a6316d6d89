"""Softmax cross-entropy on logits with one-hot (or soft) targets, one value per sample.

y_pred z: (N, C) logits; y_true y: (N, C) targets.
    ℓ_n = −Σ_c y_c log softmax(z)_c = Σ_c y_c (logsumexp(z) − z_c)        (N,)
    dℓ/dz = softmax(z)·Σ_c y_c − y         (softmax(z) − y for targets that sum to 1)
log softmax is taken after subtracting the row max, so logits of any size stay finite.
"""
from __future__ import annotations

import numpy as np

from reference.activations.log_softmax import log_softmax
from reference.base import Loss
from reference.registry import register


@register("loss", "softmax_crossentropy")
class SoftmaxCrossentropy(Loss):
    elementwise = False

    def unreduced(self, y_pred, y_true):
        logp = log_softmax(y_pred)                                  # (N, C)
        return -(y_true * logp).sum(axis=-1), (logp, y_true)       # (N,)

    def unreduced_backward(self, dvalues, cache):
        logp, y = cache
        grad = np.exp(logp) * y.sum(axis=-1, keepdims=True) - y     # (N, C)
        return grad * dvalues[:, None]

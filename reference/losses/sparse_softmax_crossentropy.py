"""Softmax cross-entropy on logits with integer class labels, one value per sample.

y_pred z: (N, C) logits; y_true k: (N,) integers in [0, C).
    ℓ_n = logsumexp(z_n) − z_{n, k_n} = −log softmax(z_n)_{k_n}        (N,)
    dℓ/dz = softmax(z) − onehot(k)
"""
from __future__ import annotations

import numpy as np

from reference.activations.log_softmax import log_softmax
from reference.base import Loss
from reference.losses.numerics import check_labels
from reference.registry import register


@register("loss", "sparse_softmax_crossentropy")
class SparseSoftmaxCrossentropy(Loss):
    target_kind = "int"
    elementwise = False

    def unreduced(self, y_pred, y_true):
        check_labels(y_true, y_pred)
        logp = log_softmax(y_pred)                                  # (N, C)
        rows = np.arange(len(y_true))
        return -logp[rows, y_true], (logp, y_true)                  # (N,)

    def unreduced_backward(self, dvalues, cache):
        logp, labels = cache
        grad = np.exp(logp)                                         # (N, C) softmax
        grad[np.arange(len(labels)), labels] -= 1
        return grad * dvalues[:, None]

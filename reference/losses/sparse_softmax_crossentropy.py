"""Softmax cross-entropy on logits with integer class labels, one value per sample.

y_pred z: (N, C) logits; y_true k: (N,) integers in [0, C).
    ℓ_n = logsumexp(z_n) − z_{n, k_n} = −log softmax(z_n)_{k_n}        (N,)
    dℓ/dz = softmax(z) − onehot(k),   at the label: p_k − 1 = −Σ_{j≠k} p_j
log softmax as in softmax_crossentropy.py: when the label is the row's max, ℓ = log1p(Σ_{j≠k}
exp(z_j − z_k)) keeps its relative accuracy (4.248e-18 for z = [40, 0], k = 0, where
logsumexp − z_k rounds to 0), and so does the gradient at the label, summed over the other
classes rather than taken as p_k − 1.
"""
from __future__ import annotations

import numpy as np

from reference.activations.softmax import shift_by_max
from reference.base import Loss
from reference.losses.numerics import sum_of_others_at
from reference.registry import register


@register("loss", "sparse_softmax_crossentropy")
class SparseSoftmaxCrossentropy(Loss):
    target_kind = "int"
    elementwise = False

    def unreduced(self, y_pred, y_true):
        z, rest = shift_by_max(y_pred)                              # (N, C), (N, 1)
        rows = np.arange(len(y_true))
        loss = np.log1p(rest[:, 0]) - z[rows, y_true]               # (N,) −log softmax at the label only
        p = np.exp(z) / (1 + rest)        # (N, C) softmax; exp(log p) would lose the ulps of |log p| ≫ 1
        return loss, (p, y_true)

    def unreduced_backward(self, dvalues, cache):
        p, labels = cache
        k = labels[:, None]                                         # (N, 1)
        grad = p.copy()                                             # (N, C)
        np.put_along_axis(grad, k, -sum_of_others_at(p, k), axis=-1)   # p_k − 1 = −Σ_{j≠k} p_j
        grad *= dvalues[:, None]                                    # into the fresh copy
        return grad

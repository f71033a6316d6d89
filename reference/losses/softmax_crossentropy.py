"""Softmax cross-entropy on logits with one-hot (or soft) targets, one value per sample.

y_pred z: (N, C) logits; y_true y: (N, C) targets in [0, 1].
    ℓ_n = −Σ_c y_c log softmax(z)_c = Σ_c y_c (logsumexp(z) − z_c)        (N,)
    dℓ/dz = softmax(z)·Σ_c y_c − y         (softmax(z) − y for targets that sum to 1)
log softmax is z − m − log1p(Σ_{j≠k} exp(z_j − m)), m = z_k the row max
(reference/activations/softmax.py, ``shift_by_max``): finite for logits of any size, and a
confident row keeps its relative accuracy (ℓ = 4.248e-18 for z = [40, 0], y = [1, 0]).
The gradient is written p_c·Σ_{j≠c} y_j − y_c·Σ_{j≠c} p_j (equal to p_c Σy − y_c since Σp = 1),
each sum over the other classes summed rather than subtracted from the total, so that
1 − p_k for p_k ≈ 1 is not lost: [−4.248e-18, 4.248e-18] for that row, not [0, 4.248e-18].
A class with target 0 counts 0 even where its log-probability is −inf; non-finite logits as
the softmax's (reference/activations/nonfinite.py).
"""
from __future__ import annotations

import numpy as np

from reference.activations.softmax import shift_by_max
from reference.base import Loss
from reference.losses.checks import TARGETS
from reference.losses.numerics import sum_of_others, xmul
from reference.registry import register


@register("loss", "softmax_crossentropy")
class SoftmaxCrossentropy(Loss):
    elementwise = False
    target_domain = TARGETS

    def unreduced(self, y_pred, y_true):
        z, rest = shift_by_max(y_pred)                              # (N, C), (N, 1)
        logp = z - np.log1p(rest)                                   # (N, C)
        p = np.exp(z) / (1 + rest)        # (N, C) softmax; exp(logp) would lose the ulps of |logp| ≫ 1
        return -xmul(y_true, logp).sum(axis=-1), (p, y_true)        # (N,)

    def unreduced_backward(self, dvalues, cache):
        p, y = cache                                                # (N, C)
        grad = p * sum_of_others(y) - y * sum_of_others(p)          # p·Σy − y
        return grad * dvalues[:, None]

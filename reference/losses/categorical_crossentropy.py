"""Categorical cross-entropy on probabilities, one value per sample.

y_pred p: (N, C) rows of probabilities; y_true y: (N, C) one-hot (or soft) targets.
    q   = p / Σ_c p_c        if renormalize, else p
    q̃   = clip(q, eps, 1 − eps)
    ℓ_n = −Σ_c y_c log q̃_c                                       (N,)
Backward, with g = −y / q̃ · [eps ≤ q ≤ 1 − eps] · dℓ_n (g_c = 0 where y_c = 0):
    dℓ/dp = g                              without renormalising
    dℓ/dp = (g − Σ_c g_c q_c) / Σ_c p_c    with it
On the simplex the two values agree; the gradients differ by Σ_c y_c/Σ_c p_c (1 for one-hot
targets) in every component. Σ_c g_c q_c is taken as −Σ_c y_c·[mask_c]·dℓ_n (q = q̃ where the
mask passes), not as the product, which is −inf·0 = NaN at a zero probability with a nonzero
target: p = [0, 1, 0], y = [1, 0, 0] has the gradient [−inf, 1, 1].
p must lie in [0, 1], y in [0, 1] (soft and unnormalised targets allowed; NaN propagates).
Keras always renormalises and clips with its epsilon; torch has no cross-entropy on
probabilities (see conformance/divergences/losses.py).
"""
from __future__ import annotations

from reference import validate
from reference.base import Loss
from reference.losses.checks import PROBABILITIES, TARGETS
from reference.losses.numerics import clip_probs, xdivy, xlogy
from reference.registry import register


@register("loss", "categorical_crossentropy")
class CategoricalCrossentropy(Loss):
    elementwise = False
    pred_domain = PROBABILITIES
    target_domain = TARGETS

    def __init__(self, reduction: str = "mean", eps: float = 0.0, renormalize: bool = False):
        super().__init__(reduction)
        self.eps = validate.number("eps", eps, low=0.0, high=0.5, high_open=True)
        self.renormalize = validate.flag("renormalize", renormalize)

    def unreduced(self, y_pred, y_true):
        total = y_pred.sum(axis=-1, keepdims=True) if self.renormalize else None   # (N, 1)
        q = y_pred / total if self.renormalize else y_pred                           # (N, C)
        q_clipped, mask = clip_probs(q, self.eps)
        values = -xlogy(y_true, q_clipped).sum(axis=-1)                             # (N,)
        return values, (q, q_clipped, mask, total, y_true)

    def unreduced_backward(self, dvalues, cache):
        q, q_clipped, mask, total, y = cache
        g = -xdivy(y, q_clipped) * mask * dvalues[:, None]                          # (N, C)
        if self.renormalize:
            g = (g + (y * mask).sum(axis=-1, keepdims=True) * dvalues[:, None]) / total   # g − Σ g·q
        return g

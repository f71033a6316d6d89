"""Binary cross-entropy on probabilities, with an explicit clipping option.

Per element, with p̃ = clip(p, eps, 1 − eps):
    ℓ = −[y log p̃ + (1 − y) log(1 − p̃)]
    dℓ/dp = [−y / p̃ + (1 − y) / (1 − p̃)] · [eps ≤ p ≤ 1 − eps]

eps = 0 (the default) is the plain formula, exact wherever it is finite: a term whose weight
is zero (y = 0, or 1 − y = 0) counts 0 even where its log is −inf, and log(1 − p̃) uses log1p.
Targets may be soft (any y in [0, 1]). The frameworks clip differently: torch clamps each log
at −100 (and p(1 − p) at 1e-12 in its backward), Keras clips p to [ε, 1 − ε] with
ε = keras.config.epsilon() = 1e-7; ``eps`` is the knob that maps either (see
conformance/divergences/losses.py).
"""
from __future__ import annotations

from reference import validate
from reference.base import Loss
from reference.losses.numerics import clip_probs, xdivy, xlog1my, xlogy
from reference.registry import register


@register("loss", "bce")
class BinaryCrossentropy(Loss):
    def __init__(self, reduction: str = "mean", eps: float = 0.0):
        super().__init__(reduction)
        self.eps = validate.number("eps", eps, low=0.0, high=0.5, high_open=True)

    def unreduced(self, y_pred, y_true):
        p, mask = clip_probs(y_pred, self.eps)   # (N, C)
        values = -(xlogy(y_true, p) + xlog1my(1 - y_true, p))
        return values, (p, mask, y_true)

    def unreduced_backward(self, dvalues, cache):
        p, mask, y = cache
        return (xdivy(1 - y, 1 - p) - xdivy(y, p)) * mask * dvalues

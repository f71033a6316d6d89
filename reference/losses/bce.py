"""Binary cross-entropy on probabilities, with an explicit clipping option.

Per element, with p̃ = clip(p, eps, 1 − eps):
    ℓ = −[y log p̃ + (1 − y) log(1 − p̃)]
    dℓ/dp = [−y / p̃ + (1 − y) / (1 − p̃)] · [eps ≤ p ≤ 1 − eps]
          = (p̃ − y) / (p̃(1 − p̃)) · [eps ≤ p ≤ 1 − eps]

The gradient is computed in the second form wherever p̃(1 − p̃) > 0: the first cancels when
p ≈ y (relative error 5e-8 at p = 0.4539787048051625, y = p + 1e-9), the second subtracts
only the inputs. At p̃ = 0 or 1 the first form gives the limits (1 or −inf at p̃ = 0, ...).

eps = 0 (the default) is the plain formula, exact wherever it is finite: a term whose weight
is zero (y = 0, or 1 − y = 0) counts 0 even where its log is −inf, and log(1 − p̃) uses log1p.
p and y must lie in [0, 1] (soft targets allowed; NaN propagates). The frameworks clip
differently: torch clamps each log at −100 (and p(1 − p) at 1e-12 in its backward), Keras clips
p to [ε, 1 − ε] with ε = keras.config.epsilon() = 1e-7; ``eps`` is the knob that maps either
(see conformance/divergences/losses.py).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Loss
from reference.losses.checks import PROBABILITIES, TARGETS
from reference.losses.numerics import clip_probs, xdivy, xlog1my, xlogy
from reference.registry import register


@register("loss", "bce")
class BinaryCrossentropy(Loss):
    pred_domain = PROBABILITIES
    target_domain = TARGETS

    def __init__(self, reduction: str = "mean", eps: float = 0.0):
        super().__init__(reduction)
        self.eps = validate.number("eps", eps, low=0.0, high=0.5, high_open=True)

    def unreduced(self, y_pred, y_true):
        p, mask = clip_probs(y_pred, self.eps)   # (N, C)
        values = -(xlogy(y_true, p) + xlog1my(1 - y_true, p))
        return values, (p, mask, y_true)

    def unreduced_backward(self, dvalues, cache):
        p, mask, y = cache
        pq = p * (1 - p)
        with np.errstate(divide="ignore", invalid="ignore"):
            grad = np.where(pq > 0, (p - y) / pq, xdivy(1 - y, 1 - p) - xdivy(y, p))
        return grad * mask * dvalues

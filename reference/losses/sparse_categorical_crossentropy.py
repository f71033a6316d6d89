"""Sparse categorical cross-entropy on probabilities with integer class labels, one value per sample.

y_pred p: (N, C) rows of probabilities in [0, 1]; y_true k: (N,) integers in [0, C).
    q̃   = clip(p, eps, 1 − eps),   m_c = [eps ≤ p_c ≤ 1 − eps]
    ℓ_n = −log q̃_k                                   without renormalising
    ℓ_n = −log(q̃_k / Σ_c q̃_c) = log1p(R_k / q̃_k)     with it,  R_k = Σ_{c≠k} q̃_c
Backward (dℓ_n = 1):
    dℓ/dp_c = −m_k / q̃_k · [c = k]                   without renormalising
    dℓ/dp_c = m_c / Σq̃ − m_k / q̃_k · [c = k]          with it; at c = k: −m_k R_k / (q̃_k Σq̃)
R_k is summed over the other classes, not taken as Σq̃ − q̃_k, so a confident row keeps its
relative accuracy in both the value and the gradient at the label.

The order, clip then renormalise, is Keras's: SparseCategoricalCrossentropy(from_logits=False)
clips p to [ε, 1 − ε] and hands log p̃ to sparse softmax cross-entropy, which renormalises
(keras/src/backend/tensorflow/nn.py, sparse_categorical_crossentropy). Keras's
categorical_crossentropy renormalises first, then clips (categorical_crossentropy.py here).
With eps = 0 the order does not matter. Keras always renormalises and clips with ε = 1e-7;
torch has no cross-entropy on probabilities (see conformance/divergences/losses.py).
At a zero probability the value is inf and the gradient at the label −inf; a class with
probability 0 that is not the label has the finite gradient 1/Σq̃ (renormalising) or 0.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Loss
from reference.losses.checks import PROBABILITIES
from reference.losses.numerics import clip_probs
from reference.registry import register


@register("loss", "sparse_categorical_crossentropy")
class SparseCategoricalCrossentropy(Loss):
    target_kind = "int"
    elementwise = False
    pred_domain = PROBABILITIES

    def __init__(self, reduction: str = "mean", eps: float = 0.0, renormalize: bool = False):
        super().__init__(reduction)
        self.eps = validate.number("eps", eps, low=0.0, high=0.5, high_open=True)
        self.renormalize = validate.flag("renormalize", renormalize)

    def unreduced(self, y_pred, y_true):
        q, mask = clip_probs(y_pred, self.eps)                      # (N, C)
        rows = np.arange(len(y_true))
        q_k = q[rows, y_true]                                       # (N,)
        others = q.copy()
        others[rows, y_true] = 0
        rest = others.sum(axis=-1)                                  # (N,) R_k
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.log1p(rest / q_k) if self.renormalize else -np.log(q_k)
        return values, (q, mask, y_true, q_k, rest)

    def unreduced_backward(self, dvalues, cache):
        q, mask, labels, q_k, rest = cache
        rows = np.arange(len(labels))
        mask = mask.astype(q.dtype)                                                 # (N, C) m_c
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.renormalize:
                total = q_k + rest                                                  # (N,) Σq̃
                grad = mask / total[:, None]                                        # (N, C)
                grad[rows, labels] = -mask[rows, labels] * rest / (q_k * total)
            else:
                grad = np.zeros(q.shape, dtype=q.dtype)
                grad[rows, labels] = -mask[rows, labels] / q_k
        return grad * dvalues[:, None]

"""Alpha dropout (Klambauer et al., 2017, "Self-normalizing neural networks"), for SELU networks:
a dropped unit goes to SELU's negative saturation −λα instead of 0, and an affine map restores
zero mean and unit variance for inputs with zero mean and unit variance.

Training:    m ~ Bernoulli(1 − p), one per element (the ``noise``: a boolean keep-mask, x's shape)
             α' = λα = 1.7580993408473766 (SELU's λ and α, reference/activations/selu.py)
             a = ((1 − p)(1 + p α'²))^(−1/2),   b = a α' p
Forward:     y = a (x m − α' (1 − m)) + b     (kept: a x + a α' p;  dropped: −a α' (1 − p))
Backward:    dx = dy · a · m
Evaluation:  y = x,  dx = dy

Shapes: x, m, y (N, ..., F). p lies in [0, 1): at p = 1, a = ∞ (Keras's ``AlphaDropout`` raises
ZeroDivisionError there; torch's ``nn.AlphaDropout`` returns 0, as its plain dropout).

torch.nn.AlphaDropout (aten Dropout.cpp ``_dropout_impl``: α' as the literal above, b added to
x·m·a) and keras.layers.AlphaDropout (α' = −alpha·scale, y = a·(x·m + α_p·(1 − m)) + b) compute
this same formula; they differ only in the order of roundings. The harness reads the mask back from
a run on an input of ones, where a kept unit shows a + b > 0 and a dropped one −a α' (1 − p) < 0
(``kept_alpha_units``).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.activations.selu import ALPHA, SCALE
from reference.layers.dropout import Dropout
from reference.registry import register

ALPHA_PRIME = SCALE * ALPHA          # 1.7580993408473766, torch's literal


def kept_alpha_units(y: np.ndarray) -> np.ndarray:
    """The keep-mask of an alpha dropout run on an input of ones: kept units show a + b > 0, dropped
    ones −a α' (1 − p) < 0."""
    return np.asarray(y) > 0


@register("layer", "alpha_dropout")
class AlphaDropout(Dropout):
    """``p`` is required, as Keras's ``rate`` (torch's ``nn.AlphaDropout`` defaults to 0.5)."""

    def __init__(self, p: float):
        self.p = validate.number("p", p, low=0, high=1, high_open=True)

    def affine(self, dtype) -> tuple[np.generic, np.generic]:
        """(a, b) in ``dtype``, computed in float64."""
        a = ((1 - self.p) * (1 + self.p * ALPHA_PRIME ** 2)) ** -0.5
        return np.dtype(dtype).type(a), np.dtype(dtype).type(a * ALPHA_PRIME * self.p)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        if not training:
            return x.copy(), (None, x.shape, x.dtype)
        m = self.mask(x, rng, noise).astype(x.dtype)                    # (N, ..., F) 0/1
        a, b = self.affine(x.dtype)
        saturation = x.dtype.type(-ALPHA_PRIME)
        y = a * (x * m + saturation * (1 - m)) + b
        return y, (a * m, x.shape, x.dtype)                              # dy/dx = a·m

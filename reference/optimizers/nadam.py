"""Nadam (Dozat, 2016): Adam with Nesterov momentum and a momentum schedule.

    μ_t = β₁·(1 − ½·0.96^(t·ψ))                  (ψ = ``momentum_decay``)
    Π_t = Π_{t−1}·μ_t,  Π₀ = 1                   (state ``mu_product``, one scalar)
    μ̃_t = β₁·(1 − ½·c^(t·ψ)), c = ``mu_base``    (the μ of the step below; c = 0.96 makes μ̃ = μ)
    m ← m + (1 − β₁)·(g − m)                     v ← β₂·v + (1 − β₂)·g²
    den = √(v / (1 − β₂ᵗ)) + ε
    p ← p − η·(1 − μ̃_t)/(1 − Π_t) · g/den − η·μ̃_{t+1}/(1 − Π_t·μ̃_{t+1}) · m/den

PyTorch (``torch.optim.NAdam``) takes ψ as ``momentum_decay`` (default 4e-3). Keras
(``keras.optimizers.Nadam``) hard-codes ψ = 1, and rounds the 0.96 of the step's μ through float32
(``ops.cast(0.96, dtype)``, nadam.py:109) but not the 0.96 of Π_t (nadam.py:99): ``mu_base =
f32(0.96)``. Keras also rounds β₁ and β₂ to the variable's dtype before it forms 1 − β and 1 − β₂ᵗ
(nadam.py:110-124): ``beta_rounding="in_dtype"`` (in float32, 1 − f32(0.999) is 1.3e-5 relative
below 1e-3, so v and its bias correction run that much low); "exact" forms them from Python floats.

State: ``m``, ``v``, ``mu_product``. Weight decay: see ``base``.
Defaults (PyTorch's): η = 2e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, ψ = 4e-3.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.optimizers.adam import bias_correction
from reference.optimizers.base import Optimizer, beta
from reference.registry import register


@register("optimizer", "nadam")
class Nadam(Optimizer):
    def __init__(self, learning_rate=2e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, momentum_decay=4e-3,
                 weight_decay=0.0, weight_decay_mode="coupled", mu_base=0.96, beta_rounding="exact"):
        super().__init__(learning_rate, weight_decay, weight_decay_mode)
        self.beta_1 = beta("beta_1", beta_1)
        self.beta_2 = beta("beta_2", beta_2)
        self.epsilon = validate.number("epsilon", epsilon, low=0.0)
        self.momentum_decay = validate.number("momentum_decay", momentum_decay, low=0.0)
        self.mu_base = validate.number("mu_base", mu_base, low=0.0, high=1.0, low_open=True, high_open=True)
        self.beta_rounding = validate.choice("beta_rounding", beta_rounding, ("exact", "in_dtype"))

    def slots(self):
        return ("m", "v")

    def scalars_init(self):
        return {"mu_product": 1.0}

    def _mu(self, t: int, base: float = 0.96) -> float:
        return self.beta_1 * (1.0 - 0.5 * base ** (t * self.momentum_decay))

    def begin(self, state, t):
        mu_product = state["mu_product"] * self._mu(t)
        return {"mu": self._mu(t, self.mu_base), "mu_next": self._mu(t + 1, self.mu_base), "mu_product": mu_product}

    def rule(self, p, g, slots, t, lr, shared):
        b1, b2 = self.beta_1, self.beta_2
        if self.beta_rounding == "in_dtype":
            b1, b2 = p.dtype.type(b1), p.dtype.type(b2)
        m, v = slots["m"], slots["v"]
        m += (1 - b1) * (g - m)
        v += (1 - b2) * (g * g - v)
        den = np.sqrt(v / bias_correction(b2, t, p.dtype, self.beta_rounding)) + self.epsilon
        mu, mu_next, prod = shared["mu"], shared["mu_next"], shared["mu_product"]
        p -= (lr * (1 - mu) / (1 - prod)) * (g / den)
        p -= (lr * mu_next / (1 - prod * mu_next)) * (m / den)

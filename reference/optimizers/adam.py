"""Adam (Kingma & Ba, 2015), and AMSGrad (Reddi et al., 2018) as ``amsgrad=True``.

    m ← m + (1 − β₁)·(g − m)                    v ← β₂·v + (1 − β₂)·g²
    AMSGrad:  v̄ ← max(v̄, v) and v̄ replaces v below (the maximum of the uncorrected v,
              as in both frameworks)
    b₁ = 1 − β₁ᵗ,  b₂ = 1 − β₂ᵗ

``epsilon_placement`` says whether ε is added before or after the bias correction of v:
  "after_correction"  (PyTorch ``torch.optim.Adam``; the paper's Algorithm 1):
        p ← p − (η / b₁) · m / (√v / √b₂ + ε)
  "before_correction" (Keras ``keras.optimizers.Adam``; the paper's "ε̂" form, end of §2):
        p ← p − (η·√b₂ / b₁) · m / (√v + ε)
The two agree when ε = 0; otherwise the second equals the first with ε_t = ε/√b₂, which
changes every step, so no constant ε maps one onto the other. The difference shows when √v
is comparable to ε: tiny gradients.

``bias_correction`` says in which precision b₁ and b₂ are formed:
  "exact"     (PyTorch: Python floats): 1 − βᵗ in float64 whatever the parameters' dtype
  "in_dtype"  (Keras: ``ops.power(ops.cast(β, dtype), t)``): β rounded to the parameters' dtype and
              1 − βᵗ formed in it. In float32, 1 − f32(0.999) = 9.99987e-4 is 1.3e-5 relative below
              1e-3, so b₂ and every step are off by that much early on. The same in float64.

State: ``m``, ``v``, ``v_max`` (AMSGrad). Weight decay: see ``base`` (``torch.optim.Adam`` is
coupled unless ``decoupled_weight_decay=True``; Keras's is always decoupled).
Defaults (the paper's): η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
"""
from __future__ import annotations

import math

import numpy as np

from reference import validate
from reference.optimizers.base import Optimizer, beta
from reference.registry import register

EPSILON_PLACEMENTS = ("after_correction", "before_correction")
BIAS_CORRECTIONS = ("exact", "in_dtype")


def bias_correction(beta: float, t: int, dtype, mode: str):
    """1 − βᵗ, exact or formed in ``dtype`` from β rounded to it (``BIAS_CORRECTIONS``)."""
    if mode == "exact":
        return 1 - beta ** t
    cast = np.dtype(dtype).type
    return cast(1) - cast(beta) ** cast(t)


@register("optimizer", "adam")
class Adam(Optimizer):
    def __init__(self, learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, amsgrad=False, weight_decay=0.0,
                 weight_decay_mode="coupled", epsilon_placement="after_correction", bias_correction="exact"):
        super().__init__(learning_rate, weight_decay, weight_decay_mode)
        self.beta_1 = beta("beta_1", beta_1)
        self.beta_2 = beta("beta_2", beta_2)
        self.epsilon = validate.number("epsilon", epsilon, low=0.0)
        self.amsgrad = validate.flag("amsgrad", amsgrad)
        self.epsilon_placement = validate.choice("epsilon_placement", epsilon_placement, EPSILON_PLACEMENTS)
        self.bias_correction = validate.choice("bias_correction", bias_correction, BIAS_CORRECTIONS)

    def slots(self):
        return ("m", "v", "v_max") if self.amsgrad else ("m", "v")

    def rule(self, p, g, slots, t, lr, shared):
        b1, b2 = self.beta_1, self.beta_2
        m, v = slots["m"], slots["v"]
        m += (1 - b1) * (g - m)
        v *= b2
        v += (1 - b2) * (g * g)
        if self.amsgrad:
            v = np.maximum(slots["v_max"], v, out=slots["v_max"])
        bc1, bc2 = (bias_correction(b, t, p.dtype, self.bias_correction) for b in (b1, b2))
        if self.epsilon_placement == "after_correction":
            den = np.sqrt(v) / math.sqrt(bc2) + self.epsilon
            p -= (lr / bc1) * (m / den)
        else:
            alpha = lr * math.sqrt(bc2) / bc1
            p -= alpha * m / (np.sqrt(v) + self.epsilon)

"""Stochastic gradient descent, with momentum, dampening and Nesterov momentum.

Without momentum (μ = 0):   p ← p − η·g

With momentum, two formulations (``momentum_form``); equal for a constant η and d = 0, they part
under a learning-rate schedule (the buffer holds raw gradients in one, η-scaled steps in the other)
and with dampening (the first step):

  "gradient" (PyTorch ``torch.optim.SGD``; Sutskever et al. 2013 written with the raw gradient):
      v₁ = g₁ (the first step is never damped),   v_t = μ·v_{t−1} + (1 − d)·g_t
      p ← p − η·v                   Nesterov: p ← p − η·(g + μ·v)
  "step" (Keras ``keras.optimizers.SGD``):
      v_t = μ·v_{t−1} − η·(1 − d)·g_t,  v₀ = 0
      p ← p + v                     Nesterov: p ← p + μ·v − η·(1 − d)·g

Dampening d also writes the moving-average form v = βv + (1 − β)g (d = β = μ).
State: ``momentum`` (the buffer v, present when μ > 0). Weight decay: see ``base``.
Defaults: η = 0.01 (Keras; PyTorch 2.13's 1e-3 is recorded as a divergence), everything else 0.
"""
from __future__ import annotations

from reference import validate
from reference.optimizers.base import Optimizer
from reference.registry import register

MOMENTUM_FORMS = ("gradient", "step")


@register("optimizer", "sgd")
class SGD(Optimizer):
    def __init__(self, learning_rate=0.01, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0,
                 weight_decay_mode="coupled", momentum_form="gradient"):
        super().__init__(learning_rate, weight_decay, weight_decay_mode)
        self.momentum = validate.number("momentum", momentum, low=0.0, high=1.0, high_open=True)
        self.dampening = validate.number("dampening", dampening, low=0.0, high=1.0)
        self.nesterov = validate.flag("nesterov", nesterov)
        self.momentum_form = validate.choice("momentum_form", momentum_form, MOMENTUM_FORMS)
        if self.nesterov and (self.momentum == 0 or self.dampening != 0):
            raise ValueError(f"nesterov=True is not allowed with momentum={momentum!r}, dampening={dampening!r}: "
                             "Nesterov momentum needs momentum > 0 and dampening = 0")

    def slots(self):
        return ("momentum",) if self.momentum > 0 else ()

    def rule(self, p, g, slots, t, lr, shared):
        mu, d = self.momentum, self.dampening
        if mu == 0:
            p -= lr * g
            return
        v = slots["momentum"]
        if self.momentum_form == "gradient":
            if t == 1:
                v[...] = g                                   # v₁ = g₁
            else:
                v *= mu                                      # v ← μ·v + (1 − d)·g
                v += g if d == 0 else (1 - d) * g
            p -= lr * (g + mu * v if self.nesterov else v)
            return
        v *= mu                                              # v ← μ·v − η·(1 − d)·g
        v -= (lr * (1 - d)) * g
        p += (mu * v - (lr * (1 - d)) * g) if self.nesterov else v

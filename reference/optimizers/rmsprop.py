"""RMSprop (Hinton, Coursera lecture 6e), plain, centered (Graves, 2013) and with momentum.

    v ← ρ·v + (1 − ρ)·g²
    centered:   ḡ ← ρ·ḡ + (1 − ρ)·g,   r = v − ḡ²      (otherwise r = v)

``epsilon_placement`` (Adagrad's choice, ``reference.optimizers.adagrad.denominator``):
  "outside_sqrt" (PyTorch ``torch.optim.RMSprop``):   den = √r + ε
  "inside_sqrt"  (Keras ``keras.optimizers.RMSprop``):  den = √(r + ε)

Without momentum:  p ← p − η·g / den
With momentum μ > 0, two formulations (``momentum_form``, equal for a constant η):
  "gradient" (PyTorch):  b ← μ·b + g / den,      p ← p − η·b
  "step"     (Keras):    b ← μ·b + η·g / den,    p ← p − b

State: ``square_avg`` (v), ``grad_avg`` (ḡ, centered), ``momentum`` (b, μ > 0).
Weight decay: see ``base``. Defaults (PyTorch's): η = 0.01, ρ = 0.99, ε = 1e-8.
"""
from __future__ import annotations

from reference import validate
from reference.optimizers.adagrad import EPSILON_PLACEMENTS, denominator
from reference.optimizers.base import Optimizer, beta
from reference.optimizers.sgd import MOMENTUM_FORMS
from reference.registry import register


@register("optimizer", "rmsprop")
class RMSprop(Optimizer):
    def __init__(self, learning_rate=0.01, rho=0.99, epsilon=1e-8, momentum=0.0, centered=False, weight_decay=0.0,
                 weight_decay_mode="coupled", epsilon_placement="outside_sqrt", momentum_form="gradient"):
        super().__init__(learning_rate, weight_decay, weight_decay_mode)
        self.rho = beta("rho", rho)
        self.epsilon = validate.number("epsilon", epsilon, low=0.0)
        self.momentum = validate.number("momentum", momentum, low=0.0, high=1.0, high_open=True)
        self.centered = validate.flag("centered", centered)
        self.epsilon_placement = validate.choice("epsilon_placement", epsilon_placement, EPSILON_PLACEMENTS)
        self.momentum_form = validate.choice("momentum_form", momentum_form, MOMENTUM_FORMS)

    def slots(self):
        return ("square_avg",) + (("grad_avg",) if self.centered else ()) + (("momentum",) if self.momentum else ())

    def rule(self, p, g, slots, t, lr, shared):
        rho = self.rho
        v = slots["square_avg"]
        v *= rho
        v += (1 - rho) * (g * g)
        r = v
        if self.centered:
            g_avg = slots["grad_avg"]
            g_avg *= rho
            g_avg += (1 - rho) * g
            r = v - g_avg * g_avg
        den = denominator(r, self.epsilon, self.epsilon_placement)
        if not self.momentum:
            p -= lr * (g / den)
            return
        b = slots["momentum"]
        b *= self.momentum
        if self.momentum_form == "gradient":
            b += g / den
            p -= lr * b
        else:
            b += (lr * g) / den
            p -= b

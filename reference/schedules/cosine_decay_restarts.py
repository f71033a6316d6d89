"""Cosine decay with warm restarts (SGDR, Loshchilov & Hutter, 2017).

Period i (i = 0, 1, ...) lasts T_i = T₀·t_mulⁱ updates and starts at η₀·m_mulⁱ:
    η(count) = η₀ · ((1 − α) · m_mulⁱ · ½(1 + cos(π·c/T_i)) + α)
where i and c (updates into period i) are found by counting whole periods exactly.
Keras ``CosineDecayRestarts(η₀, first_decay_steps=T₀, t_mul, m_mul, alpha)`` finds i with
logarithms instead; PyTorch ``CosineAnnealingWarmRestarts(T_0, T_mult, eta_min=α·η₀)`` counts
(integer T_mult only, and no m_mul).
"""
from __future__ import annotations

import math

from reference import validate
from reference.registry import register
from reference.schedules.base import Schedule, positive_steps, rate


@register("schedule", "cosine_decay_restarts")
class CosineDecayRestarts(Schedule):
    def __init__(self, initial_learning_rate=0.01, first_decay_steps=10, t_mul=2.0, m_mul=1.0, alpha=0.0):
        self.initial_learning_rate = rate("initial_learning_rate", initial_learning_rate)
        self.first_decay_steps = positive_steps("first_decay_steps", first_decay_steps)
        self.t_mul = validate.number("t_mul", t_mul, low=1.0)
        self.m_mul = rate("m_mul", m_mul)
        self.alpha = validate.number("alpha", alpha, low=0.0, high=1.0)

    def __call__(self, count):
        period, start, i = float(self.first_decay_steps), 0.0, 0
        while count >= start + period:          # whole periods, counted (no logarithm)
            start, period, i = start + period, period * self.t_mul, i + 1
        cosine = 0.5 * self.m_mul ** i * (1 + math.cos(math.pi * (count - start) / period))
        return self.initial_learning_rate * ((1 - self.alpha) * cosine + self.alpha)

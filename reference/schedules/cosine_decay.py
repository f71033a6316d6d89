"""Cosine decay (Loshchilov & Hutter, 2017), with an optional linear warm-up (Goyal et al., 2017).

Without warm-up (``warmup_steps = 0``), from η₀ down to α·η₀ over T = ``decay_steps``:
    η(count) = η₀ · ((1 − α) · ½(1 + cos(π·c/T)) + α),   c = min(count, T)
With warm-up to η_peak = ``warmup_target`` over W = ``warmup_steps`` updates:
    count < W:  η = η₀ + (η_peak − η₀) · count / W
    count ≥ W:  η = η_peak · ((1 − α) · ½(1 + cos(π·c/T)) + α),   c = min(count − W, T)

After the decay (``periodic``): False holds α·η (Keras ``CosineDecay``); True lets the cosine
go on, back up to η₀ at 2T (PyTorch ``CosineAnnealingLR``, c = count).
PyTorch: ``CosineAnnealingLR(T_max=T, eta_min=α·η)`` (a running recurrence), warm-up through
``SequentialLR([LinearLR, CosineAnnealingLR], milestones=[W])``.
"""
from __future__ import annotations

import math

from reference import validate
from reference.registry import register
from reference.schedules.base import Schedule, count_arg, positive_steps, rate


@register("schedule", "cosine_decay")
class CosineDecay(Schedule):
    def __init__(self, initial_learning_rate=0.01, decay_steps=100, alpha=0.0, warmup_steps=0, warmup_target=None,
                 periodic=False):
        self.initial_learning_rate = rate("initial_learning_rate", initial_learning_rate)
        self.decay_steps = positive_steps("decay_steps", decay_steps)
        self.alpha = validate.number("alpha", alpha, low=0.0, high=1.0)
        self.warmup_steps = validate.integer("warmup_steps", warmup_steps, low=0)
        self.warmup_target = None if warmup_target is None else rate("warmup_target", warmup_target)
        if (self.warmup_steps > 0) != (self.warmup_target is not None):
            raise ValueError(f"warmup_steps={warmup_steps!r} with warmup_target={warmup_target!r} is not allowed: "
                             "give both (a warm-up) or neither")
        self.periodic = validate.flag("periodic", periodic)

    def __call__(self, count):
        count = count_arg(count)
        peak = self.initial_learning_rate
        if self.warmup_target is not None:
            if count < self.warmup_steps:
                return peak + (self.warmup_target - peak) * (count / self.warmup_steps)
            peak, count = self.warmup_target, count - self.warmup_steps
        c = count if self.periodic else min(count, self.decay_steps)
        cosine = 0.5 * (1 + math.cos(math.pi * c / self.decay_steps))
        return peak * ((1 - self.alpha) * cosine + self.alpha)

"""Cosine decay with warm restarts (SGDR, Loshchilov & Hutter, 2017).

Period i (i = 0, 1, ...) lasts T_i = T₀·t_mulⁱ updates and starts at η₀·m_mulⁱ:
    η(count) = η₀ · ((1 − α) · m_mulⁱ · ½(1 + cos(π·f)) + α),   f = (count − start_i) / T_i

``restart_index`` says how i is found:
  "count"          (PyTorch ``CosineAnnealingWarmRestarts``): whole periods are counted.
  "log"            (Keras ``CosineDecayRestarts`` run eagerly): the closed form with r = count/T₀,
                   i = ⌊log(1 − r·(1 − t_mul)) / log(t_mul)⌋  (i = ⌊r⌋ when t_mul = 1),
                   f = (r − (1 − t_mulⁱ)/(1 − t_mul)) / t_mulⁱ.
  "log_reciprocal" (the same Keras schedule inside ``tf.function`` / ``fit``): TensorFlow's graph
                   optimizer (Grappler constant folding) turns every x / constant into
                   x · (1/constant), so r = count·(1/T₀), i = ⌊log(…)·(1/log t_mul)⌋, and
                   (1 − t_mulⁱ)·(1/(1 − t_mul)).
Both closed forms are exact in real numbers; in float64 the product or quotient of logarithms can
land just below an integer (eager: log(3⁵)/log(3) = 4.999999999999999; graph: T₀ = 10, t_mul = 2 at
count 70, 3 − 4e-16), and that restart comes one update late: η = α·η₀ for one update instead of η₀.
PyTorch takes an integer T_mult only, and has no m_mul.
"""
from __future__ import annotations

import math

from reference import validate
from reference.registry import register
from reference.schedules.base import Schedule, count_arg, finite, positive_steps, power, rate

RESTART_INDEX = ("count", "log", "log_reciprocal")


@register("schedule", "cosine_decay_restarts")
class CosineDecayRestarts(Schedule):
    def __init__(self, initial_learning_rate=0.01, first_decay_steps=10, t_mul=2.0, m_mul=1.0, alpha=0.0,
                 restart_index="count"):
        self.initial_learning_rate = rate("initial_learning_rate", initial_learning_rate)
        self.first_decay_steps = positive_steps("first_decay_steps", first_decay_steps)
        self.t_mul = validate.number("t_mul", t_mul, low=1.0)
        self.m_mul = rate("m_mul", m_mul)
        self.alpha = validate.number("alpha", alpha, low=0.0, high=1.0)
        self.restart_index = validate.choice("restart_index", restart_index, RESTART_INDEX)

    def _counted(self, count: int) -> tuple[int, float]:
        period, start, i = float(self.first_decay_steps), 0.0, 0
        while count >= start + period:
            start, period, i = start + period, period * self.t_mul, i + 1
        return i, (count - start) / period

    def _log(self, count: int, reciprocal: bool) -> tuple[int, float]:
        def by_constant(a: float, b: float) -> float:
            return a * (1.0 / b) if reciprocal else a / b
        r, t_mul = by_constant(count, self.first_decay_steps), self.t_mul
        if t_mul == 1.0:
            i = math.floor(r)
            return i, r - i
        i = math.floor(by_constant(math.log(1.0 - r * (1.0 - t_mul)), math.log(t_mul)))
        return i, (r - by_constant(1.0 - t_mul ** i, 1.0 - t_mul)) / t_mul ** i

    def __call__(self, count):
        count = count_arg(count)
        if self.restart_index == "count":
            i, f = self._counted(count)
        else:
            i, f = self._log(count, reciprocal=self.restart_index == "log_reciprocal")
        cosine = 0.5 * power(self.m_mul, i) * (1 + math.cos(math.pi * f))
        return finite(self.initial_learning_rate * ((1 - self.alpha) * cosine + self.alpha), count,
                      f"m_mul={self.m_mul!r} > 1")

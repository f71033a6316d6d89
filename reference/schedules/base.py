"""Learning-rate schedules: η = schedule(count), a pure function of a step count.

``count`` is the number of optimizer updates already applied: the first update uses
schedule(0). A reference optimizer given a schedule as ``learning_rate`` does exactly that
(``reference.optimizers.base``). Values are Python floats (computed in float64).

When each framework advances, and from which count (written once, read by the runners and
the report):
"""
from __future__ import annotations

from reference import validate

ADVANCE = {
    "reference": "per optimizer update: update t (1-based) uses schedule(t - 1)",
    "torch": ("per call of scheduler.step(), which the training loop makes: the scheduler's constructor "
              "sets the lr to f(0) and each step() moves to f(k + 1). The runner calls it after every "
              "optimizer.step(), so update t uses f(t - 1) as in the reference; the PyTorch docs' idiom of one "
              "call per epoch gives f(epoch) instead"),
    "keras": ("per optimizer update, inside apply_gradients: learning_rate(optimizer.iterations), where "
              "iterations counts the updates already applied (0 for the first); model.fit does the same per "
              "batch, never per epoch"),
}


class Schedule:
    """A learning-rate schedule; subclasses implement ``__call__(count) -> float``."""

    def __call__(self, count: int) -> float:
        raise NotImplementedError

    def values(self, steps: int) -> list[float]:
        """η for updates 1..steps."""
        return [self(c) for c in range(steps)]


def rate(name: str, value) -> float:
    """A learning rate or a factor of one: finite and >= 0."""
    return validate.number(name, value, low=0.0)


def positive_steps(name: str, value) -> int:
    return validate.integer(name, value, low=1)

"""Learning-rate schedules: η = schedule(count), a pure function of a step count.

``count`` is the number of optimizer updates already applied: the first update uses
schedule(0). A reference optimizer given a schedule as ``learning_rate`` does exactly that
(``reference.optimizers.base``). Values are Python floats (computed in float64).

``count`` must be an integer >= 0 (Python or NumPy); anything else is rejected (``count_arg``).
A schedule that grows (a decay rate or factor above 1) overflows float64 at a large enough count;
that count is rejected with a ValueError naming it and the growing setting (``finite``), since a
learning rate of inf is no learning rate.

A schedule whose counts are epochs (PyTorch's idiom: ``scheduler.step()`` once per epoch) is
``PerEpoch(schedule, steps_per_epoch=k)``: the update that follows ``count`` applied updates uses
    η = schedule(⌊count / k⌋)          (the epoch count: constant for the k updates of an epoch)
so ``step_size``, ``decay_steps`` and ``boundaries`` keep their epoch values. The trajectory
checker wraps the case's schedule this way when ``setup["steps_per_epoch"] = k``.

When each framework advances, and from which count (written once, read by the runners and
the report):
"""
from __future__ import annotations

import math

from reference import validate

ADVANCE = {
    "reference": ("per optimizer update: update t (1-based) uses schedule(t - 1); with PerEpoch(schedule, k) "
                  "(case setup steps_per_epoch = k) per epoch: update t uses schedule(floor((t - 1) / k))"),
    "torch": ("per call of scheduler.step(), which the training loop makes: the scheduler's constructor sets the "
              "lr to f(0) and each step() moves to f(n + 1). The runner calls it after every optimizer.step() (update "
              "t uses f(t - 1)), or, when the case sets steps_per_epoch = k, after every k-th optimizer.step() as in "
              "the PyTorch docs' once-per-epoch idiom (update t uses f(floor((t - 1) / k)))"),
    "keras": ("per optimizer update, inside apply_gradients: learning_rate(optimizer.iterations), where iterations "
              "counts the updates already applied (0 for the first); model.fit does the same per batch, never per "
              "epoch. A per-epoch schedule is therefore expressed in updates: StepLR(step_size=s) per epoch is "
              "ExponentialDecay(decay_steps=s*k, staircase=True); ExponentialLR per epoch is staircase with "
              "decay_steps=k; a schedule with no staircase form (CosineDecay, ...) is evaluated at iterations // k "
              "(tf_impl/schedules/base.py EpochCount, composed)"),
}


class Schedule:
    """A learning-rate schedule; subclasses implement ``__call__(count) -> float``."""

    def __call__(self, count: int) -> float:
        raise NotImplementedError

    def values(self, steps: int) -> list[float]:
        """η for updates 1..steps."""
        return [self(c) for c in range(steps)]


class PerEpoch(Schedule):
    """``schedule`` advanced once per epoch of ``steps_per_epoch`` updates: η(count) = schedule(⌊count / k⌋)."""

    def __init__(self, schedule: Schedule, steps_per_epoch: int):
        if not isinstance(schedule, Schedule):
            raise ValueError(f"schedule={schedule!r} is not allowed: expected a reference schedule "
                             "(reference.get('schedule', name)(...))")
        self.schedule = schedule
        self.steps_per_epoch = steps_per_epoch_arg(steps_per_epoch)

    def __call__(self, count):
        return self.schedule(count_arg(count) // self.steps_per_epoch)


def count_arg(value) -> int:
    """A count of updates (or epochs) already applied: an integer >= 0, NumPy integers included."""
    return validate.integer("count", value, low=0)


def power(base: float, exponent: float) -> float:
    """base ** exponent, inf where it overflows float64 (Python raises OverflowError instead)."""
    try:
        return base ** exponent
    except OverflowError:
        return math.inf


def finite(lr: float, count: int, growth: str) -> float:
    """``lr``, or a ValueError when a growing schedule (``growth`` names the setting) overflowed at ``count``."""
    if not math.isfinite(lr):
        raise ValueError(f"count={count} is not allowed with {growth}: the learning rate overflows float64 "
                         f"({lr}); expected a count at which the growing schedule stays finite")
    return lr


def steps_per_epoch_arg(value) -> int:
    """Updates per epoch: a positive integer (k = 1 is the same as advancing per update)."""
    return validate.integer("steps_per_epoch", value, low=1)


def rate(name: str, value) -> float:
    """A learning rate or a factor of one: finite and >= 0."""
    return validate.number(name, value, low=0.0)


def positive_steps(name: str, value) -> int:
    return validate.integer(name, value, low=1)

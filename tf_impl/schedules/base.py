"""What a Keras schedule builder returns (as ``Built.module``): ``learning_rate``, the object
passed as the optimizer's ``learning_rate`` (a ``keras.optimizers.schedules`` schedule, or a
number for a constant), made by the builder's ``construct(h)``. Keras evaluates it at
``optimizer.iterations`` inside every update (``reference.schedules.base.ADVANCE``). Numbers go
through ``h``: ``as_float64`` (``tf_impl/optimizers/base.py``) in every run, because Keras schedules
compute in the dtype of ``initial_learning_rate``, float32 for a Python float (the optimizer casts
the result); the ``python_floats`` variant (``python_floats(build(...))``) passes plain floats.
``fixed``: reference settings Keras cannot change, as for optimizers. ``note``: what the record
should say about this build (the trajectory checker appends it to the notes).

Per-epoch schedules. Keras has no per-epoch stepping for schedule objects: they count updates.
When the case counts epochs of k updates (``setup["steps_per_epoch"]``), the runner passes
``steps_per_epoch=k`` to every builder (keyword-only; None: counts are updates), and the builder
expresses the schedule in updates: through the schedule's own arguments where Keras has a staircase
form (step decay: ``decay_steps = step_size·k``), otherwise by evaluating the Keras schedule at the
epoch count ``iterations // k`` (``EpochCount``, composed: a ``LearningRateSchedule`` subclass,
Keras's idiom for a custom schedule). The per-epoch divergences' native run (epoch counts read as
update counts) is the runner given no k (``conformance/checkers/trajectory.py``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import keras

from tf_impl.optimizers.base import as_float64


@dataclass
class KerasSchedule:
    construct: Callable[[Callable[[Any], Any]], Any]    # construct(h) -> the Keras schedule (or a number)
    fixed: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    hyper: Callable[[Any], Any] = as_float64            # h
    learning_rate: Any = field(init=False)              # construct(hyper)

    def __post_init__(self):
        self.learning_rate = self.construct(self.hyper)
        if isinstance(self.learning_rate, EpochCount) and not self.note:       # the one composed form
            k = self.learning_rate.steps_per_epoch
            self.note = (f"Keras schedule composed per epoch: evaluated at iterations // {k} (tf_impl/schedules/"
                         "base.py EpochCount: this Keras schedule has no per-epoch or staircase form)")


class EpochCount(keras.optimizers.schedules.LearningRateSchedule):
    """``schedule`` evaluated at the epoch count: ``schedule(iterations // steps_per_epoch)``."""

    def __init__(self, schedule, steps_per_epoch: int):
        super().__init__()
        self.schedule, self.steps_per_epoch = schedule, steps_per_epoch

    def __call__(self, step):
        return self.schedule(keras.ops.floor_divide(step, self.steps_per_epoch))     # int64, exact

    def get_config(self):
        return {"schedule": keras.optimizers.schedules.serialize(self.schedule),
                "steps_per_epoch": self.steps_per_epoch}


def per_epoch(schedule, k: int | None):
    """The Keras schedule evaluated once per epoch of k updates (itself when k is None or 1)."""
    return schedule if k is None or k == 1 else EpochCount(schedule, k)

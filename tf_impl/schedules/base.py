"""What a Keras schedule builder returns (as ``Built.module``): ``learning_rate``, the object
passed as the optimizer's ``learning_rate`` (a ``keras.optimizers.schedules`` schedule, or a
number for a constant). Keras evaluates it at ``optimizer.iterations`` inside every update
(``reference.schedules.base.ADVANCE``). Numbers go through ``tf_impl.optimizers.base.hyper``:
Keras schedules compute in the dtype of ``initial_learning_rate``, float32 for a Python float.
``fixed``: reference settings Keras cannot change, as for optimizers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class KerasSchedule:
    learning_rate: Any
    fixed: dict[str, Any] = field(default_factory=dict)

"""What a torch schedule builder returns (as ``Built.module``).

A torch scheduler wraps an optimizer built with ``base_lr`` as its ``lr``; ``make(optimizer)``
returns the scheduler (None: the lr stays constant). When it advances: see
``reference.schedules.base.ADVANCE`` (the runner calls ``scheduler.step()`` after every
``optimizer.step()``). ``fixed``: reference settings torch cannot change, as for optimizers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import torch


@dataclass
class TorchSchedule:
    base_lr: float
    make: Callable[[torch.optim.Optimizer], Any] | None
    fixed: dict[str, Any] = field(default_factory=dict)

"""What a torch schedule builder returns (as ``Built.module``).

A torch scheduler wraps an optimizer built with ``base_lr`` as its ``lr``; ``make(optimizer)``
returns the scheduler (None: the lr stays constant). When it advances: see
``reference.schedules.base.ADVANCE``. The runner calls ``scheduler.step()`` after every
``optimizer.step()``, or after every k-th one when the case counts epochs of k updates
(``setup["steps_per_epoch"]``), PyTorch's once-per-epoch idiom; the builders do not see k.
``fixed``: reference settings torch cannot change, as for optimizers.
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

"""What a torch schedule builder returns (as ``Built.module``).

A torch scheduler wraps an optimizer built with ``base_lr`` as its ``lr``; ``make(optimizer)``
returns the scheduler (None: the lr stays constant). When it advances: see
``reference.schedules.base.ADVANCE``. The runner calls ``scheduler.step()`` after every
``optimizer.step()``, or after every k-th one when the case counts epochs of k updates
(``setup["steps_per_epoch"]``), PyTorch's once-per-epoch idiom.

``step_every_update`` (every builder's keyword-only switch): the runner steps the scheduler after
every update even when the case counts epochs: the common porting mistake of calling
``scheduler.step()`` inside the batch loop, used as the ``native`` run of the per-epoch divergences.
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
    step_every_update: bool = False

    def updates_per_step(self, steps_per_epoch: int | None) -> int:
        """Optimizer updates between two ``scheduler.step()`` calls."""
        return 1 if steps_per_epoch is None or self.step_every_update else steps_per_epoch

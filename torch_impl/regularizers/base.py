"""What a torch regularizer builder returns (as ``Built.module``), by the reference's role
(``reference/regularizers/base.py``); torch has none of the three, so each is composed:

    penalty         a ``torch.nn.Module``: ``module(weight)`` is the term added to the loss
    constraint      ``Constraint``: ``apply(weight)`` projects the weight in place after ``optimizer.step()``
    early_stopping  ``EarlyStopping`` (early_stopping.py): ``update(val) -> bool``, ``should_stop()``

``fixed`` (constraints, early stopping): reference settings torch cannot change, with the value
torch implements. Builders accept the reference's keyword for them and do not pass it; the checker
verifies that the reference it is compared with is configured the same way
(``conformance.checkers.trajectory.formulation_check``), as for optimizers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import torch


@dataclass
class Constraint:
    apply: Callable[[torch.Tensor], torch.Tensor]
    fixed: dict[str, Any] = field(default_factory=dict)

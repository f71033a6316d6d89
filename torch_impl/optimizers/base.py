"""What a torch optimizer builder returns (as ``Built.module``): how to make the optimizer, and
where its state lives, written once per optimizer.

``state`` maps a reference slot to the key of ``optimizer.state[p]``; ``scalars`` are reference
scalars that torch keeps per parameter (Nadam's ``mu_product``: the same value in every
parameter's state); ``step_key`` is the per-parameter step count (SGD keeps none).
``fixed`` lists reference settings torch cannot change, with the value torch implements; the
trajectory checker verifies that the reference it is compared with is configured the same way.
Builders take every reference keyword (one signature for all three implementations) and pass each
one torch has; a formulation switch torch lacks (``epsilon_placement``, ``momentum_form``, ...)
is accepted, not passed, and declared in ``fixed``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import torch


@dataclass
class TorchOptimizer:
    make: Callable[[list[torch.nn.Parameter]], torch.optim.Optimizer]
    state: dict[str, str]
    scalars: dict[str, str] = field(default_factory=dict)
    step_key: str | None = "step"
    fixed: dict[str, Any] = field(default_factory=dict)


def coupled_only(weight_decay: float) -> dict[str, Any]:
    """Most torch.optim optimizers add λ·p to the gradient (L2) and have no decoupled switch."""
    return {"weight_decay_mode": "coupled"} if weight_decay else {}

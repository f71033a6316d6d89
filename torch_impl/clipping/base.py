"""What a torch clipping builder returns (as ``Built.module``): ``apply(params)`` clips the
``.grad`` of each parameter in place, between ``backward()`` and ``optimizer.step()``.
``fixed``: reference settings torch cannot change (``clip_grad_norm_`` adds ε = 1e-6 to the norm,
``torch/nn/utils/clip_grad.py``; the builders accept ``epsilon`` and do not pass it)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class TorchClipping:
    apply: Callable[[list], Any]
    fixed: dict[str, Any] = field(default_factory=dict)


CLIP_GRAD_NORM_EPSILON = 1e-6

"""What a Keras clipping builder returns (as ``Built.module``): ``kwargs`` for the optimizer's
constructor (Keras clips inside ``apply_gradients``, before the weight decay and the update;
``keras/src/optimizers/base_optimizer.py`` ``_clip_gradients``). Keras allows one of
``clipnorm`` / ``global_clipnorm`` / ``clipvalue``, and silently skips clipping when the value
is not > 0 (``if self.clipnorm and self.clipnorm > 0``). ``fixed``: as for optimizers.
Values are plain Python floats: Keras converts them straight to the gradient's dtype (no float32
detour; against np.float64 the trajectories differ by ≤ 3.3e-16 in float64).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class KerasClipping:
    kwargs: dict[str, Any]
    fixed: dict[str, Any] = field(default_factory=dict)

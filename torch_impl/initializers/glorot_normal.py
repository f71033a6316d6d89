"""Glorot normal <-> ``torch.nn.init.xavier_normal_`` (untruncated, as the reference default).

``truncated=True`` has no torch initializer: composed from ``trunc_normal_`` (truncated.py)
with torch's own fans and xavier's std gain·√(2/(fan_in + fan_out)), re-derived here; so the
component is registered as composed.
"""
import math

import torch

from torch_impl.initializers.truncated import fans, trunc_normal_with_std_
from torch_impl.registry import Built, register


@register("initializer", "glorot_normal", status="composed",
          note="truncated=False: xavier_normal_ (native); truncated=True composed from trunc_normal_ with "
               "xavier's std re-derived (torch has no truncated Xavier)")
def build(gain=1.0, truncated=False):
    if not truncated:
        return Built(lambda t: torch.nn.init.xavier_normal_(t, gain=gain))

    def init(t):
        fan_in, fan_out = fans(t)
        return trunc_normal_with_std_(t, gain * math.sqrt(2.0 / (fan_in + fan_out)))
    return Built(init)

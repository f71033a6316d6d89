"""He normal <-> ``torch.nn.init.kaiming_normal_(a=negative_slope, mode, nonlinearity="leaky_relu")``.

torch's gain for "leaky_relu" with slope a is √(2/(1+a²)) (``calculate_gain``), the reference's;
its defaults a=0, mode="fan_in" are the reference's. ``truncated=True`` has no torch initializer:
composed from ``trunc_normal_`` with torch's fan and gain, the std gain/√fan re-derived here; so
the component is registered as composed.
"""
import math

import torch

from torch_impl.initializers.truncated import fan, trunc_normal_with_std_
from torch_impl.registry import Built, register


@register("initializer", "he_normal", status="composed",
          note="truncated=False: kaiming_normal_ (native); truncated=True composed from trunc_normal_ with "
               "kaiming's std re-derived (torch has no truncated Kaiming)")
def build(negative_slope=0.0, mode="fan_in", truncated=False):
    if not truncated:
        return Built(lambda t: torch.nn.init.kaiming_normal_(t, a=negative_slope, mode=mode, nonlinearity="leaky_relu"))

    def init(t):
        gain = torch.nn.init.calculate_gain("leaky_relu", negative_slope)
        return trunc_normal_with_std_(t, gain / math.sqrt(fan(t, mode)))
    return Built(init)

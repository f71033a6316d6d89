"""LeCun normal: torch has none; ``kaiming_normal_(mode="fan_in", nonlinearity="linear")`` has gain 1,
so it draws N(0, 1/fan_in). ``truncated=True`` is composed from ``trunc_normal_`` with the std
1/√fan_in re-derived from torch's fan."""
import math

import torch

from torch_impl.initializers.truncated import fan, trunc_normal_with_std_
from torch_impl.registry import Built, register


@register("initializer", "lecun_normal", status="composed",
          note="no LeCun initializer in torch.nn.init: kaiming_normal_(mode='fan_in', nonlinearity='linear'); "
               "truncated=True composed from trunc_normal_ with the std re-derived")
def build(truncated=False):
    if not truncated:
        return Built(lambda t: torch.nn.init.kaiming_normal_(t, mode="fan_in", nonlinearity="linear"))
    return Built(lambda t: trunc_normal_with_std_(t, 1.0 / math.sqrt(fan(t, "fan_in"))))

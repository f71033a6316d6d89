"""HardTanh <-> ``torch.nn.Hardtanh``.

Its gradient at x == min_val and x == max_val is 0 (the flat side), the reference's default
``grad_at_bounds=0.0``. That option describes the op's convention and is not a builder
argument: nn.Hardtanh has no such switch.
"""
import torch

from torch_impl.registry import Built, register


@register("activation", "hard_tanh")
def build(min_val=-1.0, max_val=1.0):
    return Built(torch.nn.Hardtanh(min_val=min_val, max_val=max_val))

"""HardTanh <-> ``torch.nn.Hardtanh`` (gradient 0 at x = min_val and x = max_val, as the reference)."""
import torch

from torch_impl.registry import Built, register


@register("activation", "hard_tanh")
def build(min_val=-1.0, max_val=1.0):
    return Built(torch.nn.Hardtanh(min_val=min_val, max_val=max_val))

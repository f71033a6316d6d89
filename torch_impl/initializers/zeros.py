"""Zeros <-> ``torch.nn.init.zeros_``."""
import torch

from torch_impl.registry import Built, register


@register("initializer", "zeros")
def build(*, layer_default=False):
    """``layer_default=True``: keep what the layer's constructor drew (used with a Dense
    layer's bias: torch.nn.Linear draws it from U(±1/√in), not zeros)."""
    return Built(None if layer_default else torch.nn.init.zeros_)

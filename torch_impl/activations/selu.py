"""SELU <-> ``torch.nn.SELU`` (no arguments; gradient λα at x = 0, as the reference)."""
import torch

from torch_impl.registry import Built, register


@register("activation", "selu")
def build():
    return Built(torch.nn.SELU())

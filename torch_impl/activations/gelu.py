"""GELU <-> ``torch.nn.GELU`` (approximate="none" | "tanh", the reference's names and default)."""
import torch

from torch_impl.registry import Built, register


@register("activation", "gelu")
def build(approximate="none"):
    return Built(torch.nn.GELU(approximate=approximate))

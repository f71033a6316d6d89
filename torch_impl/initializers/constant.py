"""Constant <-> ``torch.nn.init.constant_`` (torch has no default value)."""
import torch

from torch_impl.registry import Built, register


@register("initializer", "constant")
def build(value=0.0):
    return Built(lambda t: torch.nn.init.constant_(t, val=value))

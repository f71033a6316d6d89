"""Ones <-> ``torch.nn.init.ones_``."""
import torch

from torch_impl.registry import Built, register


@register("initializer", "ones")
def build():
    return Built(torch.nn.init.ones_)

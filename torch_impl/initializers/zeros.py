"""Zeros <-> ``torch.nn.init.zeros_``."""
import torch

from torch_impl.registry import Built, register, variant


@register("initializer", "zeros")
def build():
    return Built(torch.nn.init.zeros_)


@variant("initializer", "zeros", "torch_layer_default")
def build_torch_layer_default():
    """No initializer: keep what the layer's constructor drew (torch.nn.Linear's bias: U(±1/√in), not zeros)."""
    return Built(None)

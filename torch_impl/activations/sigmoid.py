"""Sigmoid <-> ``torch.nn.Sigmoid``."""
import torch

from torch_impl.registry import Built, register


@register("activation", "sigmoid")
def build():
    return Built(torch.nn.Sigmoid())

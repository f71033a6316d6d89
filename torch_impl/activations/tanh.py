"""Tanh <-> ``torch.nn.Tanh``."""
import torch

from torch_impl.registry import Built, register


@register("activation", "tanh")
def build():
    return Built(torch.nn.Tanh())

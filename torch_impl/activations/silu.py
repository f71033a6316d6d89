"""SiLU <-> ``torch.nn.SiLU``."""
import torch

from torch_impl.registry import Built, register


@register("activation", "silu")
def build():
    return Built(torch.nn.SiLU())

"""ReLU <-> ``torch.nn.ReLU``."""
import torch

from torch_impl.registry import Built, register


@register("activation", "relu")
def build():
    return Built(torch.nn.ReLU())

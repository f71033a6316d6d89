"""ELU <-> ``torch.nn.ELU``."""
import torch

from torch_impl.registry import Built, register


@register("activation", "elu")
def build(alpha=1.0):
    return Built(torch.nn.ELU(alpha=alpha))

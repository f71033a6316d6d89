"""Identity <-> ``torch.nn.Identity``."""
import torch

from torch_impl.registry import Built, register


@register("activation", "identity")
def build():
    return Built(torch.nn.Identity())

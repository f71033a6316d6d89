"""Random uniform <-> ``torch.nn.init.uniform_`` (defaults a=0, b=1, as the reference)."""
import torch

from torch_impl.registry import Built, register


@register("initializer", "random_uniform")
def build(low=0.0, high=1.0):
    return Built(lambda t: torch.nn.init.uniform_(t, a=low, b=high))

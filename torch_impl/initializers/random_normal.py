"""Random normal <-> ``torch.nn.init.normal_`` (defaults mean 0, std 1, as the reference)."""
import torch

from torch_impl.registry import Built, register


@register("initializer", "random_normal")
def build(mean=0.0, std=1.0):
    return Built(lambda t: torch.nn.init.normal_(t, mean=mean, std=std))

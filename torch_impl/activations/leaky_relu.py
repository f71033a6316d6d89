"""LeakyReLU <-> ``torch.nn.LeakyReLU`` (the slope is kept as a float64 scalar: exact)."""
import torch

from torch_impl.registry import Built, register


@register("activation", "leaky_relu")
def build(negative_slope=0.01):
    return Built(torch.nn.LeakyReLU(negative_slope=negative_slope))

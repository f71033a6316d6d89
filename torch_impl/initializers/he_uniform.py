"""He uniform <-> ``torch.nn.init.kaiming_uniform_(a=negative_slope, mode, nonlinearity="leaky_relu")``."""
import torch

from torch_impl.registry import Built, register


@register("initializer", "he_uniform")
def build(negative_slope=0.0, mode="fan_in"):
    return Built(lambda t: torch.nn.init.kaiming_uniform_(t, a=negative_slope, mode=mode, nonlinearity="leaky_relu"))

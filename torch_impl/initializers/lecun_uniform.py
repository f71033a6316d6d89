"""LeCun uniform: torch has none; ``kaiming_uniform_(mode="fan_in", nonlinearity="linear")`` has
gain 1, so it draws U(±√(3/fan_in))."""
import torch

from torch_impl.registry import Built, register


@register("initializer", "lecun_uniform", status="composed",
          note="no LeCun initializer in torch.nn.init: kaiming_uniform_(mode='fan_in', nonlinearity='linear')")
def build():
    return Built(lambda t: torch.nn.init.kaiming_uniform_(t, mode="fan_in", nonlinearity="linear"))

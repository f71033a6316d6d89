"""Sign (±1) composed from ``torch.sign``, which gives 0 at x = 0.

The ``zero_at_zero`` variant returns torch.sign as it is (sign(0) = 0): the native-convention run
of the divergence in conformance/divergences/activations.py.
"""
import torch

from torch_impl.registry import Built, register, variant


class Sign(torch.nn.Module):
    def __init__(self, value_at_zero: float):
        super().__init__()
        self.value_at_zero = value_at_zero

    def forward(self, x):
        return torch.where(x == 0, self.value_at_zero, torch.sign(x))


class TorchSign(torch.nn.Module):
    def forward(self, x):
        return torch.sign(x)


@register("activation", "sign", status="composed",
          note="torch.sign(0) = 0; the ±1 sign puts value_at_zero there with torch.where")
def build(value_at_zero=1.0):
    return Built(Sign(value_at_zero=value_at_zero))


@variant("activation", "sign", "zero_at_zero")
def build_zero_at_zero(value_at_zero=1.0):
    """torch.sign as it is: sign(0) = 0."""
    return Built(TorchSign())

"""Sign (±1) composed from ``torch.sign``, which gives 0 at x = 0.

``plain=True`` returns torch.sign as it is (sign(0) = 0): the native-convention run of the
divergence in conformance/divergences/activations.py.
"""
import torch

from torch_impl.registry import Built, register


class Sign(torch.nn.Module):
    def __init__(self, value_at_zero: float, plain: bool):
        super().__init__()
        self.value_at_zero = value_at_zero
        self.plain = plain

    def forward(self, x):
        s = torch.sign(x)
        if self.plain:
            return s
        return torch.where(x == 0, self.value_at_zero, s)


@register("activation", "sign", status="composed",
          note="torch.sign(0) = 0; the ±1 sign puts value_at_zero there with torch.where")
def build(value_at_zero=1.0, *, plain=False):
    return Built(Sign(value_at_zero=value_at_zero, plain=plain))

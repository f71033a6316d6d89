"""Maxout, composed: torch.nn has no maxout. ``nn.Linear(in, units·pieces)``, then the
pre-activations viewed as (..., units, pieces) (``reference.conventions.MAXOUT_GROUPING``:
unit u takes columns u·pieces … u·pieces + pieces − 1), then ``amax`` over the pieces.

The reference W (in, units·pieces) maps onto ``Linear.weight`` (units·pieces, in) through the
"out_in" layout. The ``untransposed_weight`` variant copies W without the transpose, for the
divergence run (it fits only when in_features == units·pieces).
"""
import torch

from torch_impl.registry import Built, Param, register, variant


class Maxout(torch.nn.Module):
    def __init__(self, in_features: int, units: int, pieces: int):
        super().__init__()
        self.units, self.pieces = units, pieces
        self.linear = torch.nn.Linear(in_features, units * pieces)

    def forward(self, x):
        z = self.linear(x).unflatten(-1, (self.units, self.pieces))     # (..., units, pieces)
        return z.amax(dim=-1)                                          # (..., units)


@register("activation", "maxout", status="composed",
          note="torch.nn has no Maxout: nn.Linear + unflatten(units, pieces) + amax")
def build(in_features, units, pieces):
    module = Maxout(in_features=in_features, units=units, pieces=pieces)
    return Built(module, {"W": Param("linear.weight", layout="out_in"), "b": Param("linear.bias")})


@variant("activation", "maxout", "untransposed_weight")
def build_untransposed_weight(in_features, units, pieces):
    """W copied into nn.Linear's (out, in) weight as it is, without the transpose."""
    module = Maxout(in_features=in_features, units=units, pieces=pieces)
    return Built(module, {"W": Param("linear.weight", layout="same"), "b": Param("linear.bias")})

"""Gaussian dropout, composed: torch has no such layer (no module, functional or op).

A small ``nn.Module`` in torch's idiom: ``x · (1 + σ·torch.randn_like(x))`` with σ = √(p/(1 − p))
in train mode, the identity in eval mode. ``randn_like`` draws from torch's default generator, which
``runner.run_module`` seeds with the case's seed; the factor is read back exactly on an input of
ones (``Probe``), where y = 1 · ε = ε.
"""
import math

import torch

from torch_impl.registry import Built, Probe, register


class GaussianDropout(torch.nn.Module):
    def __init__(self, p: float):
        super().__init__()
        if not 0 <= p < 1:
            raise ValueError(f"p={p!r} is not allowed: expected a probability in [0, 1)")
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training:
            return x
        factor = 1 + math.sqrt(self.p / (1 - self.p)) * torch.randn_like(x)
        return x * factor

    def extra_repr(self) -> str:
        return f"p={self.p}"


@register("layer", "gaussian_dropout", status="composed",
          note="torch has no Gaussian dropout layer: x·(1 + √(p/(1−p))·torch.randn_like(x)) in train mode, "
               "identity in eval")
def build(p):
    return Built(GaussianDropout(p), probe=Probe(1.0, lambda y: y))

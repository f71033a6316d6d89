"""Additive Gaussian noise, composed: torch has no such layer (no module, functional or op).

A small ``nn.Module`` in torch's idiom: ``x + stddev · torch.randn_like(x)`` in train mode, the
identity in eval mode (``self.training``, set by ``.train()`` / ``.eval()``). ``randn_like`` draws
from torch's default generator, which ``runner.run_module`` seeds with the case's seed; the noise is
read back exactly on an input of zeros (``Probe``), where y = 0 + n = n.
"""
import torch

from torch_impl.registry import Built, Probe, register


class GaussianNoise(torch.nn.Module):
    def __init__(self, stddev: float):
        super().__init__()
        self.stddev = stddev

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training:
            return x
        return x + self.stddev * torch.randn_like(x)

    def extra_repr(self) -> str:
        return f"stddev={self.stddev}"


@register("layer", "gaussian_noise", status="composed",
          note="torch has no Gaussian noise layer: x + stddev·torch.randn_like(x) in train mode, identity in eval")
def build(stddev):
    return Built(GaussianNoise(stddev), probe=Probe(0.0, lambda y: y))

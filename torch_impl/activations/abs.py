"""Abs <-> ``torch.abs`` (a function; torch.nn has no module), wrapped in a module."""
import torch

from torch_impl.registry import Built, register


class Abs(torch.nn.Module):
    def forward(self, x):
        return torch.abs(x)


@register("activation", "abs", note="torch.abs wrapped in a module (torch.nn has no Abs)")
def build():
    return Built(Abs())

"""Softmax <-> ``torch.nn.Softmax(dim=axis)``.

The ``implicit_dim`` variant builds ``nn.Softmax()`` with no dim, torch's legacy choice (dim 0 for
1-D and 3-D input, else 1; ``torch/nn/functional.py: _get_softmax_dim``), for the divergence run.
"""
import torch

from torch_impl.registry import Built, register, variant


@register("activation", "softmax")
def build(axis=-1):
    return Built(torch.nn.Softmax(dim=axis))


@variant("activation", "softmax", "implicit_dim")
def build_implicit_dim(axis=-1):
    """No dim given: torch's legacy implicit dim (0 for 1-D and 3-D input, else 1)."""
    return Built(torch.nn.Softmax())

"""Softmax <-> ``torch.nn.Softmax(dim=axis)``.

``implicit_dim=True`` (keyword-only) builds ``nn.Softmax()`` with no dim, torch's legacy
choice (dim 0 for 1-D and 3-D input, else 1; ``torch/nn/functional.py: _get_softmax_dim``),
for the divergence run.
"""
import torch

from torch_impl.registry import Built, register


@register("activation", "softmax")
def build(axis=-1, *, implicit_dim=False):
    return Built(torch.nn.Softmax() if implicit_dim else torch.nn.Softmax(dim=axis))

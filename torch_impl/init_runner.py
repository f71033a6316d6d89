"""Draw a registered torch initializer on tensors in torch's layout; return the reference's.

A kernel the reference shapes (*receptive_field, in, out) is (out, in, *receptive_field) in
torch (``torch_impl.layout``), so torch computes its fans on its own layout. ``via`` says where
the tensor comes from:

    "tensor"        torch.empty(torch shape), filled by the initializer
    "dense_kernel"  the weight of a fresh torch.nn.Linear(in, out), then the initializer
    "dense_bias"    the bias of a fresh torch.nn.Linear(in, out), then the initializer
A builder that returns no initializer (``layer_default=True``) keeps the layer's own draw.
"""
from __future__ import annotations

import numpy as np
import torch

from torch_impl.initializers.truncated import fans as _torch_fans
from torch_impl.device import set_dtype, to_numpy
from torch_impl.layout import from_torch, torch_shape
from torch_impl.registry import REGISTRY

VIAS = ("tensor", "dense_kernel", "dense_bias")


def fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """torch's fans of the reference kernel shape, computed on torch's layout."""
    return tuple(_torch_fans(torch.empty(torch_shape(shape))))


def draw(name: str, kwargs: dict, dtype: str, shape: tuple[int, ...], draws: int, seed: int,
         via: str = "tensor") -> np.ndarray:
    """``draws`` independent draws, stacked: (draws, *shape) in the reference layout
    (for via="dense_bias": (draws, out))."""
    torch_dtype = set_dtype(dtype)
    torch.manual_seed(seed)
    init = REGISTRY.get("initializer", name).build(**kwargs).module
    out = []
    for _ in range(draws):
        if via == "tensor":
            t = torch.empty(torch_shape(shape), dtype=torch_dtype)
        else:
            layer = torch.nn.Linear(*shape, dtype=torch_dtype)          # shape = (in, out)
            t = layer.weight if via == "dense_kernel" else layer.bias
        if init is not None:
            init(t)
        out.append(from_torch("out_in", to_numpy(t)))
    return np.stack(out)

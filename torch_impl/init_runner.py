"""Draw a registered torch initializer on tensors in torch's layout; return the reference's.

A kernel the reference shapes (*receptive_field, in, out) is (out, in, *receptive_field) in
torch (``torch_impl.layout``), so torch computes its fans on its own layout. ``via`` (validated
by the checker, ``conformance.checkers.distribution.VIAS``) says where the tensor comes from:

    "tensor"        torch.empty(torch shape), filled by the initializer
    "dense_kernel"  the weight of a fresh registered Dense (torch.nn.Linear(in, out)), then the initializer
    "dense_bias"    the bias of a fresh registered Dense, then the initializer
A builder that returns no initializer (the ``torch_layer_default`` variant) keeps the layer's own draw.
"""
from __future__ import annotations

import numpy as np
import torch

from torch_impl.device import set_dtype, to_numpy
from torch_impl.initializers.truncated import fans as _torch_fans
from torch_impl.layout import from_torch, torch_shape
from torch_impl.registry import REGISTRY

KERNEL = "out_in"                       # torch_impl.layout's name for a kernel of any rank (out, in, *rf)
DENSE_PARAM = {"dense_kernel": "W", "dense_bias": "b"}      # via -> the registered Dense's parameter


def fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """torch's fans of the reference kernel shape, computed on torch's layout."""
    return tuple(_torch_fans(torch.empty(torch_shape(shape))))


def _tensor(via: str, shape: tuple[int, ...], dtype: torch.dtype) -> tuple[torch.Tensor, str]:
    """A fresh tensor to initialize, and its layout."""
    if via == "tensor":
        return torch.empty(torch_shape(shape), dtype=dtype), KERNEL
    in_features, units = shape
    built = REGISTRY.get("layer", "dense").build(in_features=in_features, units=units)
    param = built.params[DENSE_PARAM[via]]
    return getattr(built.module, param.attr), param.layout


def draw(ctx, name: str, kwargs: dict, shape: tuple[int, ...], draws: int, via: str = "tensor") -> np.ndarray:
    """``draws`` independent draws, stacked: (draws, *shape) in the reference layout
    (for via="dense_bias": (draws, out))."""
    torch_dtype = set_dtype(ctx.dtype)
    torch.manual_seed(ctx.seed)
    init = REGISTRY.get("initializer", name).build(**kwargs).module
    out = []
    for _ in range(draws):
        t, layout = _tensor(via, shape, torch_dtype)
        if init is not None:
            with torch.no_grad():
                init(t)
        out.append(from_torch(layout, to_numpy(t)))
    return np.stack(out)

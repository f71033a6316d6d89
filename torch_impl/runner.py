"""Run a registered torch component on NumPy inputs: forward, then autograd backward.

Arrays cross between NumPy and torch through ``torch_impl.device`` only. A random module
(``nn.RReLU``) draws from torch's default generator; ``run_module`` seeds it with
``torch.manual_seed(ctx.seed)`` first, as a torch user makes a run repeatable, so that one seed (the
case's) gives the same draw on every run.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import torch

from torch_impl.device import set_dtype, to_device, to_numpy
from torch_impl.layout import from_torch, to_torch
from torch_impl.registry import REGISTRY


def _attr(module: torch.nn.Module, path: str) -> torch.nn.Parameter:
    obj: Any = module
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def build(ctx, kind: str, name: str, kwargs: dict):
    """The registered builder's ``Built``, its module in ctx's dtype on ctx's device."""
    torch_dtype = set_dtype(ctx.dtype)
    built = REGISTRY.get(kind, name).build(**kwargs)
    if isinstance(built.module, torch.nn.Module):
        built.module.to(device=ctx.device, dtype=torch_dtype)
    return built


def run_module(ctx, kind: str, name: str, kwargs: dict, x: np.ndarray, params: dict[str, np.ndarray],
               dy: np.ndarray, training: bool, grad: bool = True) -> dict:
    torch.manual_seed(ctx.seed)                  # CPU and every CUDA device
    built = build(ctx, kind, name, kwargs)
    module = built.module
    module.train(training)
    with torch.no_grad():
        for ref_name, slot in built.params.items():
            _attr(module, slot.attr).copy_(to_device(to_torch(slot.layout, params[ref_name]), ctx.device))
    xt = to_device(x, ctx.device, requires_grad=grad)
    y = module(xt)
    out = {"out": to_numpy(y), "grad_input": None, "grad_params": {}, "noise": None}
    if built.recover_noise is not None:
        out["noise"] = built.recover_noise(x, out["out"])
    if grad:
        y.backward(to_device(np.asarray(dy, dtype=x.dtype), ctx.device))
        out["grad_input"] = to_numpy(xt.grad)
        for ref_name, slot in built.params.items():
            g = _attr(module, slot.attr).grad
            out["grad_params"][ref_name] = None if g is None else from_torch(slot.layout, to_numpy(g))
    return out


def run_loss(ctx, name: str, kwargs: dict, y_pred: np.ndarray, y_true: np.ndarray, dloss: np.ndarray) -> dict:
    built = build(ctx, "loss", name, kwargs)
    pred = to_device(y_pred, ctx.device, requires_grad=True)
    target = to_device(y_true, ctx.device)
    loss = built.module(pred, target)
    if tuple(loss.shape) != np.shape(dloss):      # a native-convention run can change the shape
        return {"out": to_numpy(loss), "grad_input": None, "grad_params": {}, "noise": None}
    loss.backward(to_device(np.array(dloss, dtype=y_pred.dtype), ctx.device))
    return {"out": to_numpy(loss), "grad_input": to_numpy(pred.grad), "grad_params": {}, "noise": None}

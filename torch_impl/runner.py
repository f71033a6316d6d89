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
from reference.registry import into_layout, out_of_layout
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


def _load(ctx, built, params: dict[str, np.ndarray]) -> None:
    with torch.no_grad():
        for ref_name, slot in built.params.items():
            _attr(built.module, slot.attr).copy_(to_device(to_torch(slot.layout, params[ref_name]), ctx.device))


def _forward(ctx, built, x: np.ndarray, grad: bool):
    """(input tensor, output tensor, output in the reference's layout)."""
    floating = np.issubdtype(x.dtype, np.floating)    # integer indices (an embedding's) cannot require grad
    xt = to_device(into_layout(x, built.input_layout), ctx.device, requires_grad=grad and floating)
    y = built.module(xt)
    return xt, y, out_of_layout(to_numpy(y), built.input_layout, x.ndim)


def _backward(ctx, built, x: np.ndarray, xt, y, dy: np.ndarray) -> tuple[np.ndarray, dict]:
    """Autograd from dy (reference layout): the input gradient and each parameter's, reference layout."""
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else dy.dtype      # indices: dy's
    dyt = into_layout(np.asarray(dy, dtype=dtype), built.input_layout) if y.ndim == x.ndim else dy
    y.backward(to_device(dyt, ctx.device))
    grads = {}
    for ref_name, slot in built.params.items():
        g = _attr(built.module, slot.attr).grad
        grads[ref_name] = None if g is None else from_torch(slot.layout, to_numpy(g))
    return out_of_layout(to_numpy(xt.grad), built.input_layout, x.ndim), grads   # None for indices


def _probe(ctx, kind: str, name: str, kwargs: dict, shape: tuple, dtype, probe):
    """The draw of the training-mode call just made, read back on a constant input (``Probe``)."""
    torch.manual_seed(ctx.seed)
    built = build(ctx, kind, name, kwargs)
    built.module.train(True)
    with torch.no_grad():
        _, _, y = _forward(ctx, built, np.full(shape, probe.fill, dtype=dtype), grad=False)
    return probe.to_noise(y)


def run_module(ctx, kind: str, name: str, kwargs: dict, x: np.ndarray, params: dict[str, np.ndarray],
               dy: np.ndarray, training: bool, grad: bool = True) -> dict:
    torch.manual_seed(ctx.seed)                  # CPU and every CUDA device
    built = build(ctx, kind, name, kwargs)
    built.module.train(training)
    _load(ctx, built, params)
    xt, y, out_ = _forward(ctx, built, x, grad)
    out = {"out": out_, "grad_input": None, "grad_params": {}, "noise": None}
    if built.recover_noise is not None:
        out["noise"] = built.recover_noise(x, out["out"])
    if built.probe is not None and training:
        out["noise"] = _probe(ctx, kind, name, kwargs, x.shape, x.dtype, built.probe)
    if grad:
        out["grad_input"], out["grad_params"] = _backward(ctx, built, x, xt, y, dy)
    return out


def run_module_steps(ctx, kind: str, name: str, kwargs: dict, xs: list, params: dict[str, np.ndarray],
                     dys: list, x_eval: np.ndarray) -> dict:
    """A stateful module: one training-mode forward and backward per batch of ``xs`` (the state, e.g.
    running statistics, read after each), then one evaluation-mode forward on ``x_eval``."""
    torch.manual_seed(ctx.seed)
    built = build(ctx, kind, name, kwargs)
    _load(ctx, built, params)
    rec = {"outs": [], "grad_inputs": [], "grad_params": [], "states": []}
    built.module.train(True)
    for x, dy in zip(xs, dys):
        built.module.zero_grad()
        xt, y, out = _forward(ctx, built, x, grad=True)
        dx, grads = _backward(ctx, built, x, xt, y, dy)
        rec["outs"].append(out)
        rec["grad_inputs"].append(dx)
        rec["grad_params"].append(grads)
        rec["states"].append({k: from_torch(slot.layout, to_numpy(_attr(built.module, slot.attr)))
                              for k, slot in built.state.items()})
    built.module.train(False)
    with torch.no_grad():
        rec["eval_out"] = _forward(ctx, built, x_eval, grad=False)[2]
    return rec


def run_loss(ctx, name: str, kwargs: dict, y_pred: np.ndarray, y_true: np.ndarray, dloss: np.ndarray) -> dict:
    built = build(ctx, "loss", name, kwargs)
    pred = to_device(y_pred, ctx.device, requires_grad=True)
    target = to_device(y_true, ctx.device)
    loss = built.module(pred, target)
    if tuple(loss.shape) != np.shape(dloss):      # a native-convention run can change the shape
        return {"out": to_numpy(loss), "grad_input": None, "grad_params": {}, "noise": None}
    loss.backward(to_device(np.array(dloss, dtype=y_pred.dtype), ctx.device))
    return {"out": to_numpy(loss), "grad_input": to_numpy(pred.grad), "grad_params": {}, "noise": None}

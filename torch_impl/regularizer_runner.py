"""Run torch penalties, constraints and early stopping on NumPy data; return NumPy in the
reference layout (kernel (in, out); torch.nn.Linear.weight is (out, in)).

The small problem is a Dense layer, y = x W + b, fitted to targets by MSE with torch.optim.SGD,
one full-batch step per epoch.
"""
from __future__ import annotations

import copy

import numpy as np
import torch

from torch_impl.device import set_dtype, to_numpy
from torch_impl.layout import from_torch, to_torch
from torch_impl.registry import REGISTRY


def _build(name: str, kwargs: dict, dtype: str):
    set_dtype(dtype)
    return REGISTRY.get("regularizer", name).build(**kwargs).module


def _linear(W: np.ndarray, b: np.ndarray) -> torch.nn.Linear:
    layer = torch.nn.Linear(*W.shape, dtype=torch.from_numpy(W).dtype)
    with torch.no_grad():
        layer.weight.copy_(torch.from_numpy(to_torch("out_in", W)))
        layer.bias.copy_(torch.from_numpy(b))
    return layer


def _weights(layer: torch.nn.Linear) -> tuple[np.ndarray, np.ndarray]:
    return from_torch("out_in", to_numpy(layer.weight)), to_numpy(layer.bias)


def penalty(name: str, kwargs: dict, dtype: str, W: np.ndarray) -> dict:
    """The penalty on a Linear weight and its autograd gradient."""
    reg = _build(name, kwargs, dtype)
    weight = torch.nn.Parameter(torch.from_numpy(to_torch("out_in", W)))
    value = reg(weight)
    if value.requires_grad:
        value.backward()
    grad = None if weight.grad is None else from_torch("out_in", to_numpy(weight.grad))
    return {"value": to_numpy(value), "grad": grad}


def constrain(name: str, kwargs: dict, dtype: str, W: np.ndarray) -> np.ndarray:
    constrain_ = _build(name, kwargs, dtype)
    weight = torch.from_numpy(to_torch("out_in", W).copy())
    return from_torch("out_in", to_numpy(constrain_(weight)))


def train(name: str, kwargs: dict, dtype: str, data: dict, steps: int, lr: float, via: str = "loss") -> dict:
    """SGD steps with the component active; the (W, b) after every step, stacked.

    via="loss": the penalty is added to the loss; a constraint runs after each ``step()``.
    via="weight_decay": the L2 penalty as SGD's coupled ``weight_decay`` on the weight's group.
    """
    reg = _build(name, kwargs, dtype)
    layer = _linear(data["W"], data["b"])
    if via == "weight_decay":
        opt = torch.optim.SGD([{"params": [layer.weight], "weight_decay": reg.weight_decay},
                               {"params": [layer.bias], "weight_decay": 0.0}], lr=lr)
    else:
        opt = torch.optim.SGD(layer.parameters(), lr=lr)
    x, y = torch.from_numpy(data["x"]), torch.from_numpy(data["y"])
    Ws, bs = [], []
    for _ in range(steps):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(layer(x), y)
        if via == "loss" and isinstance(reg, torch.nn.Module):
            loss = loss + reg(layer.weight)
        loss.backward()
        opt.step()
        if not isinstance(reg, torch.nn.Module):          # a constraint: torch.renorm after the step
            reg(layer.weight)
        W, b = _weights(layer)
        Ws.append(W)
        bs.append(b)
    return {"W": np.stack(Ws), "b": np.stack(bs)}


def fit_early_stopping(kwargs: dict, dtype: str, data: dict, epochs: int, lr: float) -> dict:
    """Train up to ``epochs`` epochs; stop and restore as the composed EarlyStopping says."""
    es = _build("early_stopping", kwargs, dtype)
    model = _linear(data["W"], data["b"])
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    x, y = torch.from_numpy(data["x"]), torch.from_numpy(data["y"])
    xv, yv = torch.from_numpy(data["x_val"]), torch.from_numpy(data["y_val"])
    best_state, history = None, []
    for _ in range(epochs):
        model.train()
        opt.zero_grad()
        torch.nn.functional.mse_loss(model(x), y).backward()
        opt.step()
        model.eval()
        with torch.no_grad():
            val = torch.nn.functional.mse_loss(model(xv), yv).item()
        history.append(val)
        if es.improved(val) and es.restore_best_weights:
            best_state = copy.deepcopy(model.state_dict())
        if es.should_stop():
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    W, b = _weights(model)
    return {"val_loss": np.array(history, dtype=dtype), "W": W, "b": b}

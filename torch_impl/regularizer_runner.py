"""Run torch penalties, constraints and early stopping on NumPy data; return NumPy in the
reference layout.

The small problem is the registered Dense (torch.nn.Linear), y = x W + b, fitted to targets by
MSE with the registered ``sgd`` (torch.optim.SGD), one full-batch step per epoch. Parameters
cross through the Dense builder's ``Param`` layouts; a bare kernel (the constraint's single
application, any rank) through torch's kernel layout.
"""
from __future__ import annotations

import copy

import numpy as np
import torch

from reference.regularizers.l2 import weight_decay_for
from torch_impl.device import set_dtype, to_cpu_tensor, to_numpy
from torch_impl.layout import from_torch, to_torch
from torch_impl.registry import REGISTRY
from torch_impl import training
from torch_impl.regularizers.base import Constraint

KERNEL = "out_in"                       # torch_impl.layout's name for a kernel of any rank (out, in, *rf)


def _build(name: str, kwargs: dict, dtype: str):
    set_dtype(dtype)
    return REGISTRY.get("regularizer", name).build(**kwargs).module


def _sgd(lr: float, **kwargs):
    return REGISTRY.get("optimizer", "sgd").build(learning_rate=lr, **kwargs).module


class _Dense:
    """The registered Dense with the reference's W (and b, when given) copied in."""

    def __init__(self, W: np.ndarray, b: np.ndarray | None = None):
        built = REGISTRY.get("layer", "dense").build(in_features=W.shape[0], units=W.shape[1])
        self.module, self.slots = built.module, built.params
        with torch.no_grad():
            for name, value in (("W", W), ("b", b)):
                if value is not None:
                    self[name].copy_(to_cpu_tensor(to_torch(self.slots[name].layout, value)))

    def __getitem__(self, name: str) -> torch.nn.Parameter:
        return getattr(self.module, self.slots[name].attr)

    def numpy(self, name: str, grad: bool = False) -> np.ndarray | None:
        t = self[name].grad if grad else self[name]
        return None if t is None else from_torch(self.slots[name].layout, to_numpy(t))


def penalty(ctx, name: str, kwargs: dict, W: np.ndarray) -> dict:
    """The penalty on a Dense weight and its autograd gradient."""
    dtype = ctx.dtype
    reg = _build(name, kwargs, dtype)
    dense = _Dense(W)
    value = reg(dense["W"])
    if value.requires_grad:
        value.backward()
    return {"value": to_numpy(value), "grad": dense.numpy("W", grad=True)}


def fixed(ctx, name: str, kwargs: dict) -> dict:
    """The reference settings the built component fixes (``regularizers/base.py``); {} if none."""
    dtype = ctx.dtype
    return dict(getattr(_build(name, kwargs, dtype), "fixed", {}))


def constrain(ctx, name: str, kwargs: dict, W: np.ndarray) -> np.ndarray:
    dtype = ctx.dtype
    constraint = _build(name, kwargs, dtype)
    weight = to_cpu_tensor(to_torch(KERNEL, W))
    constraint.apply(weight)
    return from_torch(KERNEL, to_numpy(weight))


def train(ctx, name: str, kwargs: dict, data: dict, steps: int, lr: float, via: str = "loss") -> dict:
    """SGD steps with the component active; the (W, b) after every step, stacked.

    via="loss": a penalty is added to the loss; a constraint runs after each ``step()``.
    via="weight_decay": the L2 penalty as SGD's coupled ``weight_decay`` on the weight's group.
    """
    dtype = ctx.dtype
    comp = _build(name, kwargs, dtype)
    dense = _Dense(data["W"], data["b"])
    penalty_, constraint = None, None
    if via == "weight_decay":
        opt = _sgd(lr, weight_decay=weight_decay_for(comp.l2)).make(
            [{"params": [dense["W"]]}, {"params": [dense["b"]], "weight_decay": 0.0}])
    elif via == "loss" and isinstance(comp, Constraint):
        opt, constraint = _sgd(lr).make([dense["W"], dense["b"]]), comp
    elif via == "loss":
        opt, penalty_ = _sgd(lr).make([dense["W"], dense["b"]]), comp
    else:                                   # the checker validated via (TRAINING_VIAS)
        raise ValueError(f"unknown via={via!r}")
    x, y = to_cpu_tensor(data["x"]), to_cpu_tensor(data["y"])
    Ws, bs = [], []

    def loss():
        value = torch.nn.functional.mse_loss(dense.module(x), y)
        return value if penalty_ is None else value + penalty_(dense["W"])

    def after_step(t):
        if constraint is not None:
            constraint.apply(dense["W"])
        Ws.append(dense.numpy("W"))
        bs.append(dense.numpy("b"))

    training.train(opt, steps, loss=loss, after_step=after_step)
    return {"W": np.stack(Ws), "b": np.stack(bs)}


def fit_early_stopping(ctx, kwargs: dict, data: dict, epochs: int, lr: float) -> dict:
    """Train up to ``epochs`` epochs; stop and restore as the composed EarlyStopping says."""
    dtype = ctx.dtype
    es = _build("early_stopping", kwargs, dtype)
    dense = _Dense(data["W"], data["b"])
    model = dense.module
    opt = _sgd(lr).make([dense["W"], dense["b"]])
    x, y = to_cpu_tensor(data["x"]), to_cpu_tensor(data["y"])
    xv, yv = to_cpu_tensor(data["x_val"]), to_cpu_tensor(data["y_val"])
    best_state, history = None, []

    def end_of_epoch(epoch):
        nonlocal best_state
        model.eval()
        with torch.no_grad():
            val = torch.nn.functional.mse_loss(model(xv), yv).item()
        model.train()
        history.append(val)
        if es.update(val) and es.restore_best_weights:
            best_state = copy.deepcopy(model.state_dict())
        return es.should_stop()

    model.train()
    training.train(opt, epochs, loss=lambda: torch.nn.functional.mse_loss(model(x), y), after_step=end_of_epoch)
    if best_state is not None:
        model.load_state_dict(best_state)
    return {"val_loss": np.array(history, dtype=dtype), "W": dense.numpy("W"), "b": dense.numpy("b")}

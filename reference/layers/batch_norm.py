"""Batch normalization: each feature (the last axis) normalized over the batch and every other axis.

x has shape (N, ..., C): features (N, C), sequences (N, L, C), images (N, H, W, C) (channels-last,
``reference.conventions.IMAGE_LAYOUT``). Per feature c the statistics run over the M = N·(…) values
that share it.

Training (batch statistics):
    μ  = (1/M) Σ x                                 (C,)
    σ² = (1/M) Σ (x − μ)²                          (C,)   biased: the normalization divides by M
    x̂  = (x − μ) / √(σ² + ε)                       (N, ..., C)
    y  = γ·x̂ + β                                   γ, β (C,): ``scale`` and ``center``
    running_mean ← m·running_mean + (1 − m)·μ
    running_var  ← m·running_var  + (1 − m)·v,     v = σ²·M/(M − 1) (``unbiased_running_var=True``) or σ²
  ``momentum`` m is the fraction of the running statistic kept (``reference.conventions.BATCH_NORM_MOMENTUM``;
  torch's momentum is 1 − m). ``momentum=None``: the plain average of every batch so far (torch's
  cumulative average): t = count + 1, running ← (1 − 1/t)·running + (1/t)·batch, count ← t.
Evaluation (running statistics): y = γ·(x − running_mean)/√(running_var + ε) + β; the state is returned
unchanged.

Backward (sums Σ over every axis but the last, means over the same M values):
    dβ = Σ dy,   dγ = Σ dy·x̂
  training (μ and σ² depend on x):  dx = γ/√(σ² + ε) · (dy − mean(dy) − x̂·mean(dy·x̂))
  evaluation (constants):           dx = γ/√(running_var + ε) · dy

State (explicit, as an optimizer's): ``init_state(C, dtype)`` gives running_mean = 0, running_var = 1
(both frameworks' start), and with ``momentum=None`` a ``count`` of batches seen (int64, shape ()),
torch's ``num_batches_tracked``::

    state = bn.init_state(C, x.dtype)
    y, state, cache = bn.forward(x, params, state, training=True)
    dx, grads = bn.backward(dy, cache)

``batch_norm`` takes any rank ≥ 2 (torch ``BatchNorm1d`` on (N, C) or (N, C, L)); ``batch_norm_2d``
(``reference/layers/batch_norm_2d.py``) is the same layer restricted to images (torch ``BatchNorm2d``).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


@register("layer", "batch_norm")
class BatchNorm(Module):
    stateful = True
    #: None, or the input rank the layer takes (batch_norm_2d: 4)
    ndim: int | None = None

    def __init__(self, features: int, momentum: float | None = 0.9, epsilon: float = 1e-5, center: bool = True,
                 scale: bool = True, unbiased_running_var: bool = True):
        self.features = validate.integer("features", features, low=1)
        self.momentum = None if momentum is None else validate.number("momentum", momentum, low=0, high=1)
        self.epsilon = validate.number("epsilon", epsilon, low=0, low_open=True)
        self.center = validate.flag("center", center)
        self.scale = validate.flag("scale", scale)
        self.unbiased_running_var = validate.flag("unbiased_running_var", unbiased_running_var)

    def param_shapes(self, in_features):
        return {**({"gamma": (self.features,)} if self.scale else {}),
                **({"beta": (self.features,)} if self.center else {})}

    def init_params(self, rng, in_features, dtype=np.float64):
        """γ around 1 and β around 0 (a freshly built layer has exactly 1 and 0), distinct per feature."""
        params = {}
        if self.scale:
            params["gamma"] = (1 + 0.5 * rng.standard_normal(self.features)).astype(dtype)
        if self.center:
            params["beta"] = (0.5 * rng.standard_normal(self.features)).astype(dtype)
        return params

    def init_state(self, in_features, dtype=np.float64):
        if validate.integer("in_features", in_features, low=1) != self.features:
            raise ValueError(f"in_features={in_features!r} is not allowed: the layer has features={self.features}")
        dtype = validate.dtype("dtype", dtype)
        state = {"running_mean": np.zeros(self.features, dtype=dtype),
                 "running_var": np.ones(self.features, dtype=dtype)}
        if self.momentum is None:
            state["count"] = np.zeros((), dtype=np.int64)
        return state

    def check_state(self, state, dtype) -> None:
        """Exactly ``init_state``'s names; the statistics of x's dtype and shape (C,), the count int64 ≥ 0."""
        names = ("running_mean", "running_var") + (("count",) if self.momentum is None else ())
        validate.keys("state", state, names, of="init_state")
        for name in ("running_mean", "running_var"):
            validate.array(f"state[{name!r}]", state[name], shape=(self.features,), dtype_of=("x", dtype))
        if self.momentum is None:
            count = state["count"]
            if not isinstance(count, (np.ndarray, np.generic)) or count.dtype != np.int64 or count.shape != () \
                    or count < 0:
                raise ValueError(f"state['count']={count!r} is not allowed: expected an int64 NumPy scalar ≥ 0 "
                                 "(the number of training batches seen)")

    def forward(self, x, params, state, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        if x.ndim < 2 or (self.ndim is not None and x.ndim != self.ndim):
            want = f"{self.ndim} dimensions (N, H, W, C)" if self.ndim else "at least 2 dimensions (N, ..., C)"
            raise ValueError(f"x has shape {x.shape}: expected {want}")
        if x.shape[-1] != self.features:
            raise ValueError(f"input of shape {x.shape} has {x.shape[-1]} features on its last axis: "
                             f"expected features={self.features}")
        self.check_state(state, x.dtype)
        axes = tuple(range(x.ndim - 1))                  # every axis but the features
        m = x.size // self.features                      # values per feature
        eps = x.dtype.type(self.epsilon)
        if training:
            if m < 2:
                raise ValueError(f"x has shape {x.shape}: training needs more than one value per feature "
                                 "(the batch variance of one value is 0)")
            mean = x.mean(axis=axes)                     # (C,)
            var = ((x - mean) ** 2).mean(axis=axes)      # (C,) biased
            state = self._update(state, mean, var, m)
        else:
            mean, var = state["running_mean"], state["running_var"]
            state = dict(state)
        inv_std = 1 / np.sqrt(var + eps)                 # (C,)
        x_hat = (x - mean) * inv_std                     # (N, ..., C)
        y = x_hat
        if self.scale:
            y = y * params["gamma"]
        if self.center:
            y = y + params["beta"]
        gamma = params["gamma"] if self.scale else x.dtype.type(1)
        return y, state, (training, x_hat, inv_std, gamma, axes)

    def _update(self, state, mean, var, m):
        """The running statistics after one training batch (its mean and biased variance, m values each)."""
        dt = mean.dtype.type
        batch_var = var * dt(m / (m - 1)) if self.unbiased_running_var else var
        new = {}
        if self.momentum is None:
            count = state["count"] + np.int64(1)
            keep, take = 1 - 1 / dt(count), 1 / dt(count)
            new["count"] = np.asarray(count, dtype=np.int64)
        else:
            keep, take = dt(self.momentum), dt(1 - self.momentum)
        new["running_mean"] = keep * state["running_mean"] + take * mean
        new["running_var"] = keep * state["running_var"] + take * batch_var
        return {name: new[name] for name in state}

    def backward(self, dy, cache):
        training, x_hat, inv_std, gamma, axes = cache
        self.check_backward(dy, x_hat.shape, x_hat.dtype)
        grads = {}
        if self.scale:
            grads["gamma"] = (dy * x_hat).sum(axis=axes)                 # (C,)
        if self.center:
            grads["beta"] = dy.sum(axis=axes)                             # (C,)
        if training:
            dx = gamma * inv_std * (dy - dy.mean(axis=axes) - x_hat * (dy * x_hat).mean(axis=axes))
        else:
            dx = gamma * inv_std * dy                                      # (N, ..., C)
        return dx, grads

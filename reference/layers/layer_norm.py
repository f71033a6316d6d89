"""Layer normalization: each sample normalized over its last k axes (``normalized_shape``).

With D = ∏ normalized_shape values per sample (the last k axes of x):
    μ  = (1/D) Σ x                                (N, ..., 1, …, 1)   one per sample (and leading axis)
    σ² = (1/D) Σ (x − μ)²                         biased
    x̂  = (x − μ) / √(σ² + ε)
    y  = γ·x̂ + β                                  γ, β of shape normalized_shape (``scale``, ``center``)

Backward (Σ and mean over the same k axes; dγ, dβ sum over every leading axis):
    dβ = Σ_lead dy,   dγ = Σ_lead dy·x̂
    dx = (1/√(σ² + ε)) · (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)),   ĝ = γ·dy

The same statistics in training and evaluation; no state. ε sits inside the square root in both
frameworks (torch ``nn.LayerNorm`` default 1e-5 as here, Keras ``LayerNormalization`` 1e-3).

Shapes: x (N, ..., *normalized_shape), y like x.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


@register("layer", "layer_norm")
class LayerNorm(Module):
    def __init__(self, normalized_shape, epsilon: float = 1e-5, center: bool = True, scale: bool = True):
        if isinstance(normalized_shape, (int, np.integer)) and not isinstance(normalized_shape, bool):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = validate.shape("normalized_shape", normalized_shape)
        if not self.normalized_shape:
            raise ValueError("normalized_shape=() is not allowed: expected at least one axis size")
        self.epsilon = validate.number("epsilon", epsilon, low=0, low_open=True)
        self.center = validate.flag("center", center)
        self.scale = validate.flag("scale", scale)

    def param_shapes(self, in_features):
        return {**({"gamma": self.normalized_shape} if self.scale else {}),
                **({"beta": self.normalized_shape} if self.center else {})}

    def init_params(self, rng, in_features, dtype=np.float64):
        """γ around 1 and β around 0 (a freshly built layer has exactly 1 and 0), distinct per element."""
        params = {}
        if self.scale:
            params["gamma"] = (1 + 0.5 * rng.standard_normal(self.normalized_shape)).astype(dtype)
        if self.center:
            params["beta"] = (0.5 * rng.standard_normal(self.normalized_shape)).astype(dtype)
        return params

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        k = len(self.normalized_shape)
        if x.ndim < k + 1 or x.shape[-k:] != self.normalized_shape:
            raise ValueError(f"x has shape {x.shape}: expected (N, ..., {', '.join(map(str, self.normalized_shape))}), "
                             f"ending in normalized_shape={self.normalized_shape} after a batch axis")
        axes = tuple(range(x.ndim - k, x.ndim))              # the normalized axes
        mean = x.mean(axis=axes, keepdims=True)              # (N, ..., 1, …, 1)
        var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
        inv_std = 1 / np.sqrt(var + x.dtype.type(self.epsilon))
        x_hat = (x - mean) * inv_std                         # like x
        y = x_hat
        if self.scale:
            y = y * params["gamma"]
        if self.center:
            y = y + params["beta"]
        return y, (x_hat, inv_std, params.get("gamma"), axes)

    def backward(self, dy, cache):
        x_hat, inv_std, gamma, axes = cache
        self.check_backward(dy, x_hat.shape, x_hat.dtype)
        lead = tuple(range(x_hat.ndim - len(axes)))          # the batch (and other leading) axes
        grads = {}
        if self.scale:
            grads["gamma"] = (dy * x_hat).sum(axis=lead)     # normalized_shape
        if self.center:
            grads["beta"] = dy.sum(axis=lead)
        g = dy * gamma if self.scale else dy                 # ĝ = γ·dy, like x
        dx = inv_std * (g - g.mean(axis=axes, keepdims=True) - x_hat * (g * x_hat).mean(axis=axes, keepdims=True))
        return dx, grads

"""Parametric ReLU: a leaky ReLU whose negative slope α is learned.

Forward:   y = x          if x > 0
           y = α_f · x    otherwise
Backward:  dx   = dy · 1      if x > 0
           dx   = dy · α_f    if x < 0
           dx   = dy · g      at x = 0, g chosen by ``grad_at_zero``
           dα_f = Σ dy · x · [x ≤ 0], summed over every element that shares α_f

α has shape (num_parameters,). ``num_parameters=1`` shares one slope over every element;
``num_parameters=F`` gives one slope per feature, the last axis
(``reference.conventions.FEATURE_AXIS``), shared over the batch and any other axis.
``init`` is the starting value of every α (torch's default 0.25).

``grad_at_zero`` is the convention at the kink x = 0:

* "alpha" (default): g = α, the left-hand slope, as torch.nn.PReLU (its kernel takes
  x > 0 ? 1 : α) and LeakyReLU in both frameworks.
* "zero": g = 0, as keras.layers.PReLU, which computes relu(x) − α·relu(−x)
  (keras/src/layers/activations/prelu.py:74-77) and relu'(0) = 0 in both terms. This is
  neither one-sided derivative; the Keras comparison selects it
  (conformance/divergences/activations_special.py).

dα is the same under both: x = 0 contributes x · dy = 0.

Shapes: x (N, ..., F), α (1,) or (F,), y like x.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register

GRAD_AT_ZERO = ("alpha", "zero")


@register("activation", "prelu")
class PReLU(Module):
    def __init__(self, num_parameters: int = 1, init: float = 0.25, grad_at_zero: str = "alpha"):
        self.num_parameters = validate.integer("num_parameters", num_parameters, low=1)
        self.init = validate.number("init", init)
        self.grad_at_zero = validate.choice("grad_at_zero", grad_at_zero, GRAD_AT_ZERO)

    def param_shapes(self, in_features):
        return {"alpha": (self.num_parameters,)}

    def start_params(self, in_features: int, dtype=np.float64):
        """The parameters a freshly built PReLU starts from: every α equal to ``init``. (The harness
        draws its own α with ``Module.init_params``, so that α differs per feature.)"""
        return {"alpha": np.full((self.num_parameters,), self.init, dtype=dtype)}

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        if self.num_parameters not in (1, x.shape[-1]):
            raise ValueError(f"num_parameters={self.num_parameters} does not fit an input with "
                             f"{x.shape[-1]} features: expected 1 or {x.shape[-1]}")
        alpha = params["alpha"]                                 # (1,) or (F,), broadcast on the last axis
        slope = np.where(x > 0, x.dtype.type(1), alpha)         # (N, ..., F)
        return x * slope, (x, slope)

    def backward(self, dy, cache):
        x, slope = cache
        self.check_backward(dy, x.shape, x.dtype)
        if self.grad_at_zero == "zero":
            slope = np.where(x == 0, x.dtype.type(0), slope)    # (N, ..., F)
        per_feature = (dy * x * (x <= 0)).reshape(-1, x.shape[-1]).sum(axis=0)   # (F,)
        dalpha = per_feature if self.num_parameters > 1 else per_feature.sum(keepdims=True)
        return dy * slope, {"alpha": dalpha}

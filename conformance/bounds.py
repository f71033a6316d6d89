"""Rounding-error allowances of products and reductions, per component (``conformance/tolerances.py``).

A function here takes the case's arrays and returns ``{check: bound}``, each bound an array of the
checked value's shape: how far two correct implementations in ``dtype`` may lie apart whatever order
they sum in. Components whose outputs are elementwise need none.
"""
from __future__ import annotations

import numpy as np

from conformance.tolerances import gamma, rounding_bound


def dense(x: np.ndarray, params: dict, dy: np.ndarray, dtype: str) -> dict[str, np.ndarray]:
    """y = xW + b, dx = dy Wᵀ, dW = xᵀ dy and db = Σ dy over the flattened leading axes."""
    x2, dy2 = x.reshape(-1, x.shape[-1]), dy.reshape(-1, dy.shape[-1])     # (M, in), (M, out)
    W = params["W"]
    out = {"forward": rounding_bound(x, W, dtype),                        # (..., out)
           "grad_input": rounding_bound(dy, W.T, dtype),                  # (..., in)
           "grad_param:W": rounding_bound(x2.T, dy2, dtype)}              # (in, out)
    if "b" in params:
        out["grad_param:b"] = 2 * gamma(len(dy2), dtype) * np.abs(dy2).astype(np.float64).sum(axis=0)
    return out


BOUNDS = {("layer", "dense"): dense}


def for_module(family: str, name: str, x, params, dy, dtype: str) -> dict[str, np.ndarray]:
    fn = BOUNDS.get((family, name))
    return {} if fn is None else fn(x, params, dy, dtype)

"""Central finite differences, the referee for every reference backward pass (float64).

    ∂f/∂θ_i ≈ (f(θ + h_i e_i) − f(θ − h_i e_i)) / 2h_i,    h_i = h · max(1, |θ_i|)

The step is relative for large entries, so inputs of magnitude 1e4 are differenced with
the same relative precision as inputs of magnitude 1.

For an array-valued component the scalar is f = Σ y · g for a fixed upstream gradient g,
so ∂f/∂θ is exactly what ``backward(g, cache)`` returns.
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def numerical_gradient(f: Callable[[], float], array: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """∂f/∂array by central differences; ``f`` reads ``array``, which is perturbed in place."""
    grad = np.zeros_like(array, dtype=np.float64)
    flat = array.reshape(-1)
    g = grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        step = h * max(1.0, abs(float(old)))
        flat[i] = old + step
        fp = f()
        flat[i] = old - step
        fm = f()
        flat[i] = old
        g[i] = (fp - fm) / (2 * step)
    return grad


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """‖a − n‖∞ / max(‖a‖∞, ‖n‖∞), and 0 when both are zero."""
    scale = max(np.max(np.abs(analytic), initial=0.0), np.max(np.abs(numeric), initial=0.0))
    if scale == 0:
        return 0.0
    return float(np.max(np.abs(analytic - numeric)) / scale)

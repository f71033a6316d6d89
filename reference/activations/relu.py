"""Rectified linear unit.

Forward:   y = max(x, 0)
Backward:  dx = dy · [x > 0]   (the gradient at x = 0 is taken as 0, as in both frameworks),
           and NaN where x is NaN

max(x, 0) rather than x·[x > 0]: the product is NaN at x = −inf (−inf·0), the max is the
true 0. NaN propagates to the output and the gradient (reference/activations/nonfinite.py).

``out``: an array of the result's shape and dtype to write y (forward) or dx (backward) into,
as NumPy's ``out=``; it may be x (dy) itself. ``Sequential`` passes its own intermediate
arrays, which nothing else holds (the Dense output before the ReLU, the gradient a Dense
returned), as ``nn.ReLU(inplace=True)`` does in PyTorch: a new (N, width) array per pass
costs more than the max itself.
"""
from __future__ import annotations

import numpy as np

from reference.activations.nonfinite import nan_at, nan_where
from reference.base import Module
from reference.registry import register


@register("activation", "relu")
class ReLU(Module):
    accepts_out = True

    def forward(self, x, params, *, training=False, rng=None, noise=None, out=None):
        self.check_forward(x, params)
        y = np.maximum(x, 0, out=self.check_out(out, x))
        return y, (y > 0, nan_where(y))     # the step [x > 0]; NaN positions (None: none)

    def backward(self, dy, cache, *, out=None):
        step, nan = cache
        dx = np.multiply(dy, step, out=self.check_out(out, dy))      # dy·[x > 0]
        return nan_at(nan, dx), {}

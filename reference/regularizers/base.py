"""Regularizers, constraints and early stopping: three roles under one registry kind.

``Penalty`` (l1, l2, l1_l2): a scalar added to the loss, with its gradient::

    value, cache = r.forward(W)          # value: 0-d array, W's dtype
    dW = r.backward(dvalue, cache)       # ∂(dvalue · value)/∂W

``Constraint`` (max_norm): a projection applied to a kernel after each optimizer step::

    W = c.apply(W)

``EarlyStopping``: a state machine over a validation loss, one ``update`` per epoch.

Penalties act on a kernel only (never a bias), in the reference layout (*receptive_field, in, out).
``W`` must be a float array (``reference.validate.array``): an integer kernel is rejected, not
truncated.
"""
from __future__ import annotations

from typing import Any

import numpy as np


class Penalty:
    role = "penalty"

    def forward(self, W: np.ndarray) -> tuple[np.ndarray, Any]:
        raise NotImplementedError

    def backward(self, dvalue, cache: Any) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, W: np.ndarray) -> np.ndarray:
        return self.forward(W)[0]


class Constraint:
    role = "constraint"

    def apply(self, W: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, W: np.ndarray) -> np.ndarray:
        return self.apply(W)

"""The boundary of every loss's ``forward``: dtypes, shapes and domains of y_pred and y_true.

Dtypes: y_pred is float32 or float64 (``reference.conventions.DTYPES``); float targets have
y_pred's dtype; class labels (``target_kind = "int"``) are integers in [0, C). Nothing is cast
and nothing is broadcast: an int64 one-hot target made categorical cross-entropy's arithmetic
integer (0.0 for 0.357), and mse of (4, 1) against (4,) broadcast to a (4, 4) loss.

Shapes: elementwise losses take y_true of y_pred's shape; per-sample losses take y_pred (N, C)
and y_true (N, C), or labels (N,).

Domains are each loss's data (``Loss.pred_domain``, ``Loss.target_domain``): a closed interval
per entry. NaN passes every domain check: it propagates (reference/activations/nonfinite.py).
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from reference import validate


class Domain(NamedTuple):
    low: float
    high: float
    what: str                       # the entries' name in an error message


PROBABILITIES = Domain(0.0, 1.0, "probabilities")
TARGETS = Domain(0.0, 1.0, "targets")           # soft and multi-label targets included; rows need not sum to 1


def check_inputs(loss, y_pred: np.ndarray, y_true: np.ndarray) -> None:
    """Raise ValueError naming the argument, its dtype, shape or first bad entry, and what is allowed."""
    validate.array("y_pred", y_pred)
    if not loss.elementwise and y_pred.ndim != 2:
        raise ValueError(f"y_pred has shape {y_pred.shape}: expected 2 dimensions (N, C)")
    if loss.target_kind == "int":
        check_labels(y_true, y_pred)
    else:
        validate.array("y_true", y_true, shape=y_pred.shape, dtype_of=("y_pred", y_pred.dtype))
    check_domain("y_pred", y_pred, loss.pred_domain)
    check_domain("y_true", y_true, loss.target_domain)


def check_domain(name: str, a: np.ndarray, domain: Domain | None) -> None:
    if domain is None:
        return
    bad = np.flatnonzero((a < domain.low) | (a > domain.high))            # False for NaN
    if bad.size:
        i = np.unravel_index(bad[0], a.shape)
        raise ValueError(f"{name}[{', '.join(map(str, i))}]={float(a[i])!r} is not allowed: "
                         f"expected {domain.what} in [{domain.low:g}, {domain.high:g}] (or NaN)")


def check_labels(labels: np.ndarray, y_pred: np.ndarray) -> None:
    """``labels`` (y_true) hold one integer in [0, C) per row of ``y_pred`` (N, C). Unchecked,
    NumPy would index from the end with a negative label and raise a bare IndexError past C."""
    n, classes = y_pred.shape
    allowed = f"expected integer class labels in [0, {classes}), shape ({n},)"
    if not isinstance(labels, np.ndarray):
        raise ValueError(f"y_true is a {type(labels).__name__}: {allowed}, as a NumPy array")
    if not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"y_true of dtype {labels.dtype} is not allowed: {allowed}")
    if labels.shape != (n,):
        raise ValueError(f"y_true of shape {labels.shape} is not allowed: {allowed}")
    if labels.size and (labels.min() < 0 or labels.max() >= classes):
        i = int(np.flatnonzero((labels < 0) | (labels >= classes))[0])
        raise ValueError(f"y_true[{i}]={int(labels[i])} is not allowed: {allowed}")

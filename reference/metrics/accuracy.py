"""Categorical accuracy: how often the highest score is at the one-hot label's class.

Per sample:  s_n = [ argmax_k ŷ_nk == argmax_k y_nk ]       ŷ (N, K) scores, y (N, K) one-hot
Value:       mean over n of s_n

Any scores whose argmax is the predicted class will do: probabilities, logits, log-probabilities.

Ties: argmax is the first (lowest) index of the maximum, as ``numpy.argmax``, ``torch.argmax``
("the indices of the first maximal value", torch docs) and TensorFlow's ArgMax on the CPU (measured,
rows of 3 to 100,000 classes; its docs do not guarantee a tie rule). So a row [1, 1, 0] predicts
class 0, and a sample whose label is class 1 counts as wrong.

NaN: a NaN score counts as the largest (the first NaN wins), as in NumPy and torch; TensorFlow's
ArgMax skips NaN (conformance/divergences/metrics.py). ±inf are ordinary maxima and minima.
"""
from __future__ import annotations

import numpy as np

from reference.metrics.base import Metric
from reference.registry import register


@register("metric", "accuracy")
class Accuracy(Metric):
    ndim = 2

    def check_inputs(self, y_pred, y_true):
        super().check_inputs(y_pred, y_true)
        n, classes = y_pred.shape
        if classes < 2:
            raise ValueError(f"y_pred has shape {y_pred.shape}: expected (N, K) scores with K >= 2 classes "
                             "(one output per sample: use binary_accuracy)")
        bad_entry = np.flatnonzero((y_true != 0) & (y_true != 1))
        if bad_entry.size:
            i = np.unravel_index(bad_entry[0], y_true.shape)
            raise ValueError(f"y_true[{i[0]}, {i[1]}]={float(y_true[i])!r} is not allowed: expected one-hot rows "
                             "(entries 0 or 1, one 1 per row)")
        ones = y_true.sum(axis=1)
        bad_row = np.flatnonzero(ones != 1)
        if bad_row.size:
            i = int(bad_row[0])
            raise ValueError(f"y_true[{i}] has {int(ones[i])} ones: expected one-hot rows (entries 0 or 1, one 1 "
                             "per row)")

    def per_sample(self, y_pred, y_true):
        predicted = np.argmax(y_pred, axis=1)             # (N,) first index of the maximum; NaN is the maximum
        label = np.argmax(y_true, axis=1)                 # (N,)
        return (predicted == label).astype(y_pred.dtype)

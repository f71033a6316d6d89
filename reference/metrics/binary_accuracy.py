"""Binary accuracy: how often the thresholded prediction equals a 0/1 label.

Per entry:   correct = [ (ŷ > t) == y ]          (strictly greater: ŷ = t predicts 0)
Per sample:  s_n = mean of its entries' correct  (one output: 0 or 1; multi-label: the fraction right)
Value:       mean over n of s_n                  (= the mean over all entries: every sample has as many)

The comparison is ``>``, as Keras's ``ops.greater`` (keras/src/metrics/accuracy_metrics.py,
binary_accuracy) and the torch idiom ``y_pred > threshold``. It is made in y_pred's dtype: t is
rounded to that dtype first, as NumPy, torch (a Python scalar takes a float32 tensor's dtype) and
Keras's float32 runs do. In a float64 run that is t itself; Keras converts a Python-float threshold
through a float32 tensor even then (conformance/divergences/metrics.py).

Probabilities use t = 0.5; a model that outputs logits uses t = 0 (σ(z) > 0.5 ⟺ z > 0). A NaN
prediction is never > t, so it predicts 0. y_true must be exactly 0 or 1.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.metrics.base import Metric
from reference.registry import register


@register("metric", "binary_accuracy")
class BinaryAccuracy(Metric):
    def __init__(self, threshold: float = 0.5):
        self.threshold = validate.number("threshold", threshold)

    def check_inputs(self, y_pred, y_true):
        super().check_inputs(y_pred, y_true)
        bad = np.flatnonzero((y_true != 0) & (y_true != 1))                 # NaN too
        if bad.size:
            i = np.unravel_index(bad[0], y_true.shape)
            raise ValueError(f"y_true[{', '.join(map(str, i))}]={float(y_true[i])!r} is not allowed: "
                             "expected binary labels 0 or 1")

    def per_sample(self, y_pred, y_true):
        t = y_pred.dtype.type(self.threshold)                               # t in y_pred's dtype
        correct = ((y_pred > t) == (y_true == 1)).astype(y_pred.dtype)      # (N, ..., C)
        return correct.reshape(len(y_pred), -1).mean(axis=1)                # (N,)

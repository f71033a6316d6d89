"""Mean absolute error as a metric (the value only; the loss with its gradient is ``loss/mae``).

Per sample:  s_n = mean over its entries of |ŷ − y|
Value:       mean over n of s_n                  (= the mean of |ŷ − y| over all N·C entries)

Keras's ``mean_absolute_error`` is the mean over the last axis (keras/src/losses/losses.py); its
``Mean`` then averages the rest of each sample and counts samples, which is s_n. NaN and ±inf propagate.
"""
from __future__ import annotations

import numpy as np

from reference.metrics.base import Metric
from reference.registry import register


@register("metric", "mean_absolute_error")
class MeanAbsoluteError(Metric):
    def per_sample(self, y_pred, y_true):
        error = np.abs(y_pred - y_true)                           # (N, ..., C)
        return error.reshape(len(y_pred), -1).mean(axis=1)       # (N,)

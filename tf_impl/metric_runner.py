"""Run a registered Keras metric through its own state: ``update_state`` per batch, then ``result()``,
as ``model.evaluate`` does with the metrics given to ``compile(metrics=[...])``.

    metric = build(...).module            # a keras.metrics object, built under the run's floatx
    metric.update_state(Y_true, Y_pred)   # all of the data: "value"
    metric.reset_state()
    for each consecutive batch:           # the last may be smaller
        metric.update_state(y_true, y_pred)
    metric.result()                       # "streamed"

One metric object does both, so ``reset_state`` is exercised too. Keras takes (y_true, y_pred).
"""
from __future__ import annotations

import numpy as np

from tf_impl.runner import build


def run(ctx, name: str, kwargs: dict, y_pred: np.ndarray, y_true: np.ndarray, batch_size: int) -> dict:
    """{"value": the metric updated once with all of the data, "streamed": updated batch by batch in
    order}, 0-d arrays in the metric's dtype."""
    metric = build(ctx, "metric", name, kwargs).module
    metric.update_state(y_true, y_pred)
    value = np.array(metric.result())
    metric.reset_state()
    for start in range(0, len(y_pred), batch_size):
        metric.update_state(y_true[start:start + batch_size], y_pred[start:start + batch_size])
    return {"value": value, "streamed": np.array(metric.result())}

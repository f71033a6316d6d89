"""Run a registered torch metric the way a PyTorch evaluation loop does.

    metric = build(...).module                       # metric(y_pred, y_true) -> the batch's mean
    total, count = 0.0, 0
    with torch.no_grad():
        for y_pred, y_true in DataLoader(TensorDataset(Y_pred, Y_true), batch_size=batch_size):
            total += metric(y_pred, y_true) * len(y_pred)        # the batch's sum of per-sample values
            count += len(y_pred)
    result = total / count

The batch's mean times its size, summed, over the number of samples: each sample weighs the same
whatever the batch sizes (not ``/= num_batches``, which weighs a smaller last batch's samples more).
The sum stays a tensor in the metric's dtype on the run's device. ``value`` is the metric called once
on all of the data.
"""
from __future__ import annotations

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from torch_impl.device import to_device, to_numpy
from torch_impl.runner import build


def run(ctx, name: str, kwargs: dict, y_pred: np.ndarray, y_true: np.ndarray, batch_size: int) -> dict:
    """{"value": the metric on all of the data, "streamed": accumulated over consecutive batches of
    ``batch_size`` (the last may be smaller)}, 0-d arrays."""
    metric = build(ctx, "metric", name, kwargs).module
    data = TensorDataset(to_device(y_pred, ctx.device), to_device(y_true, ctx.device))
    with torch.no_grad():
        value = metric(*data.tensors)
        total, count = 0.0, 0
        for pred, target in DataLoader(data, batch_size=batch_size, shuffle=False):
            total += metric(pred, target) * len(pred)
            count += len(pred)
        streamed = total / count
    return {"value": to_numpy(value), "streamed": to_numpy(streamed)}

"""Keras elementwise losses average over the last axis before reducing.

``keras.losses.MeanSquaredError`` on (N, C) returns per-sample means (N,) for "none" and
``Σ_n mean_c`` for "sum" (C× smaller than the reference's sum over all elements). Feeding
the same values as (N·C, 1) makes that inner mean a no-op, so the Keras loss itself
computes the per-element reduction. The ``last_axis_mean`` variant of each elementwise loss
calls the Keras loss on (N, C) as it is, which is how the harness measures the native divergence.
"""
from __future__ import annotations

import keras

# Reference reduction -> Keras reduction name. Keras's default "sum_over_batch_size" is the
# reference's "mean" (Keras also accepts "mean" and treats it identically,
# keras/src/losses/loss.py:149, reduce_values); every Keras loss builder uses this table.
REDUCTION = {"mean": "sum_over_batch_size", "sum": "sum", "none": "none"}


class PerElement:
    """Call a Keras loss on (N·C, 1) views and give "none" results back as (N, C)."""

    def __init__(self, loss: keras.losses.Loss):
        self.loss = loss

    def __call__(self, y_true, y_pred):
        shape = keras.ops.shape(y_pred)
        values = self.loss(keras.ops.reshape(y_true, (-1, 1)), keras.ops.reshape(y_pred, (-1, 1)))
        if self.loss.reduction == "none":
            values = keras.ops.reshape(values, shape)
        return values

"""Keras pooling layers composed where Keras lacks the reference's option (``data_format`` is always passed:
Keras would read its global ``image_data_format`` otherwise).

* ``WindowSizeAveragePooling``: average pooling with ``padding="same"`` whose padded cells count as zeros
  (the reference's ``divisor="window_size"``, torch's count_include_pad=True). Keras's "same" average pooling
  always divides by the input cells only, so the padding TensorFlow's SAME rule would add (⌊t/2⌋ before, the
  rest after) is added as zeros with ``ops.pad`` and the pool runs "valid".
* ``FirstMaxGlobalPooling``: global max pooling whose gradient goes to the first tied maximum (``ties="first"``):
  ``ops.max_pool`` with the window the whole input (TensorFlow's MaxPoolGrad takes the first maximum), where
  ``GlobalMaxPooling2D`` (``ops.max``) splits it among the ties.
"""
from __future__ import annotations

import keras

from reference.conventions import same_padding


def same_pads(spatial, pool, strides) -> list[tuple[int, int]]:
    """TensorFlow's SAME padding per axis: (before, after) (``reference.conventions.same_padding``)."""
    return [same_padding(n, k, s) for n, k, s in zip(spatial, pool, strides)]


def tupled(value, d: int) -> tuple[int, ...]:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,) * d


class WindowSizeAveragePooling(keras.layers.Layer):
    def __init__(self, d: int, pool_size, strides=None, **kwargs):
        super().__init__(**kwargs)
        self.pool = tupled(pool_size, d)
        self.strides = self.pool if strides is None else tupled(strides, d)

    def call(self, x):
        p = same_pads(x.shape[1:-1], self.pool, self.strides)
        x = keras.ops.pad(x, [(0, 0), *p, (0, 0)])
        return keras.ops.average_pool(x, self.pool, self.strides, padding="valid", data_format="channels_last")


class FirstMaxGlobalPooling(keras.layers.Layer):
    def call(self, x):
        spatial = tuple(x.shape[1:-1])
        y = keras.ops.max_pool(x, spatial, spatial, padding="valid", data_format="channels_last")   # (N, 1.., C)
        return keras.ops.reshape(y, (-1, x.shape[-1]))

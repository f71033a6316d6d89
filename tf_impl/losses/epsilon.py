"""Keras clips probabilities with a global: keras.config.epsilon() (1e-7 unless changed).

``BinaryCrossentropy`` and ``CategoricalCrossentropy`` on probabilities clip p to
[ε, 1 − ε] with ε read from ``keras.config.epsilon()`` at call time
(keras/src/backend/tensorflow/nn.py); they take no epsilon argument. ``WithEpsilon`` passes
the reference's ``eps`` to Keras through that global for the duration of one call and
restores it afterwards. The ``global_epsilon`` variants call the Keras loss as it is, with
Keras's own global (the native run).
"""
from __future__ import annotations

import keras


class WithEpsilon:
    def __init__(self, loss, eps: float):
        self.loss = loss
        self.eps = eps

    def __call__(self, y_true, y_pred):
        saved = keras.config.epsilon()
        keras.config.set_epsilon(self.eps)
        try:
            return self.loss(y_true, y_pred)
        finally:
            keras.config.set_epsilon(saved)

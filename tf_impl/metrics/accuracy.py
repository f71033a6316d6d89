"""Categorical accuracy <-> ``keras.metrics.CategoricalAccuracy()`` (one-hot y_true, (N, K) scores).

``ops.argmax`` of both (keras/src/metrics/accuracy_metrics.py, categorical_accuracy). TensorFlow's
ArgMax returns the first index of a tied maximum on the CPU (measured; its docs guarantee no tie
rule), as the reference; it skips NaN scores, where the reference and torch take the first NaN
(conformance/divergences/metrics.py).
"""
import keras

from tf_impl.registry import Built, register


@register("metric", "accuracy")
def build():
    return Built(keras.metrics.CategoricalAccuracy())

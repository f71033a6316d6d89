"""Binary accuracy <-> ``keras.metrics.BinaryAccuracy(threshold=...)``.

Keras compares ``ops.greater(y_pred, threshold)``: strictly greater, as the reference
(keras/src/metrics/accuracy_metrics.py, binary_accuracy). It converts the threshold with
``ops.convert_to_tensor``, and a Python float becomes a float32 tensor even under floatx float64
(0.3 -> 0.30000001192092896). The builder follows floatx, the dtype of the model's outputs (build
the metric after ``keras.config.set_floatx``), as the optimizer builders do (tf_impl/optimizers/base.py,
``exact``): under float64 it passes ``np.float64(threshold)``, exact; under float32 the Python float,
so the comparison stays in float32 (an np.float64 there would compare float32 predictions in float64,
unlike the reference and torch). The ``python_float`` variant passes the Python float in every run, as
a user writes it (conformance/divergences/metrics.py).

Inputs of shape (N,) are fine here (Keras compares elementwise and counts N samples).
"""
import keras
import numpy as np

from tf_impl.registry import Built, register, variant


@register("metric", "binary_accuracy")
def build(threshold=0.5):
    exact = np.float64(threshold) if keras.config.floatx() == "float64" else float(threshold)
    return Built(keras.metrics.BinaryAccuracy(threshold=exact))


@variant("metric", "binary_accuracy", "python_float")
def build_python_float(threshold=0.5):
    """The threshold as a Python float: Keras rounds it through float32."""
    return Built(keras.metrics.BinaryAccuracy(threshold=threshold))

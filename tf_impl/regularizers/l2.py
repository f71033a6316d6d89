"""L2 penalty <-> ``keras.regularizers.L2`` (factor rounded through float32: docs/findings.md).

``np.float64(l2)`` does not help: ``validate_float_arg`` calls ``float()`` and ``__call__``
casts the Python float (keras/src/regularizers/regularizers.py, L2).
"""
import keras

from tf_impl.registry import Built, register


@register("regularizer", "l2")
def build(l2=0.01):
    return Built(keras.regularizers.L2(l2=l2))

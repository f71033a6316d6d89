"""L1 penalty <-> ``keras.regularizers.L1`` (factor rounded through float32: docs/findings.md)."""
import keras

from tf_impl.registry import Built, register


@register("regularizer", "l1")
def build(l1=0.01):
    return Built(keras.regularizers.L1(l1=l1))

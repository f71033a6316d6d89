"""L1 + L2 penalty <-> ``keras.regularizers.L1L2`` (class defaults l1 = l2 = 0; the string
"l1_l2" uses 0.01, 0.01 like the reference)."""
import keras

from tf_impl.registry import Built, register, variant


@register("regularizer", "l1_l2")
def build(l1=0.01, l2=0.01):
    return Built(keras.regularizers.L1L2(l1=l1, l2=l2))


@variant("regularizer", "l1_l2", "keras_default")
def build_keras_default(l1=0.01, l2=0.01):
    """No factors given: keras.regularizers.L1L2()'s own defaults l1 = l2 = 0."""
    return Built(keras.regularizers.L1L2())

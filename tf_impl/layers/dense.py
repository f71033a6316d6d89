"""Dense <-> ``keras.layers.Dense`` (kernel stored (in, out), as the reference)."""
import keras

from tf_impl.registry import Built, Param, register


@register("layer", "dense")
def build(in_features, units, use_bias=True):
    dense = keras.layers.Dense(units, use_bias=use_bias)
    dense.build((None, in_features))
    params = {"W": Param("kernel")}
    if use_bias:
        params["b"] = Param("bias")
    return Built(dense, params)

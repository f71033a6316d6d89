"""Average pooling of sequences <-> ``keras.layers.AveragePooling1D(pool_size, strides, padding)`` on (N, L, C);
``divisor`` as ``tf_impl/layers/average_pool2d.py``."""
import keras

from tf_impl.layers.average_pool2d import average
from tf_impl.registry import register


@register("layer", "average_pool1d", note="divisor='window_size' with padding='same': ops.pad zeros, then 'valid'")
def build(pool_size=2, strides=None, padding="valid", divisor="input_cells"):
    return average(1, keras.layers.AveragePooling1D, pool_size, strides, padding, divisor)

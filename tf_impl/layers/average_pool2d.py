"""Average pooling <-> ``keras.layers.AveragePooling2D(pool_size, strides, padding)`` on (N, H, W, C).

Keras's "same" average divides by the window's input cells, the reference's ``divisor="input_cells"``;
``divisor="window_size"`` with "same" padding is composed (``tf_impl/layers/pooling.py``
``WindowSizeAveragePooling``). With "valid" padding the two divisors agree."""
import keras

from reference import validate
from reference.layers.average_pool2d import DIVISORS
from tf_impl.layers.pooling import WindowSizeAveragePooling
from tf_impl.registry import Built, register


def average(d, layer, pool_size, strides, padding, divisor):
    if validate.choice("divisor", divisor, DIVISORS) == "window_size" and padding == "same":
        return Built(WindowSizeAveragePooling(d, pool_size, strides))
    return Built(layer(pool_size, strides, padding=padding, data_format="channels_last"))


@register("layer", "average_pool2d", note="divisor='window_size' with padding='same': ops.pad zeros, then 'valid'")
def build(pool_size=2, strides=None, padding="valid", divisor="input_cells"):
    return average(2, keras.layers.AveragePooling2D, pool_size, strides, padding, divisor)

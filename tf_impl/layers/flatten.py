"""Flatten <-> ``keras.layers.Flatten``, with ``data_format`` always passed (Keras would read its global
``image_data_format`` otherwise).

Keras flattens (N, H, W, C) as stored (``data_format="channels_last"``), the reference's ``order="channels_last"``;
given (N, C, H, W) with ``data_format="channels_first"`` it moves the channels last first, so its order is
channels-last in both data formats (variant ``channels_first``: the layer as a user of (N, C, H, W) arrays
builds it). The reference's ``order="channels_first"`` is a channels-first array flattened as stored:
``Flatten(data_format="channels_last")`` given (N, C, H, W).
"""
import keras

from reference import validate
from reference.conventions import FLATTEN_ORDERS
from tf_impl.registry import Built, register, variant


@register("layer", "flatten")
def build(order="channels_last"):
    validate.choice("order", order, FLATTEN_ORDERS)
    return Built(keras.layers.Flatten(data_format="channels_last"), input_layout=order)


@variant("layer", "flatten", "channels_first")
def build_channels_first(order="channels_last"):
    """(N, C, H, W) arrays with ``data_format="channels_first"``: Keras's order is channels-last."""
    if validate.choice("order", order, FLATTEN_ORDERS) != "channels_last":
        raise ValueError(f"order={order!r} is not allowed: Flatten(data_format='channels_first') orders the "
                         "features channels-last")
    return Built(keras.layers.Flatten(data_format="channels_first"), input_layout="channels_first")

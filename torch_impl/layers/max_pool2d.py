"""Max pooling <-> ``torch.nn.MaxPool2d`` on (N, C, H, W) (``input_layout="channels_first"``); Keras's
``padding="same"`` through ``torch_impl/layers/pooling.py`` (torch's own symmetric ``padding=`` where it is
symmetric). torch routes a window's gradient to its first maximum, as the reference."""
from reference import validate
from reference.layers.pooling import PADDINGS
from torch_impl.layers import pooling
from torch_impl.registry import Built, register, variant


@register("layer", "max_pool2d", note="padding='same' with an odd total: F.pad(-inf) then MaxPool2d")
def build(pool_size=2, strides=None, padding="valid"):
    validate.choice("padding", padding, PADDINGS)
    return Built(pooling.max_pool(2, pool_size, strides, padding), input_layout="channels_first")


@variant("layer", "max_pool2d", "symmetric_padding")
def build_symmetric(pool_size=2, strides=None, padding="valid"):
    """padding='same' as a torch user writes it: MaxPool2d(k, s, padding=k // 2), the same on both sides."""
    return Built(pooling.symmetric("max", 2, pool_size, strides), input_layout="channels_first")

"""Average pooling <-> ``torch.nn.AvgPool2d`` on (N, C, H, W) (``input_layout="channels_first"``).

The reference's ``divisor`` is torch's ``count_include_pad``, passed explicitly: "input_cells" → False,
"window_size" → True (torch's default, the variant ``default_count_include_pad``). Keras's ``padding="same"``
through ``torch_impl/layers/pooling.py``."""
from reference import validate
from reference.layers.average_pool2d import DIVISORS
from reference.layers.pooling import PADDINGS
from torch_impl.layers import pooling
from torch_impl.registry import Built, register, variant


@register("layer", "average_pool2d",
          note="padding='same' with an odd total: F.pad then AvgPool2d (Σ/count for divisor='input_cells')")
def build(pool_size=2, strides=None, padding="valid", divisor="input_cells"):
    validate.choice("padding", padding, PADDINGS)
    count_include_pad = validate.choice("divisor", divisor, DIVISORS) == "window_size"
    return Built(pooling.avg_pool(2, pool_size, strides, padding, count_include_pad), input_layout="channels_first")


@variant("layer", "average_pool2d", "default_count_include_pad")
def build_default_count_include_pad(pool_size=2, strides=None, padding="valid", divisor="input_cells"):
    """torch's default count_include_pad=True whatever the divisor: padded cells count as zeros."""
    return Built(pooling.avg_pool(2, pool_size, strides, padding, True), input_layout="channels_first")


@variant("layer", "average_pool2d", "symmetric_padding")
def build_symmetric(pool_size=2, strides=None, padding="valid", divisor="input_cells"):
    """padding='same' as a torch user writes it: AvgPool2d(k, s, padding=k // 2) on both sides."""
    return Built(pooling.symmetric("avg", 2, pool_size, strides, count_include_pad=divisor == "window_size"),
                 input_layout="channels_first")

"""Average pooling of sequences <-> ``torch.nn.AvgPool1d`` on (N, C, L) (``input_layout="channels_first"``);
``divisor`` as ``count_include_pad`` (``torch_impl/layers/average_pool2d.py``)."""
from reference import validate
from reference.layers.average_pool2d import DIVISORS
from reference.layers.pooling import PADDINGS
from torch_impl.layers import pooling
from torch_impl.registry import Built, register, variant


@register("layer", "average_pool1d",
          note="padding='same' with an odd total: F.pad then AvgPool1d (Σ/count for divisor='input_cells')")
def build(pool_size=2, strides=None, padding="valid", divisor="input_cells"):
    validate.choice("padding", padding, PADDINGS)
    count_include_pad = validate.choice("divisor", divisor, DIVISORS) == "window_size"
    return Built(pooling.avg_pool(1, pool_size, strides, padding, count_include_pad), input_layout="channels_first")


@variant("layer", "average_pool1d", "default_count_include_pad")
def build_default_count_include_pad(pool_size=2, strides=None, padding="valid", divisor="input_cells"):
    """torch's default count_include_pad=True whatever the divisor."""
    return Built(pooling.avg_pool(1, pool_size, strides, padding, True), input_layout="channels_first")

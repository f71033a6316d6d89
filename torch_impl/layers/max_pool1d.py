"""Max pooling of sequences <-> ``torch.nn.MaxPool1d`` on (N, C, L) (``input_layout="channels_first"``)."""
from reference import validate
from reference.layers.pooling import PADDINGS
from torch_impl.layers import pooling
from torch_impl.registry import Built, register


@register("layer", "max_pool1d", note="padding='same' with an odd total: F.pad(-inf) then MaxPool1d")
def build(pool_size=2, strides=None, padding="valid"):
    validate.choice("padding", padding, PADDINGS)
    return Built(pooling.max_pool(1, pool_size, strides, padding), input_layout="channels_first")

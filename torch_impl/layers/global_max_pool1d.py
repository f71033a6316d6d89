"""Global max pooling of sequences <-> ``nn.AdaptiveMaxPool1d(1)`` then ``nn.Flatten()`` on (N, C, L)
(``ties="first"``), or ``x.amax(dim=2)`` (``ties="split"``), as ``global_max_pool2d``."""
import torch

from torch_impl.layers.global_max_pool2d import Amax, global_max
from torch_impl.registry import Built, register, variant


@register("layer", "global_max_pool1d")
def build(ties="first"):
    return global_max(torch.nn.AdaptiveMaxPool1d, ties)


@variant("layer", "global_max_pool1d", "amax")
def build_amax(ties="first"):
    return Built(Amax(), input_layout="channels_first")

"""Global average pooling of sequences <-> ``nn.AdaptiveAvgPool1d(1)`` then ``nn.Flatten()`` on (N, C, L)."""
import torch

from torch_impl.registry import Built, register


@register("layer", "global_average_pool1d")
def build():
    return Built(torch.nn.Sequential(torch.nn.AdaptiveAvgPool1d(1), torch.nn.Flatten()), input_layout="channels_first")

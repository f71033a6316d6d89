"""Global average pooling <-> ``nn.AdaptiveAvgPool2d(1)`` then ``nn.Flatten()`` on (N, C, H, W), the torch
idiom for (N, C) features (``input_layout="channels_first"``; the (N, C) output needs no move)."""
import torch

from torch_impl.registry import Built, register


@register("layer", "global_average_pool2d")
def build():
    return Built(torch.nn.Sequential(torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten()), input_layout="channels_first")

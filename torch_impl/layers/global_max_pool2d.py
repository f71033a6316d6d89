"""Global max pooling <-> ``nn.AdaptiveMaxPool2d(1)`` then ``nn.Flatten()`` on (N, C, H, W): its backward
routes a tied maximum's gradient to the first one (row-major), the reference's ``ties="first"``.
``ties="split"`` is the other torch idiom, ``x.amax(dim=(2, 3))``, whose backward splits it equally among the
ties (the variant ``amax``: what a user writing amax gets)."""
import torch

from reference import validate
from reference.layers.global_max_pool2d import TIES
from torch_impl.registry import Built, register, variant


class Amax(torch.nn.Module):
    """``x.amax(dim=spatial axes)``: (N, C, *spatial) → (N, C)."""

    def forward(self, x):
        return x.amax(dim=tuple(range(2, x.ndim)))


def global_max(adaptive, ties):
    if validate.choice("ties", ties, TIES) == "first":
        return Built(torch.nn.Sequential(adaptive(1), torch.nn.Flatten()), input_layout="channels_first")
    return Built(Amax(), input_layout="channels_first")


@register("layer", "global_max_pool2d")
def build(ties="first"):
    return global_max(torch.nn.AdaptiveMaxPool2d, ties)


@variant("layer", "global_max_pool2d", "amax")
def build_amax(ties="first"):
    return Built(Amax(), input_layout="channels_first")

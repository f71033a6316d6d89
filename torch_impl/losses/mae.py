"""MAE <-> ``torch.nn.L1Loss`` (mean and sum over all elements, as the reference)."""
import torch

from torch_impl.registry import Built, register


@register("loss", "mae")
def build(reduction="mean"):
    return Built(torch.nn.L1Loss(reduction=reduction))

"""Huber <-> ``torch.nn.HuberLoss`` (mean and sum over all elements, as the reference)."""
import torch

from torch_impl.registry import Built, register


@register("loss", "huber")
def build(reduction="mean", delta=1.0):
    return Built(torch.nn.HuberLoss(reduction=reduction, delta=delta))

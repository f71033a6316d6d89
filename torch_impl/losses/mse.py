"""MSE <-> ``torch.nn.MSELoss`` (mean and sum over all elements, as the reference)."""
import torch

from torch_impl.registry import Built, register


@register("loss", "mse")
def build(reduction="mean"):
    return Built(torch.nn.MSELoss(reduction=reduction))

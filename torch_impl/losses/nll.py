"""NLL <-> ``torch.nn.NLLLoss`` on log-probabilities with int64 class indices ('mean' divides by N)."""
import torch

from torch_impl.registry import Built, register


@register("loss", "nll")
def build(reduction="mean"):
    return Built(torch.nn.NLLLoss(reduction=reduction))

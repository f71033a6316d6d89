"""BCE on logits <-> ``torch.nn.BCEWithLogitsLoss`` (elementwise; soft targets allowed)."""
import torch

from torch_impl.registry import Built, register


@register("loss", "bce_with_logits")
def build(reduction="mean"):
    return Built(torch.nn.BCEWithLogitsLoss(reduction=reduction))

"""Sparse softmax cross-entropy <-> ``torch.nn.CrossEntropyLoss`` with int64 class indices.

torch's ignore_index (default −100) never matches a label in [0, C), so it is left as is.
"""
import torch

from torch_impl.registry import Built, register


@register("loss", "sparse_softmax_crossentropy")
def build(reduction="mean"):
    return Built(torch.nn.CrossEntropyLoss(reduction=reduction))

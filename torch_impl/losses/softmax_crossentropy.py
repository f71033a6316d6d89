"""Softmax cross-entropy <-> ``torch.nn.CrossEntropyLoss`` with probability targets.

With a float target of the input's shape, CrossEntropyLoss computes −Σ_c y_c log_softmax(z)_c
per sample; 'mean' divides by N, as the reference.
"""
import torch

from torch_impl.registry import Built, register


@register("loss", "softmax_crossentropy")
def build(reduction="mean"):
    return Built(torch.nn.CrossEntropyLoss(reduction=reduction))

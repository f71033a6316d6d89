"""SELU <-> ``torch.nn.SELU``.

Its gradient at x = 0 is λα, the left-hand slope: the reference's default
``grad_at_zero="left"``. That option describes the op's convention and is not a builder
argument: nn.SELU has no such switch.
"""
import torch

from torch_impl.registry import Built, register


@register("activation", "selu")
def build():
    return Built(torch.nn.SELU())

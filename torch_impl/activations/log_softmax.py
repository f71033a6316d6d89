"""LogSoftmax <-> ``torch.nn.LogSoftmax(dim=axis)``.

The ``implicit_dim`` variant builds ``nn.LogSoftmax()`` with no dim, torch's legacy choice (dim 0
for 1-D and 3-D input, else 1), for the divergence run.
"""
import torch

from torch_impl.registry import Built, register, variant


@register("activation", "log_softmax")
def build(axis=-1):
    return Built(torch.nn.LogSoftmax(dim=axis))


@variant("activation", "log_softmax", "implicit_dim")
def build_implicit_dim(axis=-1):
    """No dim given: torch's legacy implicit dim (0 for 1-D and 3-D input, else 1)."""
    return Built(torch.nn.LogSoftmax())

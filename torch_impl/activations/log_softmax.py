"""LogSoftmax <-> ``torch.nn.LogSoftmax(dim=axis)``.

``implicit_dim=True`` (keyword-only) builds ``nn.LogSoftmax()`` with no dim, torch's legacy
choice (dim 0 for 1-D and 3-D input, else 1), for the divergence run.
"""
import torch

from torch_impl.registry import Built, register


@register("activation", "log_softmax")
def build(axis=-1, *, implicit_dim=False):
    return Built(torch.nn.LogSoftmax() if implicit_dim else torch.nn.LogSoftmax(dim=axis))

"""Glorot uniform <-> ``torch.nn.init.xavier_uniform_``."""
import torch

from torch_impl.registry import Built, register


@register("initializer", "glorot_uniform")
def build(gain=1.0, *, layer_default=False):
    """``layer_default=True``: keep what ``torch.nn.Linear``'s constructor drew,
    kaiming_uniform_(a=√5) = U(±1/√in) (torch/nn/modules/linear.py, reset_parameters)."""
    return Built(None if layer_default else (lambda t: torch.nn.init.xavier_uniform_(t, gain=gain)))

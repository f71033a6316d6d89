"""Glorot uniform <-> ``torch.nn.init.xavier_uniform_``."""
import torch

from torch_impl.registry import Built, register, variant


@register("initializer", "glorot_uniform")
def build(gain=1.0):
    return Built(lambda t: torch.nn.init.xavier_uniform_(t, gain=gain))


@variant("initializer", "glorot_uniform", "torch_layer_default")
def build_torch_layer_default(gain=1.0):
    """No initializer: keep what ``torch.nn.Linear``'s constructor drew, kaiming_uniform_(a=√5) =
    U(±1/√in) (torch/nn/modules/linear.py, reset_parameters)."""
    return Built(None)

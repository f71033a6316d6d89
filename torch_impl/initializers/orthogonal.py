"""Orthogonal <-> ``torch.nn.init.orthogonal_`` (QR of a normal matrix with the sign fix, times gain).

torch views its (out, in, *receptive_field) weight as (out, in·∏receptive_field); that is the
transpose of the reference's view up to a row permutation, so the same units are orthonormal.
"""
import torch

from torch_impl.registry import Built, register


@register("initializer", "orthogonal")
def build(gain=1.0):
    return Built(lambda t: torch.nn.init.orthogonal_(t, gain=gain))

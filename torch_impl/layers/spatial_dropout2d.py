"""Spatial dropout over images <-> ``torch.nn.Dropout2d`` (native: one Bernoulli(1 − p) draw per
sample and feature map in train mode, the identity in eval mode).

``nn.Dropout2d`` takes channels first, (N, C, H, W): ``input_layout="channels_first"`` makes the
runner feed it the reference's (N, H, W, C) with the channel axis moved, and move it back in the
output. The mask is read back exactly on an input of ones (``Probe``; see torch_impl/layers/dropout.py).
"""
import torch

from reference.layers.dropout import kept_units
from torch_impl.registry import Built, Probe, register, variant


@register("layer", "spatial_dropout2d")
def build(p):
    return Built(torch.nn.Dropout2d(p=p), probe=Probe(1.0, kept_units), input_layout="channels_first")


@variant("layer", "spatial_dropout2d", "default_p")
def build_default_p(p):
    """``nn.Dropout2d()`` as written without an argument: p = 0.5, whatever the case asks."""
    return Built(torch.nn.Dropout2d(), probe=Probe(1.0, kept_units), input_layout="channels_first")


@variant("layer", "spatial_dropout2d", "channels_last_input")
def build_channels_last_input(p):
    """The reference's (N, H, W, C) fed as is: torch reads axis 1 (H) as the channels."""
    return Built(torch.nn.Dropout2d(p=p), probe=Probe(1.0, kept_units), input_layout="channels_last")

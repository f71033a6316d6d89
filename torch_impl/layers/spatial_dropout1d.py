"""Spatial dropout over sequences <-> ``torch.nn.Dropout1d`` (native: one Bernoulli(1 − p) draw per
sample and channel in train mode, the identity in eval mode).

``nn.Dropout1d`` takes channels first, (N, C, L): ``input_layout="channels_first"`` makes the runner
feed it the reference's (N, steps, C) with the channel axis moved, and move it back in the output.
The mask is read back exactly on an input of ones (``Probe``; see torch_impl/layers/dropout.py).
"""
import torch

from reference.layers.dropout import kept_units
from torch_impl.registry import Built, Probe, register, variant


@register("layer", "spatial_dropout1d")
def build(p):
    return Built(torch.nn.Dropout1d(p=p), probe=Probe(1.0, kept_units), input_layout="channels_first")


@variant("layer", "spatial_dropout1d", "default_p")
def build_default_p(p):
    """``nn.Dropout1d()`` as written without an argument: p = 0.5, whatever the case asks."""
    return Built(torch.nn.Dropout1d(), probe=Probe(1.0, kept_units), input_layout="channels_first")


@variant("layer", "spatial_dropout1d", "channels_last_input")
def build_channels_last_input(p):
    """The reference's (N, steps, C) fed as is: torch reads axis 1 (the steps) as the channels."""
    return Built(torch.nn.Dropout1d(p=p), probe=Probe(1.0, kept_units), input_layout="channels_last")

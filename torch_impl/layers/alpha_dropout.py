"""Alpha dropout <-> ``torch.nn.AlphaDropout`` (native: aten ``_dropout_impl`` with alpha_dropout:
noise = Bernoulli(1 − p), b = (noise − 1)·α'a + α'a·p, y = x·noise·a + b in train mode, the
identity in eval mode).

The mask is read back exactly on an input of ones (``Probe``; see torch_impl/layers/dropout.py):
a kept unit shows a + b > 0, a dropped one −a α' (1 − p) < 0.
"""
import torch

from reference.layers.alpha_dropout import kept_alpha_units
from torch_impl.registry import Built, Probe, register, variant


@register("layer", "alpha_dropout")
def build(p):
    return Built(torch.nn.AlphaDropout(p=p), probe=Probe(1.0, kept_alpha_units))


@variant("layer", "alpha_dropout", "default_p")
def build_default_p(p):
    """``nn.AlphaDropout()`` as written without an argument: p = 0.5, whatever the case asks."""
    return Built(torch.nn.AlphaDropout(), probe=Probe(1.0, kept_alpha_units))

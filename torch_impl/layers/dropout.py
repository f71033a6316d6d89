"""Dropout <-> ``torch.nn.Dropout`` (native: m ~ Bernoulli(1 − p), y = x·m/(1 − p) in train mode,
the identity in eval mode).

The mask is read back exactly (``Probe``): ``runner.run_module`` seeds torch's default generator
(``torch.manual_seed(ctx.seed)``), and after the real call builds the layer again under the same
seed and calls it on ones of the same shape, dtype and memory layout (both inputs are fresh
contiguous copies, ``torch_impl.device.to_device``: on torch 2.13's CPU, a permuted input of the
same shape draws another mask, as ``bernoulli_`` fills in memory order). On that input a kept unit
shows 1/(1 − p) and a dropped one 0; tests/test_dropout.py checks that the real output agrees.
"""
import torch

from reference.layers.dropout import kept_units
from torch_impl.registry import Built, Probe, register, variant


@register("layer", "dropout")
def build(p):
    return Built(torch.nn.Dropout(p=p), probe=Probe(1.0, kept_units))


@variant("layer", "dropout", "default_p")
def build_default_p(p):
    """``nn.Dropout()`` as written without an argument: p = 0.5, whatever the case asks."""
    return Built(torch.nn.Dropout(), probe=Probe(1.0, kept_units))

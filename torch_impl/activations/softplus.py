"""Softplus <-> ``torch.nn.Softplus``.

torch returns y = x where βx > threshold (default 20). Just above 20 that is off by
e^{−20} ≈ 2e-9, beyond float64 round-off, so the builder passes threshold=40: above it
e^{−βx} < 4.3e-18 is below half an ulp of 1, and the linear branch is exact in float64
(and float32). Below it torch evaluates log1p(exp(βx)) / β, which is finite up to βx = 40
in both dtypes. The ``default_threshold`` variant keeps torch's default threshold=20 (the
divergence run).
"""
import torch

from torch_impl.registry import Built, register, variant

EXACT_THRESHOLD = 40.0


@register("activation", "softplus")
def build(beta=1.0):
    return Built(torch.nn.Softplus(beta=beta, threshold=EXACT_THRESHOLD))


@variant("activation", "softplus", "default_threshold")
def build_default_threshold(beta=1.0):
    """No threshold given: torch's default 20, where y = x is not yet exact in float64."""
    return Built(torch.nn.Softplus(beta=beta))

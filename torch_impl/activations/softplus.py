"""Softplus <-> ``torch.nn.Softplus``.

torch returns y = x where βx > threshold (default 20). Just above 20 that is off by
e^{−20} ≈ 2e-9, beyond float64 round-off, so the builder passes threshold=40: above it
e^{−βx} < 4.3e-18 is below half an ulp of 1, and the linear branch is exact in float64
(and float32). Below it torch evaluates log1p(exp(βx)) / β, which is finite up to βx = 40
in both dtypes. ``threshold=20.0`` is torch's default (the divergence run).
"""
import torch

from torch_impl.registry import Built, register

EXACT_THRESHOLD = 40.0


@register("activation", "softplus")
def build(beta=1.0, *, threshold=EXACT_THRESHOLD):
    return Built(torch.nn.Softplus(beta=beta, threshold=threshold))

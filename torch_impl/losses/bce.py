"""BCE on probabilities <-> ``torch.nn.BCELoss``, with the reference's ``eps`` as a clamp.

BCELoss has no clipping option. It clamps each log at −100 in the forward pass, and in its
backward divides by max(p(1 − p), 1e-12) (aten/src/ATen/native/Loss.cpp, EPSILON), so its
gradient is not the derivative of its forward wherever p(1 − p) < 1e-12. The reference's eps
is mapped by ``torch.clamp(p, eps, 1 − eps)`` before BCELoss (a no-op for eps = 0); with
eps ≥ 1e-7 neither torch clamp is ever reached.

The ``log_clamp`` variant is torch's own BCELoss without that clamp (its logs clamped at −100),
used by the divergence's native run.
"""
import torch

from torch_impl.registry import Built, register, variant


class ClampedBCELoss(torch.nn.Module):
    def __init__(self, reduction: str, eps: float):
        super().__init__()
        self.bce = torch.nn.BCELoss(reduction=reduction)
        self.eps = eps

    def forward(self, input, target):
        return self.bce(torch.clamp(input, self.eps, 1.0 - self.eps), target)


@register("loss", "bce", note="BCELoss has no eps: mapped by torch.clamp(p, eps, 1 - eps) before it")
def build(reduction="mean", eps=0.0):
    return Built(ClampedBCELoss(reduction=reduction, eps=eps))


@variant("loss", "bce", "log_clamp")
def build_log_clamp(reduction="mean", eps=0.0):
    """BCELoss as it is: eps unused, each log clamped at −100 (and p(1 − p) at 1e-12 in the backward)."""
    return Built(torch.nn.BCELoss(reduction=reduction))

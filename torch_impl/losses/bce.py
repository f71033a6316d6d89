"""BCE on probabilities <-> ``torch.nn.BCELoss``, with the reference's ``eps`` as a clamp.

BCELoss has no clipping option. It clamps each log at −100 in the forward pass, and in its
backward divides by max(p(1 − p), 1e-12) (aten/src/ATen/native/Loss.cpp, EPSILON), so its
gradient is not the derivative of its forward wherever p(1 − p) < 1e-12. The reference's eps
is mapped by ``torch.clamp(p, eps, 1 − eps)`` before BCELoss (a no-op for eps = 0); with
eps ≥ 1e-7 neither torch clamp is ever reached.

``clip=False`` (keyword-only) skips that clamp: torch's own BCELoss, used by the divergence's
native run.
"""
import torch

from torch_impl.registry import Built, register


class ClampedBCELoss(torch.nn.Module):
    def __init__(self, reduction: str, eps: float, clip: bool):
        super().__init__()
        self.bce = torch.nn.BCELoss(reduction=reduction)
        self.eps = eps
        self.clip = clip

    def forward(self, input, target):
        if self.clip:
            input = torch.clamp(input, self.eps, 1.0 - self.eps)
        return self.bce(input, target)


@register("loss", "bce", note="BCELoss has no eps: mapped by torch.clamp(p, eps, 1 - eps) before it")
def build(reduction="mean", eps=0.0, *, clip=True):
    return Built(ClampedBCELoss(reduction=reduction, eps=eps, clip=clip))

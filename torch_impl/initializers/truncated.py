"""The truncated-normal form of variance scaling, composed from ``torch.nn.init.trunc_normal_``,
and the one torch fan helper of this package.

torch has no truncated Glorot/He/LeCun. For entries of standard deviation σ it draws
N(0, σ′²) cut at ±2σ′ with σ′ = σ / s₂ (s₂ = std of N(0, 1) cut at ±2, ≈ 0.8796), as Keras's
VarianceScaling(distribution="truncated_normal") does. torch's own ``trunc_normal_`` takes
absolute bounds a, b, so they are passed as ∓2σ′ explicitly. σ itself is re-derived by the
callers from torch's fans (and gain): that is why their truncated paths are marked composed.
"""
from __future__ import annotations

import torch

from reference.initializers.base import TRUNCATED_STD_FACTOR, TRUNCATION_CUTOFF


def trunc_normal_with_std_(tensor: torch.Tensor, std: float) -> torch.Tensor:
    parent = std / TRUNCATED_STD_FACTOR
    return torch.nn.init.trunc_normal_(tensor, mean=0.0, std=parent,
                                       a=-TRUNCATION_CUTOFF * parent, b=TRUNCATION_CUTOFF * parent)


def fans(tensor: torch.Tensor) -> tuple[int, int]:
    """torch's own fan computation (weight layout (out, in, *receptive_field))."""
    return torch.nn.init._calculate_fan_in_and_fan_out(tensor)


def fan(tensor: torch.Tensor, mode: str) -> int:
    """fan_in or fan_out by the reference's ``mode`` (torch's own fans)."""
    fan_in, fan_out = fans(tensor)
    return {"fan_in": fan_in, "fan_out": fan_out}[mode]

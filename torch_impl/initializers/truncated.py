"""The truncated-normal form of variance scaling, composed from ``torch.nn.init.trunc_normal_``.

torch has no truncated Glorot/He/LeCun. For entries of standard deviation σ it draws
N(0, σ′²) cut at ±2σ′ with σ′ = σ / s₂ (s₂ = std of N(0, 1) cut at ±2, ≈ 0.8796), as Keras's
VarianceScaling(distribution="truncated_normal") does. torch's own ``trunc_normal_`` takes
absolute bounds a, b, so they are passed as ∓2σ′ explicitly.
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

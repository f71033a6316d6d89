"""Divergences of gradient clipping (see the package docstring for the fields)."""
from __future__ import annotations

from conformance.divergences import Divergence
from conformance.divergences.optimizers import formulation

TORCH = "torch/nn/utils/clip_grad.py:164 (clip_coef = max_norm / (total_norm + 1e-6))"


DIVERGENCES: list[Divergence] = [
    formulation("global_norm", "torch", "clip_grad_norm_ adds 1e-6 to the norm",
                "g·min(1, c/(‖g‖ + 1e-6)), ε fixed", "epsilon=0: g·min(1, c/‖g‖) (Keras global_clipnorm)",
                "epsilon", ("default", "tiny"), TORCH),
    formulation("per_tensor_norm", "torch", "clip_grad_norm_ adds 1e-6 to the norm",
                "g·min(1, c/(‖g‖ + 1e-6)), ε fixed", "epsilon=0: g·min(1, c/‖g‖) (Keras clipnorm)",
                "epsilon", ("default", "tiny"), TORCH),
]

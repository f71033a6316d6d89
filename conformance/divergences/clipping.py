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

# The option a user reaches for, not a formulation: torch's clip_grad_norm_ over model.parameters() is the global
# norm; Keras's clipnorm, the option whose name matches, clips each variable by its own norm (global_clipnorm is
# the global one). Measured on the bowl case (several tensors, norms above the limit) and a model case.
DIVERGENCES += [
    Divergence("global_norm", "keras", family="clipping",
               what="clipnorm clips each variable by its own norm; the global norm is global_clipnorm",
               framework_value="optimizer(clipnorm=c): g_k·min(1, c/‖g_k‖) per variable (tf.clip_by_norm each)",
               reference_value="g·min(1, c/‖g‖), ‖g‖ over every tensor (torch clip_grad_norm_(model.parameters(), c))",
               mapping="the builder passes global_clipnorm=c", variant="clipnorm", cases=("bowl",),
               source="keras/src/optimizers/base_optimizer.py (_clip_gradients: clip_by_norm per gradient)"),
]

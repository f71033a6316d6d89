"""Divergences of gradient clipping (see the package docstring for the fields)."""
from __future__ import annotations

from conformance.divergences import Divergence
from conformance.divergences.optimizers import formulation

TORCH = "torch/nn/utils/clip_grad.py:164 (clip_coef = max_norm / (total_norm + 1e-6))"


def python_floats(component: str, kwarg: str) -> Divergence:
    return Divergence(
        component=component, framework="keras", what=f"a Python-float {kwarg} is rounded through float32",
        framework_value=f"{kwarg} cast to the gradient dtype via float32", reference_value="exact float64",
        mapping="the builder passes np.float64(...) in float64 runs", native={"python_floats": True},
        cases=("default",), source="keras/src/optimizers/base_optimizer.py (_clip_gradients)")


DIVERGENCES: list[Divergence] = [
    formulation("global_norm", "torch", "clip_grad_norm_ adds 1e-6 to the norm",
                "g·min(1, c/(‖g‖ + 1e-6)), ε fixed", "epsilon=0: g·min(1, c/‖g‖) (Keras global_clipnorm)",
                "epsilon", 1e-6, ("default", "tiny"), TORCH),
    formulation("per_tensor_norm", "torch", "clip_grad_norm_ adds 1e-6 to the norm",
                "g·min(1, c/(‖g‖ + 1e-6)), ε fixed", "epsilon=0: g·min(1, c/‖g‖) (Keras clipnorm)",
                "epsilon", 1e-6, ("default", "tiny"), TORCH),
    python_floats("global_norm", "global_clipnorm"),
    python_floats("per_tensor_norm", "clipnorm"),
    python_floats("value", "clipvalue"),
]

"""Divergences of losses (see the package docstring for the fields)."""
from conformance.divergences import Divergence

DIVERGENCES: list[Divergence] = [
    Divergence(
        component="mse", framework="keras",
        what="Keras averages over the last axis before reducing",
        framework_value="'sum' = Σ_n mean_c (C× smaller); 'none' has shape (N,)",
        reference_value="'sum' over all N·C elements; 'none' has shape (N, C)",
        mapping="call the Keras loss on (N·C, 1) views (tf_impl/losses/per_element.py)",
        native={"per_element": False},
        cases=("mean", "sum", "none"),
        source="keras/src/losses/losses.py (mean_squared_error), keras/src/losses/loss.py (reduce_values)",
    ),
]

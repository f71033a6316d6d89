"""Divergences of elementwise activations (see the package docstring for the fields)."""
from conformance.divergences import Divergence

DIVERGENCES: list[Divergence] = []

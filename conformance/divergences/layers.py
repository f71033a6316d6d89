"""Divergences of layers (see the package docstring for the fields)."""
from conformance.divergences import Divergence

DIVERGENCES: list[Divergence] = []

"""Divergences of initializers (see the package docstring for the fields)."""
from conformance.divergences import Divergence  # noqa: F401

DIVERGENCES: list = []

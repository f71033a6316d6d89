"""nn-rosetta's NumPy reference: explicit forward and backward passes, no autograd.

``reference.get(kind, name)`` returns a registered component class.
"""
from reference.registry import all_names, get

__all__ = ["get", "all_names"]

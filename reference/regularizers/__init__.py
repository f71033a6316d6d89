"""Regularizers: each module registers itself; this list is the registration.

Penalties (l1, l2, l1_l2), the max-norm constraint and early stopping share the registry kind
"regularizer"; ``role`` on each class says which it is (see base.py).
"""
from reference.regularizers import (  # noqa: F401
    l1,
    l2,
    l1_l2,
    max_norm,
    early_stopping,
)

"""Regularizers: each module registers itself; this list is the registration."""
from tf_impl.regularizers import (  # noqa: F401
    l1,
    l2,
    l1_l2,
    max_norm,
    early_stopping,
)

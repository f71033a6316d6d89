"""Regularizers: each module registers itself; ``reference.registry.load_package`` imports every module here.

Penalties (l1, l2, l1_l2), the max-norm constraint and early stopping share the registry kind
"regularizer"; ``role`` on each class says which it is (see base.py).
"""

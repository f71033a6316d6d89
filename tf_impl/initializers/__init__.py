"""Initializers: each module registers itself; this list is the registration."""
from tf_impl.initializers import (  # noqa: F401
    zeros,
    ones,
    constant,
    random_normal,
    random_uniform,
    truncated_normal,
    glorot_normal,
    glorot_uniform,
    he_normal,
    he_uniform,
    lecun_normal,
    lecun_uniform,
    orthogonal,
)

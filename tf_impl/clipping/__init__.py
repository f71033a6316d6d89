"""Clipping: each module registers itself; this list is the registration."""
from tf_impl.clipping import global_norm, per_tensor_norm, value  # noqa: F401

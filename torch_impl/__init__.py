"""PyTorch implementations of the reference catalog, built from ``torch.nn``.

Importing this package imports torch. ``conformance`` reaches it only through
``conformance.frameworks``, which reports torch as skipped when it is not installed.
"""
from torch_impl.registry import REGISTRY, Built, Param, register


def load_all() -> None:
    import torch_impl.activations  # noqa: F401
    import torch_impl.clipping  # noqa: F401
    import torch_impl.initializers  # noqa: F401
    import torch_impl.layers  # noqa: F401
    import torch_impl.losses  # noqa: F401
    import torch_impl.optimizers  # noqa: F401
    import torch_impl.regularizers  # noqa: F401
    import torch_impl.schedules  # noqa: F401


__all__ = ["REGISTRY", "Built", "Param", "register", "load_all"]

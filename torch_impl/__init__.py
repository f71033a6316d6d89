"""PyTorch implementations of the reference catalog, built from ``torch.nn``.

Importing this package imports torch. ``conformance`` reaches it only through
``conformance.frameworks``, which reports torch as skipped when it is not installed.
"""
from torch_impl.registry import REGISTRY, Built, Param, register


def load_all() -> None:
    """Import every component module (``reference.registry.load_package``): each registers itself."""
    from reference.registry import load_package
    load_package("torch_impl")


__all__ = ["REGISTRY", "Built", "Param", "register", "load_all"]

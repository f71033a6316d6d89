"""PyTorch implementations, registered under the reference's component names.

A builder ``build(**kwargs) -> Built`` receives the reference's keyword arguments and
passes them to ``torch.nn`` explicitly, so every mapping is visible at the call site.
"""
from reference.registry import Built, ImplRegistry, Param, Probe

REGISTRY = ImplRegistry("torch_impl")
register = REGISTRY.register_impl
variant = REGISTRY.register_variant

__all__ = ["REGISTRY", "register", "variant", "Built", "Param", "Probe"]

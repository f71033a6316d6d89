"""Keras 3 (TensorFlow backend) implementations, registered under the reference's names.

A builder ``build(**kwargs) -> Built`` receives the reference's keyword arguments and
passes them to ``keras.layers`` / ``keras.losses`` explicitly.
"""
from reference.registry import Built, ImplRegistry, Param, Probe

REGISTRY = ImplRegistry("tf_impl")
register = REGISTRY.register_impl
variant = REGISTRY.register_variant

__all__ = ["REGISTRY", "register", "variant", "Built", "Param", "Probe"]

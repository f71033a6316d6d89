"""Clip by global norm <-> the optimizer's ``global_clipnorm`` (no ε in the norm)."""
from tf_impl.clipping.base import KerasClipping
from tf_impl.registry import Built, register


@register("clipping", "global_norm")
def build(max_norm=1.0, epsilon=0.0):
    return Built(KerasClipping({"global_clipnorm": float(max_norm)}, fixed={"epsilon": 0.0}))

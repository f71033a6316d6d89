"""Clip by value <-> the optimizer's ``clipvalue``."""
from tf_impl.clipping.base import KerasClipping
from tf_impl.registry import Built, register


@register("clipping", "value")
def build(clip_value=1.0):
    return Built(KerasClipping({"clipvalue": float(clip_value)}))

"""Clip by norm, per tensor <-> the optimizer's ``clipnorm`` (``tf.clip_by_norm`` on each
gradient; no ε in the norm)."""
from tf_impl.clipping.base import KerasClipping
from tf_impl.registry import Built, register


@register("clipping", "per_tensor_norm")
def build(max_norm=1.0, epsilon=0.0):
    return Built(KerasClipping({"clipnorm": float(max_norm)}, fixed={"epsilon": 0.0}))

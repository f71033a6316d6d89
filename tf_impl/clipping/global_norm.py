"""Clip by global norm <-> the optimizer's ``global_clipnorm`` (no ε in the norm)."""
from tf_impl.clipping.base import KerasClipping
from tf_impl.registry import Built, register, variant


@register("clipping", "global_norm")
def build(max_norm=1.0, epsilon=0.0):
    return Built(KerasClipping({"global_clipnorm": float(max_norm)}, fixed={"epsilon": 0.0}))


@variant("clipping", "global_norm", "clipnorm")
def build_clipnorm(max_norm=1.0, epsilon=0.0):
    """What a port of torch's ``clip_grad_norm_(model.parameters(), c)`` often writes: ``clipnorm=c``, which
    clips each variable by its own norm (the global norm is ``global_clipnorm``)."""
    return Built(KerasClipping({"clipnorm": float(max_norm)}, fixed={"epsilon": 0.0}))

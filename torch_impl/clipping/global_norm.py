"""Clip by global norm <-> ``torch.nn.utils.clip_grad_norm_(params, max_norm)``."""
from torch.nn.utils import clip_grad_norm_

from torch_impl.clipping.base import CLIP_GRAD_NORM_EPSILON, TorchClipping
from torch_impl.registry import Built, register


@register("clipping", "global_norm")
def build(max_norm=1.0, epsilon=0.0):
    return Built(TorchClipping(lambda params: clip_grad_norm_(params, max_norm=max_norm, norm_type=2.0),
                               fixed={"epsilon": CLIP_GRAD_NORM_EPSILON}))

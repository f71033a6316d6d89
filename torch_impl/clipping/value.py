"""Clip by value <-> ``torch.nn.utils.clip_grad_value_(params, clip_value)``."""
from torch.nn.utils import clip_grad_value_

from torch_impl.clipping.base import TorchClipping
from torch_impl.registry import Built, register


@register("clipping", "value")
def build(clip_value=1.0):
    return Built(TorchClipping(lambda params: clip_grad_value_(params, clip_value=clip_value)))

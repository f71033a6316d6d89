"""Clip by norm, per tensor: torch has no per-tensor option, so ``clip_grad_norm_([p], max_norm)``
is called once per parameter."""
from torch.nn.utils import clip_grad_norm_

from torch_impl.clipping.base import CLIP_GRAD_NORM_EPSILON, TorchClipping
from torch_impl.registry import Built, register


@register("clipping", "per_tensor_norm", status="composed",
          note="no per-tensor option in torch.nn.utils: clip_grad_norm_([p], c) once per parameter")
def build(max_norm=1.0, epsilon=0.0):
    def apply(params):
        for p in params:
            clip_grad_norm_([p], max_norm=max_norm, norm_type=2.0)
    return Built(TorchClipping(apply, fixed={"epsilon": CLIP_GRAD_NORM_EPSILON}))

"""Layer normalization <-> ``torch.nn.LayerNorm`` over the last len(normalized_shape) axes.

torch's ``elementwise_affine`` is γ (and β unless ``bias=False``): the reference's scale=True, center=False
is ``bias=False``; β without γ does not exist in torch.
"""
import torch

from torch_impl.registry import Built, Param, register


@register("layer", "layer_norm")
def build(normalized_shape, epsilon=1e-5, center=True, scale=True):
    if center and not scale:
        raise ValueError("center=True with scale=False is not allowed: torch.nn.LayerNorm has no β without γ "
                         "(elementwise_affine=False drops both)")
    layer = torch.nn.LayerNorm(normalized_shape, eps=epsilon, elementwise_affine=scale, bias=center)
    params = {**({"gamma": Param("weight")} if scale else {}), **({"beta": Param("bias")} if center else {})}
    return Built(layer, params)

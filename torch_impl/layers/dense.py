"""Dense <-> ``torch.nn.Linear`` (weight stored (out, in); the layout map transposes)."""
import torch

from torch_impl.registry import Built, Param, register


@register("layer", "dense")
def build(in_features, units, use_bias=True):
    linear = torch.nn.Linear(in_features, units, bias=use_bias)
    params = {"W": Param("weight", layout="out_in")}
    if use_bias:
        params["b"] = Param("bias")
    return Built(linear, params)

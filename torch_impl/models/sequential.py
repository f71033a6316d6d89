"""Sequential <-> ``torch.nn.Sequential`` of the registered builders' modules.

The builder returns the container itself (``Built.module`` is the ``nn.Sequential``); each reference
parameter ``"<i>.<name>"`` lives at ``"<i>.<attr>"`` on it (``nn.Sequential`` names its children
"0", "1", ...), in the layout of that layer's own builder (``Linear.weight`` is (out, in)).
"""
import torch

from reference.models.sequential import family_of, layer_specs
from torch_impl.registry import REGISTRY, Built, Param, register


@register("model", "sequential")
def build(layers):
    modules, params = [], {}
    for i, (name, kwargs) in enumerate(layer_specs(layers)):
        built = REGISTRY.get(family_of(name), name).build(**kwargs)
        if built.input_layout != "channels_last":
            raise ValueError(f"layers[{i}]={name!r} is not allowed: it takes channels-first input (not in this slice)")
        modules.append(built.module)
        params.update({f"{i}.{k}": Param(f"{i}.{slot.attr}", slot.layout) for k, slot in built.params.items()})
    return Built(torch.nn.Sequential(*modules), params)

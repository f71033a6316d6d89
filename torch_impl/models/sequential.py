"""Sequential <-> ``torch.nn.Sequential`` of the registered builders' modules.

The builder returns the container itself (``Built.module`` is the ``nn.Sequential``); each reference
parameter ``"<i>.<name>"`` lives at ``"<i>.<attr>"`` on it (``nn.Sequential`` names its children
"0", "1", ...), in the layout of that layer's own builder (``Linear.weight`` is (out, in)); each stateful layer's state
``"<i>.<name>"`` at ``"<i>.<buffer>"`` (``"1.running_mean"``). The model's activations are (N, F), where
a channels-first layer (``BatchNorm1d``) takes the reference's layout as is. ``Built.layers`` keeps each
layer's own ``Built``: the model runner reads random layers' draws back through their ``probe``.
"""
import torch

from reference.models.sequential import family_of, layer_specs
from torch_impl.registry import REGISTRY, Built, Param, register


@register("model", "sequential")
def build(layers):
    modules, params, state, layers_ = [], {}, {}, []
    for i, (name, kwargs) in enumerate(layer_specs(layers)):
        built = REGISTRY.get(family_of(name), name).build(**kwargs)
        if built.recover_noise is not None:
            raise ValueError(f"layers[{i}]={name!r} is not allowed in a model: its draw is recovered from its "
                             "output on the layer's own input, which a model's runner does not see")
        modules.append(built.module)
        params.update({f"{i}.{k}": Param(f"{i}.{slot.attr}", slot.layout) for k, slot in built.params.items()})
        state.update({f"{i}.{k}": Param(f"{i}.{slot.attr}", slot.layout) for k, slot in built.state.items()})
        layers_.append(built)
    return Built(torch.nn.Sequential(*modules), params, state=state, layers=layers_)

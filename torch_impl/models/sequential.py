"""Sequential <-> ``torch.nn.Sequential`` of the registered builders' modules.

The builder returns the container itself (``Built.module`` is the ``nn.Sequential``); each reference
parameter ``"<i>.<name>"`` lives at ``"<i>.<attr>"`` on it (``nn.Sequential`` names its children
"0", "1", ...), in the layout of that layer's own builder (``Linear.weight`` is (out, in)); each stateful layer's state
``"<i>.<name>"`` at ``"<i>.<buffer>"`` (``"1.running_mean"``). The model's activations are (N, F), where
a channels-first layer (``BatchNorm1d``) takes the reference's layout as is. ``Built.layers`` keeps each
layer's own ``Built``: the model runner reads random layers' draws back through their ``probe``.
With ``input_shape`` of images, the model takes the first layer's layout (``Built.input_layout``: (N, C, H, W)
for ``Conv2d``): the runner moves the data's channels once, as a torch user's data already is, and the
layers that see rank > 2 values (convolutions, pooling, ``nn.Flatten``) are torch's channels-first ones.
"""
import torch

from reference.models.sequential import family_of, layer_specs
from reference.registry import in_container
from torch_impl.registry import REGISTRY, Built, register


@register("model", "sequential")
def build(layers, input_shape=None):
    modules, params, state, layers_ = [], {}, {}, []
    for i, (name, kwargs) in enumerate(layer_specs(layers)):
        built = REGISTRY.get(family_of(name), name).build(**kwargs)
        layer_params, layer_state = in_container(built, i, f"{i}.", f"layers[{i}]={name!r}")
        params.update(layer_params)
        state.update(layer_state)
        modules.append(built.module)
        layers_.append(built)
    # Images and sequences enter in the first layer's layout (a CNN's data is (N, C, H, W) in torch); every
    # layer then sees torch's layout until a flatten makes the values (N, F).
    layout = layers_[0].input_layout if input_shape is not None and len(input_shape) > 1 else "channels_last"
    return Built(torch.nn.Sequential(*modules), params, state=state, layers=layers_, input_layout=layout)

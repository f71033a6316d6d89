"""Sequential <-> ``keras.Sequential`` of the registered builders' layers.

The builder returns the container itself (``Built.module`` is the ``keras.Sequential``, built on
``keras.Input(input_shape)``, or ``keras.Input((in_features,))`` of the first layer); each reference parameter ``"<i>.<name>"`` lives at
``"<i>.<attr>"``: layer i's own attribute (``kernel``, stored (in, out) as the reference); a stateful layer's state likewise
(``"1.moving_mean"``). ``tf_impl.model_runner.variable`` resolves both. ``Built.layers`` keeps each layer's own
``Built``: the model runner reads random layers' draws back through their ``probe``.
"""
import keras

from reference.models.sequential import family_of, layer_specs
from reference.registry import in_container
from tf_impl.registry import REGISTRY, Built, register


@register("model", "sequential")
def build(layers, input_shape=None):
    specs = layer_specs(layers)
    if input_shape is None and specs[0][1].get("in_features") is None:
        raise ValueError(f"layers[0]={specs[0][0]!r} is not allowed first without input_shape: Keras needs the "
                         "input's shape, so give input_shape or start with a layer that takes in_features")
    shape = tuple(input_shape) if input_shape is not None else (specs[0][1]["in_features"],)
    modules, params, state, layers_ = [], {}, {}, []
    for i, (name, kwargs) in enumerate(specs):
        built = REGISTRY.get(family_of(name), name).build(**kwargs)
        layer_params, layer_state = in_container(built, i, f"{i}.", f"layers[{i}]={name!r}")
        params.update(layer_params)
        state.update(layer_state)
        modules.append(built.module)
        layers_.append(built)
    return Built(keras.Sequential([keras.Input(shape), *modules]), params, state=state, layers=layers_)

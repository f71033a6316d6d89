"""Sequential <-> ``keras.Sequential`` of the registered builders' layers.

The builder returns the container itself (``Built.module`` is the ``keras.Sequential``, built on
``keras.Input(input_shape)``, or ``keras.Input((in_features,))`` of the first layer); each reference parameter ``"<i>.<name>"`` lives at
``"<i>.<attr>"``: layer i's own attribute (``kernel``, stored (in, out) as the reference); a stateful layer's state likewise
(``"1.moving_mean"``). ``tf_impl.model_runner.variable`` resolves both. ``Built.layers`` keeps each layer's own
``Built``: the model runner reads random layers' draws back through their ``probe``.
"""
import keras

from reference.models.sequential import family_of, layer_specs
from tf_impl.registry import REGISTRY, Built, Param, register


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
        if built.recover_noise is not None:
            raise ValueError(f"layers[{i}]={name!r} is not allowed in a model: its draw is recovered from its "
                             "output on the layer's own input, which a model's runner does not see")
        modules.append(built.module)
        params.update({f"{i}.{k}": Param(f"{i}.{slot.attr}", slot.layout) for k, slot in built.params.items()})
        state.update({f"{i}.{k}": Param(f"{i}.{slot.attr}", slot.layout) for k, slot in built.state.items()})
        layers_.append(built)
    return Built(keras.Sequential([keras.Input(shape), *modules]), params, state=state, layers=layers_)

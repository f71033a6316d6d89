"""Functional <-> a ``keras.Model`` built with Keras's functional API: ``keras.Input((inputs,))``, each layer
called on its input's tensor, merges by ``keras.layers.Add()`` and ``keras.layers.Concatenate()``.

Each reference parameter ``"<node>.<name>"`` is the attribute of that node's layer (``"<node>.kernel"``),
resolved through ``Built.layers`` ({node: the layer's Built}), not through ``model.layers``'s order.
"""
import keras

from reference.models.functional import INPUT, MERGES, node_specs
from reference.models.sequential import family_of
from reference.registry import in_container
from tf_impl.registry import REGISTRY, Built, register

KERAS_MERGES = {"add": keras.layers.Add, "concatenate": keras.layers.Concatenate}


@register("model", "functional")
def build(inputs, nodes, output):
    specs = node_specs(nodes, output)
    x = keras.Input((inputs,))
    values, built_layers, params, state = {INPUT: x}, {}, {}, {}
    for name, comp, kwargs, ins in specs:
        if comp in MERGES:
            values[name] = KERAS_MERGES[comp]()([values[n] for n in ins])
            continue
        built = REGISTRY.get(family_of(comp), comp).build(**kwargs)
        layer_params, layer_state = in_container(built, name, f"{name}.", f"node {name!r} ({comp!r})")
        params.update(layer_params)
        state.update(layer_state)
        values[name] = built.module(values[ins[0]])
        built_layers[name] = built
    return Built(keras.Model(x, values[output]), params, state=state, layers=built_layers)

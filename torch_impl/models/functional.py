"""Functional <-> a ``torch.nn.Module`` whose ``forward`` walks the graph, as a torch user writes a model
with branches: the layers in an ``nn.ModuleDict`` (named by node), merges written as tensor operations
(``a + b``, ``torch.cat([...], dim=-1)``).

Each reference parameter ``"<node>.<name>"`` lives at ``"nodes.<node>.<attr>"`` in that layer's own
builder's layout; state likewise; ``Built.layers`` is {node: the layer's Built} (their probes read random
layers' draws back, ``torch_impl/model_runner.py``).
"""
import torch

from reference.models.functional import INPUT, MERGES, node_specs
from reference.models.sequential import family_of
from reference.registry import in_container
from torch_impl.registry import REGISTRY, Built, register


class Graph(torch.nn.Module):
    def __init__(self, nodes, output, layers: dict):
        super().__init__()
        self.graph, self.output = [(name, comp, ins) for name, comp, _, ins in nodes], output
        self.nodes = torch.nn.ModuleDict(layers)

    def forward(self, x):
        values = {INPUT: x}
        for name, comp, ins in self.graph:
            if comp == "add":
                values[name] = sum((values[n] for n in ins[1:]), values[ins[0]])     # left to right, as Add
            elif comp == "concatenate":
                values[name] = torch.cat([values[n] for n in ins], dim=-1)
            else:
                values[name] = self.nodes[name](values[ins[0]])
        return values[self.output]


@register("model", "functional")
def build(inputs, nodes, output):
    specs = node_specs(nodes, output)
    layers, built_layers, params, state = {}, {}, {}, {}
    for name, comp, kwargs, _ in specs:
        if comp in MERGES:
            continue
        built = REGISTRY.get(family_of(comp), comp).build(**kwargs)
        layer_params, layer_state = in_container(built, name, f"nodes.{name}.", f"node {name!r} ({comp!r})")
        params.update(layer_params)
        state.update(layer_state)
        layers[name], built_layers[name] = built.module, built
    return Built(Graph(specs, output, layers), params, state=state, layers=built_layers)

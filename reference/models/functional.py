"""Functional: a small directed acyclic graph of registered layers and activations, merged by add or by
concatenate (what Keras's functional API and a torch module with a hand-written ``forward`` build).

    Functional(inputs=2, nodes=[
        ("a", "dense", {"in_features": 2, "units": 4}, ["input"]),
        ("b", "dense", {"in_features": 2, "units": 4}, ["input"]),
        ("s", "add", {}, ["a", "b"]),                         # a + b                     (N, 4)
        ("h", "tanh", {}, ["s"]),
        ("c", "concatenate", {}, ["h", "input"]),             # [h, x] on the last axis    (N, 6)
        ("out", "dense", {"in_features": 6, "units": 1}, ["c"]),
    ], output="out")

Each node is (name, component, kwargs, inputs): ``inputs`` names earlier nodes or ``"input"`` (the
model's input, ``inputs`` features wide). A layer or activation takes one input; ``add`` takes two or more
of one width; ``concatenate`` two or more, joined on the feature axis in the order given. Nodes are listed
in an order where every input comes first (a topological order), so the forward pass is one loop:

Forward:   v["input"] = x;   v[n] = f_n(v[inputs of n]; θ_n)     for each node n in order
Backward:  δ[output] = dy;  for each node n in reverse order, δ of each of its inputs += f_nᵀ(δ[n])
           (add: δ reaches every input unchanged; concatenate: δ is split by the inputs' widths; a value
           used by several nodes gathers the sum of their gradients: the multivariate chain rule)

Parameters, state and noise are named by node: ``"a.W"``, ``"h.running_mean"``, noise ``{"d": mask}``.
The API is Sequential's (``reference/models/sequential.py``): ``apply(x, params, state, training, rng,
noise) -> (y, state, cache)``, ``forward``, ``backward``, ``init_params``, ``init_state``.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from reference import registry
from reference.base import Module, Params
from reference.models.sequential import family_of
from reference.registry import register

MERGES = ("add", "concatenate")
INPUT = "input"


def merge(component: str, values: list):
    """``add`` (left to right, as Keras's Add) or ``concatenate`` (on the feature axis) of the inputs' values."""
    return sum(values[1:], values[0]) if component == "add" else np.concatenate(values, axis=-1)


def merge_backward(component: str, delta, widths: list[int]) -> list:
    """The gradient reaching each input of a merge: all of δ (add), or δ split by the inputs' widths."""
    if component == "add":
        return [delta] * len(widths)
    return np.split(delta, np.cumsum(widths)[:-1], axis=-1)


def node_specs(nodes: Any, output: Any) -> list[tuple[str, str, dict, list[str]]]:
    """The validated node list: unique names, known inputs listed earlier, merges with ≥ 2 inputs."""
    if not isinstance(nodes, (list, tuple)) or not nodes:
        raise ValueError(f"nodes={nodes!r} is not allowed: expected a non-empty list of "
                         "(name, component, kwargs, inputs)")
    seen, out = {INPUT}, []
    for i, entry in enumerate(nodes):
        if not (isinstance(entry, (list, tuple)) and len(entry) == 4 and isinstance(entry[0], str)
                and isinstance(entry[1], str) and isinstance(entry[2], dict) and isinstance(entry[3], (list, tuple))):
            raise ValueError(f"nodes[{i}]={entry!r} is not allowed: expected (name, component, kwargs, inputs)")
        name, comp, kwargs, ins = entry[0], entry[1], dict(entry[2]), list(entry[3])
        if name in seen:
            raise ValueError(f"nodes[{i}] name {name!r} is not allowed: names are unique and {INPUT!r} is the input")
        unknown = [n for n in ins if n not in seen]
        if unknown or not ins:
            raise ValueError(f"nodes[{i}] ({name!r}) inputs={ins!r} is not allowed: each input must name an earlier "
                             f"node or {INPUT!r}")
        if (comp in MERGES) != (len(ins) > 1):
            raise ValueError(f"nodes[{i}] ({name!r}) is not allowed: {comp!r} with {len(ins)} input(s); "
                             f"{' and '.join(MERGES)} take two or more, every other component one")
        seen.add(name)
        out.append((name, comp, kwargs, ins))
    if output not in seen - {INPUT}:
        raise ValueError(f"output={output!r} is not allowed: expected one of the nodes {[n[0] for n in out]}")
    used = {output}
    for name, _, _, ins in reversed(out):
        if name in used:
            used.update(ins)
    unused = [n[0] for n in out if n[0] not in used]
    if unused:
        raise ValueError(f"nodes {unused} are not allowed: the output {output!r} does not depend on them")
    return out


@register("model", "functional")
class Functional(Module):
    def __init__(self, inputs: int, nodes, output: str):
        from reference import validate
        self.inputs = validate.integer("inputs", inputs, low=1)
        self.nodes = node_specs(nodes, output)
        self.output = output
        self.modules: dict[str, Module] = {
            name: registry.get(family_of(comp), comp)(**kwargs)
            for name, comp, kwargs, _ in self.nodes if comp not in MERGES}
        for name, comp, kwargs, _ in self.nodes:
            if comp in MERGES and kwargs:
                raise ValueError(f"node {name!r} ({comp}) kwargs={kwargs!r} is not allowed: merges take none")
        self.random = any(m.random for m in self.modules.values())
        self.stateful = any(m.stateful for m in self.modules.values())
        self.widths()                                    # the merges' widths must agree: checked here

    def widths(self) -> dict[str, int]:
        """The feature width of every value (the input and each node)."""
        w = {INPUT: self.inputs}
        for name, comp, _, ins in self.nodes:
            if comp == "add":
                if len({w[n] for n in ins}) != 1:
                    raise ValueError(f"node {name!r} adds inputs {ins} of widths {[w[n] for n in ins]}: "
                                     "expected one width")
                w[name] = w[ins[0]]
            elif comp == "concatenate":
                w[name] = sum(w[n] for n in ins)
            else:
                w[name] = self.modules[name].output_features(w[ins[0]])
        return w

    def _per_node(self, method: str, args) -> dict:
        w = self.widths()
        return {f"{name}.{k}": v for name, comp, _, ins in self.nodes if comp not in MERGES
                for k, v in getattr(self.modules[name], method)(*args(w[ins[0]])).items()}

    def param_shapes(self, in_features):
        return self._per_node("param_shapes", lambda width: (width,))

    def output_features(self, in_features):
        return self.widths()[self.output]

    def init_params(self, rng: np.random.Generator, in_features: int, dtype: Any = np.float64) -> Params:
        """Each layer's own ``init_params``, in node order, from one generator."""
        return self._per_node("init_params", lambda width: (rng, width, dtype))

    def init_state(self, in_features: int, dtype: Any = np.float64) -> dict[str, np.ndarray]:
        w = self.widths()
        return {f"{name}.{k}": v for name, comp, _, ins in self.nodes if comp not in MERGES
                and self.modules[name].stateful for k, v in self.modules[name].init_state(w[ins[0]], dtype).items()}

    def split(self, values: dict) -> dict[str, dict]:
        """{"<node>.<name>": array} -> {node: {name: array}}."""
        per: dict[str, dict] = {name: {} for name in self.modules}
        for key, value in values.items():
            node, name = key.split(".", 1)
            per[node][name] = value
        return per

    def check_noise(self, noise) -> None:
        if not isinstance(noise, dict):
            raise ValueError(f"noise is a {type(noise).__name__}: expected a dict {{node name: noise}}")
        for n, draw in noise.items():
            if n not in self.modules or not self.modules[n].random:
                raise ValueError(f"noise[{n!r}] is not allowed: the random nodes are "
                                 f"{[k for k, m in self.modules.items() if m.random]}")
            self.modules[n].check_noise(draw)

    def apply(self, x, params, state=None, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        state, noise = ({} if state is None else state), ({} if noise is None else noise)
        self.check_noise(noise)
        p, s = self.split(params), self.split(state)
        values, caches, new_state, used = {INPUT: x}, {}, {}, {}
        for name, comp, _, ins in self.nodes:
            if comp in MERGES:
                values[name] = merge(comp, [values[n] for n in ins])                     # (N, width or Σ widths)
                continue
            m, kw, a = self.modules[name], {"training": training}, values[ins[0]]
            if m.random and training:
                if name not in noise and rng is None:
                    raise ValueError(f"node {name!r} is random: training=True needs rng or noise[{name!r}]")
                used[name] = kw["noise"] = noise[name] if name in noise else m.draw_noise(rng, a.shape)
            if m.stateful:
                values[name], st, caches[name] = m.forward(a, p[name], s[name], **kw)
                new_state.update({f"{name}.{k}": v for k, v in st.items()})
            else:
                values[name], caches[name] = m.forward(a, p[name], **kw)
        y = values[self.output]
        widths = {n: values[n].shape[-1] for n in values}
        return y, new_state, (x.shape, y.shape, caches, used, widths)

    def forward(self, x, params, state=None, *, training=False, rng=None, noise=None):
        y, state, cache = self.apply(x, params, state, training=training, rng=rng, noise=noise)
        return (y, state, cache) if self.stateful else (y, cache)

    def graph(self) -> list[tuple]:
        """(key, component, module or None for a merge, inputs) per node in computation order."""
        return [(name, comp, self.modules.get(name), ins) for name, comp, _, ins in self.nodes]

    @staticmethod
    def used_noise(cache) -> dict:
        return cache[3]

    def backward(self, dy, cache):
        x_shape, y_shape, caches, _, widths = cache
        self.check_backward(dy, y_shape, dy.dtype)
        delta: dict[str, np.ndarray] = {self.output: dy}
        grads: Params = {}

        def reach(n, d):                                 # a value used twice gathers both gradients
            delta[n] = d if n not in delta else delta[n] + d

        for name, comp, _, ins in reversed(self.nodes):
            d = delta.pop(name)                          # every node reaches the output (node_specs)
            if comp in MERGES:
                for n, part in zip(ins, merge_backward(comp, d, [widths[n] for n in ins])):
                    reach(n, part)
            else:
                dx, g = self.modules[name].backward(d, caches[name])
                grads.update({f"{name}.{k}": v for k, v in g.items()})
                reach(ins[0], dx)
        return delta[INPUT], grads

"""Sequential: a stack of registered layers and activations, given as data.

    layers = [("dense", {"in_features": 2, "units": 2}), ("tanh", {}),
              ("dense", {"in_features": 2, "units": 1}), ("sigmoid", {})]

Forward:   a₀ = x,  a_{i+1} = f_i(a_i; θ_i)                 (each f_i keeps its cache)
Backward:  δ_L = dy,  (δ_i, ∂θ_i) = f_iᵀ(δ_{i+1}; cache_i)  in reverse order
           (the chain rule, one component's own ``backward`` per step; no autograd)

Parameters are named ``"<index>.<param>"`` (``"0.W"``, ``"2.b"``): the layer's position in the list
and its own parameter name, so the three implementations agree on names without a table.
Each name is looked up in the "layer" family, then "activation" (``family_of``). This first slice takes
deterministic, stateless components only (no dropout, no batch normalization: they would need the
noise and running-state plumbing of ``conformance/harness.py``).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from reference import registry
from reference.base import Module, Params
from reference.registry import register

# Where a layer name is looked up, in order (a name in none of them is an error listing both).
LAYER_FAMILIES = ("layer", "activation")


def family_of(name: str) -> str:
    """The family of a Sequential entry's component name (shared with the framework builders)."""
    for family in LAYER_FAMILIES:
        if name in registry.all_names(family):
            return family
    valid = ", ".join(sorted({n for f in LAYER_FAMILIES for n in registry.all_names(f)}))
    raise KeyError(f"unknown layer {name!r}: expected a component of {' or '.join(LAYER_FAMILIES)}; valid names: {valid}")


def layer_specs(layers: Any) -> list[tuple[str, dict]]:
    """The validated list of (name, kwargs) pairs."""
    if not isinstance(layers, (list, tuple)) or not layers:
        raise ValueError(f"layers={layers!r} is not allowed: expected a non-empty list of (name, kwargs) pairs")
    out = []
    for i, entry in enumerate(layers):
        if not (isinstance(entry, (list, tuple)) and len(entry) == 2 and isinstance(entry[0], str)
                and isinstance(entry[1], dict)):
            raise ValueError(f"layers[{i}]={entry!r} is not allowed: expected a (name, kwargs) pair")
        out.append((entry[0], dict(entry[1])))
    return out


@register("model", "sequential")
class Sequential(Module):
    def __init__(self, layers):
        self.layers = layer_specs(layers)
        self.modules: list[Module] = []
        for i, (name, kwargs) in enumerate(self.layers):
            module = registry.get(family_of(name), name)(**kwargs)
            if module.random or module.stateful:
                raise ValueError(f"layers[{i}]={name!r} is not allowed: Sequential takes deterministic, stateless "
                                 "components only (random and stateful layers are not part of this slice)")
            self.modules.append(module)

    def _features(self, in_features: int) -> list[int]:
        """The input width of every layer, then the output width."""
        widths = [in_features]
        for m in self.modules:
            widths.append(m.output_features(widths[-1]))
        return widths

    def param_shapes(self, in_features):
        widths = self._features(in_features)
        return {f"{i}.{k}": shape for i, m in enumerate(self.modules) for k, shape in m.param_shapes(widths[i]).items()}

    def output_features(self, in_features):
        return self._features(in_features)[-1]

    def init_params(self, rng: np.random.Generator, in_features: int, dtype: Any = np.float64) -> Params:
        """Each layer's own ``init_params``, in order, from one generator."""
        widths = self._features(in_features)
        return {f"{i}.{k}": v for i, m in enumerate(self.modules)
                for k, v in m.init_params(rng, widths[i], dtype).items()}

    def split(self, params: Params) -> list[Params]:
        """{"<i>.<name>": array} -> one {name: array} per layer."""
        per = [{} for _ in self.modules]
        for key, value in params.items():
            i, name = key.split(".", 1)
            per[int(i)][name] = value
        return per

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        caches = []
        a = x                                                        # (N, in)
        for m, p in zip(self.modules, self.split(params)):
            a, cache = m.forward(a, p, training=training)            # (N, width_i)
            caches.append(cache)
        return a, (x.shape, a.shape, caches)

    def backward(self, dy, cache):
        x_shape, y_shape, caches = cache
        self.check_backward(dy, y_shape, dy.dtype)
        grads: Params = {}
        delta = dy                                                   # (N, out)
        for i in reversed(range(len(self.modules))):
            delta, g = self.modules[i].backward(delta, caches[i])    # (N, width_i)
            grads.update({f"{i}.{k}": v for k, v in g.items()})
        return delta, grads

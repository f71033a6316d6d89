"""Sequential: a stack of registered layers and activations, given as data.

    layers = [("dense", {"in_features": 2, "units": 2}), ("tanh", {}),
              ("dense", {"in_features": 2, "units": 1}), ("sigmoid", {})]

Forward:   a₀ = x,  a_{i+1} = f_i(a_i; θ_i)                 (each f_i keeps its cache)
Backward:  δ_L = dy,  (δ_i, ∂θ_i) = f_iᵀ(δ_{i+1}; cache_i)  in reverse order
           (the chain rule, one component's own ``backward`` per step; no autograd)

Parameters are named ``"<index>.<param>"`` (``"0.W"``, ``"2.b"``): the layer's position in the list
and its own parameter name, so the three implementations agree on names without a table.
Each name is looked up in the "layer" family, then "activation" (``family_of``).

Stateful layers (batch normalization) carry their state explicitly, named the same way
(``"1.running_mean"``); random layers (dropout, Gaussian noise) take their draw as ``noise``, a dict
{layer index: that layer's noise}, or draw it from ``rng``. The container follows the convention of its
layers: when any layer is stateful, so is the model::

    state = model.init_state(in_features, dtype)                          # {} when no layer is stateful
    y, state, cache = model.forward(x, params, state, training=True, noise={2: keep_mask})
    dx, grads = model.backward(dy, cache)

and a model without stateful layers is ``y, cache = model.forward(x, params, training=..., noise=...)``.
``apply`` is the form a training loop uses for both: always ``(y, state, cache)``; the cache holds the
noise each random layer used (``used_noise``).

Memory: a layer that can write its result into an array (``Module.accepts_out``: ReLU) gets the previous
layer's output as ``out`` when that output is a new array no one else holds (not x, not a view of the
layer's input, parameters or cache): the Dense output a ReLU reads, and in the backward pass the gradient a
Dense returned, as PyTorch's ``nn.ReLU(inplace=True)``. The caller's x and dy are never written; the values are
those of the plain pass (tests/test_in_place.py).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from reference import registry, validate
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
    """``input_shape``: one sample's shape, as Keras's ``Input(shape)`` ((8, 8, 1) for images, (T, F) for
    sequences); None: (in_features,), a feature vector."""

    def __init__(self, layers, input_shape=None):
        self.layers = layer_specs(layers)
        self.input_shape = None if input_shape is None else validate.shape("input_shape", input_shape)
        self.modules: list[Module] = [registry.get(family_of(name), name)(**kwargs) for name, kwargs in self.layers]
        self.random = any(m.random for m in self.modules)
        self.stateful = any(m.stateful for m in self.modules)
        self.differentiable = all(m.differentiable for m in self.modules)

    def shapes(self, in_features: int) -> list[tuple[int, ...]]:
        """One sample's shape at the input of every layer, then at the output (``input_shape``, or
        (in_features,))."""
        shapes = [self.input_shape or (in_features,)]
        for m in self.modules:
            shapes.append(tuple(m.output_shape((1, *shapes[-1]))[1:]))
        return shapes

    def _features(self, in_features: int) -> list[int]:
        """The feature width (last axis) at the input of every layer, then at the output."""
        return [shape[-1] for shape in self.shapes(in_features)]

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

    def init_state(self, in_features: int, dtype: Any = np.float64) -> dict[str, np.ndarray]:
        """Every stateful layer's ``init_state``, named ``"<i>.<name>"``."""
        widths = self._features(in_features)
        return {f"{i}.{k}": v for i, m in enumerate(self.modules) if m.stateful
                for k, v in m.init_state(widths[i], dtype).items()}

    def split(self, values: dict) -> list[dict]:
        """{"<i>.<name>": array} (parameters or state) -> one {name: array} per layer."""
        per = [{} for _ in self.modules]
        for key, value in values.items():
            i, name = key.split(".", 1)
            per[int(i)][name] = value
        return per

    def check_noise(self, noise) -> None:
        """``noise``: {layer index: noise} for random layers only, each valid for its layer."""
        if not isinstance(noise, dict):
            raise ValueError(f"noise is a {type(noise).__name__}: expected a dict {{layer index: noise}}")
        for i, n in noise.items():
            if not (isinstance(i, int) and 0 <= i < len(self.modules) and self.modules[i].random):
                valid = [j for j, m in enumerate(self.modules) if m.random]
                raise ValueError(f"noise[{i!r}] is not allowed: the random layers are at indices {valid}")
            self.modules[i].check_noise(n)

    def apply(self, x, params, state=None, *, training=False, rng=None, noise=None):
        """One forward pass through every layer: ``(y, state, cache)`` whatever the layers are."""
        self.check_forward(x, params)
        state = {} if state is None else state
        noise = {} if noise is None else noise
        self.check_noise(noise)
        states = self.split(state)
        new_state, caches, used = {}, [], {}
        a, own = x, False                                            # (N, in); x is the caller's
        for i, (m, p) in enumerate(zip(self.modules, self.split(params))):
            kw = {"training": training}
            if m.random and training:
                used[i] = noise[i] if i in noise else m.draw_noise(_need(rng, i), a.shape)
                kw["noise"] = used[i]
            if m.accepts_out and own:
                kw["out"] = a                                        # over the previous layer's new output
            if m.stateful:
                y, s, cache = m.forward(a, p, states[i], **kw)      # (N, width_i), the layer's new state
                new_state.update({f"{i}.{k}": v for k, v in s.items()})
            else:
                y, cache = m.forward(a, p, **kw)                     # (N, width_i)
            own = not shares_memory(y, (a, p, cache))
            a = y
            caches.append(cache)
        return a, new_state, (x.shape, a.shape, caches, used)

    def forward(self, x, params, state=None, *, training=False, rng=None, noise=None):
        y, state, cache = self.apply(x, params, state, training=training, rng=rng, noise=noise)
        return (y, state, cache) if self.stateful else (y, cache)

    def graph(self) -> list[tuple]:
        """(key, component, module, inputs) per layer in computation order: layer i reads layer i − 1's output
        (``reference.models.training.probe`` and the localization walk this)."""
        return [(i, name, m, [i - 1 if i else "input"]) for i, ((name, _), m) in enumerate(zip(self.layers, self.modules))]

    @staticmethod
    def used_noise(cache) -> dict:
        """{layer index: the noise that random layer used} of a training-mode forward pass."""
        return cache[3]

    def backward(self, dy, cache, *, input_grad=True):
        """``input_grad=False``: a training step's backward, which needs no gradient for the data; a first
        layer that can (``skips_input_grad``: Dense) skips it, and the returned dx is then None."""
        x_shape, y_shape, caches, _ = cache
        self.check_backward(dy, y_shape, dy.dtype)
        grads: Params = {}
        delta, own = dy, False                                       # (N, out); dy is the caller's
        for i in reversed(range(len(self.modules))):
            m = self.modules[i]
            kw = {"input_grad": False} if i == 0 and not input_grad and m.skips_input_grad else {}
            if m.accepts_out and own:
                kw["out"] = delta                                    # over the gradient the layer above made
            d, g = m.backward(delta, caches[i], **kw)                # (N, width_i)
            own = d is not None and not shares_memory(d, (delta, caches[i], g))
            delta = d
            grads.update({f"{i}.{k}": v for k, v in g.items()})
        return delta, grads


def shares_memory(a: np.ndarray, held) -> bool:
    """Whether ``a`` may share memory with an array in ``held`` (arrays in nested tuples, lists and dicts).
    A layer's output that shares none with the layer's input, parameters and cache is a new array that only
    this pass holds: the next layer may write its own result over it (``Module.accepts_out``)."""
    if isinstance(held, np.ndarray):
        return np.may_share_memory(a, held)
    if isinstance(held, dict):
        held = held.values()
    elif not isinstance(held, (tuple, list)):
        return False
    return any(shares_memory(a, h) for h in held)


def _need(rng, i: int):
    if rng is None:
        raise ValueError(f"layer {i} is random: training=True needs rng (to draw its noise) or noise[{i}]")
    return rng

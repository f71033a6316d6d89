"""Explicit registries of components, one per kind.

A component registers itself with ``@register("activation", "relu")``; nothing is
discovered by scanning modules. ``get(kind, name)`` fails loudly with the valid names.
The class ``Registry`` is reused by ``torch_impl`` and ``tf_impl`` for their own tables.
"""
from __future__ import annotations

import importlib
import pkgutil
from typing import Any, Callable

# The families, written once: family -> the folder that holds one module per component, under the
# same name, in reference/, torch_impl/ and tf_impl/. Adding a family adds a line here (and its checker).
FAMILIES = {
    "layer": "layers",
    "activation": "activations",
    "loss": "losses",
    "initializer": "initializers",
    "regularizer": "regularizers",
    "optimizer": "optimizers",
    "schedule": "schedules",
    "clipping": "clipping",
    "model": "models",
    "metric": "metrics",
    # an example network written three ways per framework (conformance/study.py); its cases are the examples
    "example": "examples",
}
KINDS = tuple(FAMILIES)


def load_package(root: str) -> None:
    """Import every module in every family folder of ``root`` ("reference", "torch_impl", "tf_impl"):
    each component module registers itself with ``@register`` when imported, so a new file is all a
    new component needs (no import list to keep in step across the three packages)."""
    for folder in FAMILIES.values():
        package = importlib.import_module(f"{root}.{folder}")
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")


class Registry:
    """A table ``kind -> name -> entry`` with explicit registration."""

    def __init__(self, owner: str):
        self.owner = owner
        self._tables: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}

    def register(self, kind: str, name: str) -> Callable[[Any], Any]:
        table = self._table(kind)

        def decorator(entry: Any) -> Any:
            if name in table:
                raise ValueError(f"{self.owner}: {kind} {name!r} is registered twice")
            table[name] = entry
            return entry

        return decorator

    def get(self, kind: str, name: str) -> Any:
        table = self._table(kind)
        if name not in table:
            valid = ", ".join(sorted(table)) or "(none)"
            raise KeyError(f"{self.owner}: unknown {kind} {name!r}; valid names: {valid}")
        return table[name]

    def names(self, kind: str) -> list[str]:
        return sorted(self._table(kind))

    def has(self, kind: str, name: str) -> bool:
        return name in self._table(kind)

    def _table(self, kind: str) -> dict[str, Any]:
        if kind not in self._tables:
            raise KeyError(f"{self.owner}: unknown kind {kind!r}; valid kinds: {', '.join(KINDS)}")
        return self._tables[kind]


REGISTRY = Registry("reference")
register = REGISTRY.register
names = REGISTRY.names


def get(kind: str, name: str) -> Any:
    """Return the reference component class registered as ``name`` under ``kind``."""
    _load_all()
    return REGISTRY.get(kind, name)


def all_names(kind: str) -> list[str]:
    _load_all()
    return REGISTRY.names(kind)


def _load_all() -> None:
    load_package("reference")


# --- Tables of framework implementations (used by torch_impl and tf_impl) -------------
# They live here, framework-free, so both framework packages share one definition.

from dataclasses import dataclass, field, replace  # noqa: E402

IMPL_STATUSES = ("native", "composed")


@dataclass(frozen=True)
class Impl:
    """A framework's builder for one reference component, and its named variants.

    ``status`` is ``native`` (one framework module/function does it) or ``composed``
    (the framework has no such component; it is assembled in the framework's idiom).
    ``variants``: name -> builder of the component as the framework builds it with its own default
    or convention (e.g. "keras_default", "python_floats"): the native run of a divergence record
    (``Divergence.variant``). ``build(variant=..., **kwargs)`` picks one; no variant is the mapped build.
    """
    builder: Callable[..., "Built"]
    status: str
    note: str = ""
    variants: dict[str, Callable[..., "Built"]] = field(default_factory=dict)

    def build(self, variant: str = "", **kwargs: Any) -> "Built":
        if not variant:
            return self.builder(**kwargs)
        if variant not in self.variants:
            valid = ", ".join(sorted(self.variants)) or "(none)"
            raise KeyError(f"unknown variant {variant!r} of {self.builder.__module__}; valid variants: {valid}")
        return self.variants[variant](**kwargs)


@dataclass
class Param:
    """Where a reference parameter lives on the framework object, and in which layout."""
    attr: str                 # attribute path, e.g. "weight" or "linear.bias"
    layout: str = "same"      # a name from the framework's ``layout.LAYOUTS``
    # the parameter is this row of the framework's array, which holds several (Keras GRU's bias (2, 3H): input and
    # recurrent bias); None: the whole array
    row: int | None = None


@dataclass
class Built:
    module: Any                                          # torch.nn.Module / keras Layer or Loss
    params: dict[str, Param] = field(default_factory=dict)
    # Random components: recover the noise drawn, from (x, y), in the reference's form.
    recover_noise: Callable[[Any, Any], Any] | None = None
    # Random components whose draw the output cannot show exactly (a dropped unit looks like an input
    # of 0): the runner reads it back by running the layer again on a constant input (``Probe``).
    probe: "Probe | None" = None
    # Stateful components (batch normalization): where each reference state entry lives on the module.
    state: dict[str, Param] = field(default_factory=dict)
    # "channels_last": the reference's (N, ..., C), as is; "channels_first": the framework takes
    # (N, C, ...) (torch's image layers): the runner moves the channel axis in and, for an output of the
    # input's rank, back out.
    input_layout: str = "channels_last"
    # Containers: each layer's own Built (their probes and state), a list for a Sequential model (keys
    # 0, 1, ...), a dict {node name: Built} for a functional one (``children``).
    layers: Any = field(default_factory=list)


def in_container(built: "Built", key, attr_prefix: str, where: str) -> tuple[dict, dict]:
    """One layer's parameters and state as its container (a Sequential, a functional graph) names them:
    ``"<key>.<name>"``, living at ``attr_prefix + attr`` on the container, layout kept. The builders of both
    frameworks' containers use it; ``where`` names the layer in errors (``"layers[2]='rrelu'"``).

    Refused: a layer whose draw is recovered from its own input and output (RReLU's ``recover_noise``: a
    model's runner does not see them), and a parameter stored as one row of a shared variable (Keras GRU's
    bias, ``Param.row``: the model runners record whole variables)."""
    if built.recover_noise is not None:
        raise ValueError(f"{where} is not allowed in a model: its draw is recovered from its output on the layer's "
                         "own input, which a model's runner does not see")
    if any(slot.row is not None for slot in [*built.params.values(), *built.state.values()]):
        raise ValueError(f"{where} is not allowed in a model: it stores several parameters as rows of one variable, "
                         "which the model runners do not record yet")
    moved = lambda slots: {f"{key}.{k}": replace(slot, attr=f"{attr_prefix}{slot.attr}")  # noqa: E731
                           for k, slot in slots.items()}
    return moved(built.params), moved(built.state)


def children(built: "Built") -> list[tuple[Any, "Built"]]:
    """A container's (key, layer Built) pairs: the key its parameters, state and draws are named by."""
    return list(built.layers.items()) if isinstance(built.layers, dict) else list(enumerate(built.layers))


LAYOUTS = ("channels_last", "channels_first")


def into_layout(x, layout: str):
    """The reference's (N, ..., C) as a framework taking ``layout`` wants it."""
    import numpy as np
    return np.moveaxis(x, -1, 1) if layout == "channels_first" and np.ndim(x) > 2 else x


def out_of_layout(y, layout: str, ndim: int):
    """A framework's output back in the reference's layout (an output of another rank, e.g. a
    flattened one, is left as the framework gives it)."""
    import numpy as np
    return np.moveaxis(y, 1, -1) if layout == "channels_first" and np.ndim(y) == ndim > 2 else y


@dataclass(frozen=True)
class Probe:
    """How a random layer's draw is read back exactly. After the real training-mode call, the runner
    seeds the framework as before, builds the layer again and calls it in training on an input of
    x's shape filled with ``fill``: the same draw, on an input where every unit shows it.
    ``to_noise(y)`` turns that output into the reference's ``noise``."""
    fill: float
    to_noise: Callable[[Any], Any]


class ImplRegistry(Registry):
    """A framework's table; ``register_impl(kind, name, status=..., note=...)`` decorates a builder
    (each framework package exports it as ``register``)."""

    def register_impl(self, kind: str, name: str, *, status: str = "native", note: str = ""):
        if status not in IMPL_STATUSES:
            raise ValueError(f"status={status!r} is not allowed: expected one of {IMPL_STATUSES}")

        def decorator(build):
            self.register(kind, name)(Impl(build, status, note))
            return build

        return decorator

    def register_variant(self, kind: str, name: str, variant: str):
        """Decorates the builder of a named variant of an already registered component (write it below
        the component's own builder, in the same file)."""
        def decorator(build):
            impl = self.get(kind, name)
            if variant in impl.variants:
                raise ValueError(f"{self.owner}: variant {variant!r} of {kind} {name!r} is registered twice")
            impl.variants[variant] = build
            return build

        return decorator

"""Examples three ways: each example network written by hand and with each framework's high-level API,
every way run by the harness and checked against the reference.

An example (``EXAMPLES``, ``conformance/study_examples.py``) is data: its network (a module of the "example" family, the same file name in
``reference/examples/``, ``torch_impl/examples/`` and ``tf_impl/examples/``), its data set, sizes and
hyperparameters. The ways (``WAYS``) are the functions those modules register: the reference's function
is the NumPy way, a framework's registered builder its by-hand way and its variants the high-level ways.
Every way of a network takes the same arguments and returns the same thing:

    way(x, y, params, *, orders, batch_size, **hyperparameters) -> {"losses": [...], "weights": {...}}

x (N, F) and y the data; ``params`` the initial weights in the reference's layout (W (in, out), b (out,)),
named as the network's module names them; ``orders`` one permutation of range(N) per epoch (the shared
sample order); ``losses`` each epoch's mean batch loss (the batches weighted by their size, as Keras's
``fit`` reports it); ``weights`` the trained parameters, same names and layout. Variations are data in the
``Example``: a network trained with a validation set also takes x_val, y_val and returns "val_losses" (as many
as the epochs that ran); a forward pass at given weights (``setup["run"] = "forward"``) takes no orders and
returns {"outputs", "loss"}; a closed-form solve (``"solve"``) takes no initial weights,
``way(x, y, **hyperparameters) -> {"weights": ...}``; a way whose framework layers draw their own dropout
masks (``Example.own_masks``) takes ``seed`` instead of ``masks`` and returns the masks it drew ("masks").

``inputs(name, dtype)`` draws what every way gets, from the example's case (``case(name)``, family
"example", component the network, desc the example's name): one generator draws the data, the validation
set, the initial weights (the reference model's ``init_params``) and each epoch's order, as for a model case.
``arguments(way, data)`` is the call the harness makes of a way.
``source(way)`` is the code shown (``inspect.getsource`` of the function the harness calls) and
``notebook(name)`` the example as a Jupyter notebook built from the same functions.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from conformance.case import Case
from conformance.study_examples import AS_GIVEN, EXAMPLES, NOT_YET, ROOT, STEPS, Example  # noqa: F401 (the catalog, here)


@dataclass(frozen=True)
class WaySpec:
    """Where a way lives: the framework's registry entry for the network (``variant`` "": its builder,
    the by-hand way; else that named variant)."""
    key: str
    label: str
    framework: str          # "reference" | "torch" | "keras"
    variant: str = ""


WAYS = (
    WaySpec("numpy_by_hand", "NumPy, by hand", "reference"),
    WaySpec("torch_by_hand", "PyTorch, autograd by hand", "torch"),
    WaySpec("torch_high_level", "PyTorch, nn.Sequential + torch.optim", "torch", "high_level"),
    WaySpec("tf_by_hand", "TensorFlow, GradientTape + assign_sub", "keras"),
    WaySpec("keras_sequential", "Keras, Sequential + compile/fit", "keras", "sequential"),
    WaySpec("keras_functional", "Keras, functional API + compile/fit", "keras", "functional"),
)
WAY_KEYS = tuple(w.key for w in WAYS)


@dataclass(frozen=True)
class Way:
    key: str                # a key of WAYS
    label: str
    framework: str          # "reference" | "torch" | "keras"
    function: Callable      # the function the harness calls
    own_masks: bool = False  # draws its own dropout masks from a seed (``Example.own_masks``)


def get(name: str) -> Example:
    """The example ``name``; KeyError naming the valid examples."""
    if name not in EXAMPLES:
        raise KeyError(f"unknown example {name!r}; valid examples: {', '.join(EXAMPLES)}")
    return EXAMPLES[name]


def _entry(spec: WaySpec, network: str) -> Callable:
    """The function ``spec`` names for ``network``, from the registry that holds it."""
    if spec.framework == "reference":
        import reference
        return reference.get("example", network)
    from conformance import frameworks
    impl = frameworks.load(spec.framework).registry.get("example", network)
    return impl.variants[spec.variant] if spec.variant else impl.builder


def ways(name: str, frameworks: tuple[str, ...] | None = None) -> list[Way]:
    """The ways of example ``name`` (those of ``frameworks`` only, when given), in ``WAYS`` order, less the
    ones the example states are missing (``Example.missing``). KeyError naming the valid examples when
    ``name`` is unknown; ``conformance.frameworks.Unavailable`` when a framework asked for cannot be loaded."""
    ex = get(name)
    return [Way(s.key, ex.labels.get(s.key, s.label), s.framework, _entry(s, ex.network), s.key in ex.own_masks)
            for s in WAYS
            if s.key not in ex.missing and (frameworks is None or s.framework in frameworks)]


# The setup components whose framework conventions a way is checked in: each framework's divergence records say
# how its optimizer, clipping, penalty and early stopping differ from the reference's defaults (the loss and the
# schedule are computed as the reference does in every way here)
CONVENTION_KEYS = ("optimizer", "clipping", "kernel_regularizer", "early_stopping")


def convention(name: str, way: Way) -> dict[str, dict]:
    """{setup key: reference kwargs that differ from the setup's} the reference is told for ``way``: a way of a
    framework is written in that framework's form, so each component of ``CONVENTION_KEYS`` is taken as the
    framework computes it (``divergences.as_computed_by``: its records, e.g. Keras's SGD momentum as a sum of
    steps, torch's clip_grad_norm_ ε), then ``Example.conventions`` corrects where a way departs from its
    framework's form (its reason beside it). The NumPy way is the reference's own form."""
    ex = get(name)
    if way.framework != "reference":
        from conformance import divergences, frameworks
        from conformance.study_examples import SETUP_FAMILIES
        fw = frameworks.load(way.framework)
    told: dict[str, dict] = {}
    for key in CONVENTION_KEYS:
        if key not in ex.setup:
            continue
        component, kwargs = ex.setup[key]
        computed = (kwargs if way.framework == "reference" else
                    divergences.as_computed_by(fw, SETUP_FAMILIES[key], component, kwargs))
        departs = ex.conventions.get(way.key, {}).get(key, {})
        computed = {**computed, **{k: kwargs[k] if v == AS_GIVEN else v for k, v in departs.items()}}
        delta = {k: v for k, v in computed.items() if k not in kwargs or kwargs[k] != v}
        if delta:
            told[key] = delta
    return told


def told_text(told: dict[str, dict]) -> str:
    """``convention``'s result in one line: "optimizer momentum_form='step', clipping epsilon=1e-06"."""
    return ", ".join(f"{key} " + " ".join(f"{k}={v!r}" for k, v in kwargs.items()) for key, kwargs in told.items())


def source(way: Way) -> tuple[str, str, int]:
    """(code, repo-relative path, first line) of the function the harness calls for ``way``."""
    lines, start = inspect.getsourcelines(way.function)
    path = Path(inspect.getsourcefile(way.function)).resolve()
    rel = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    return "".join(lines), rel, start


# --- what every way is given ------------------------------------------------------------------------------

def case(name: str) -> Case:
    """The harness's case of example ``name``: family "example", component its network, desc its name."""
    ex = get(name)
    return Case(ex.network, "example", {}, desc=ex.name, note=ex.title, setup={"example": ex.name})


def reference_model(name: str, features: int):
    """The reference model the example's network is: a Functional of its ``nodes`` (a graph), or the Sequential
    of its layers (dense widths filled in)."""
    import reference
    setup = get(name).setup
    if "nodes" in setup:
        return reference.get("model", "functional")(inputs=features, nodes=setup["nodes"], output=setup["output"])
    layers, width = [], features
    for comp, kwargs in get(name).setup["layers"]:
        if comp == "dense":
            kwargs = {"in_features": width, **kwargs}
            width = kwargs["units"]
        layers.append((comp, kwargs))
    return reference.get("model", "sequential")(layers=layers)


def inputs(name: str, dtype: str) -> dict:
    """What every way of example ``name`` gets in ``dtype``: {"x", "y", "params" (the network's names, the
    reference's layout; absent for a closed-form solve, which starts from none), "kwargs" (orders, batch_size
    and the hyperparameters; the hyperparameters alone without a training loop), "seed" (for the ways that
    draw their own masks)}. One generator (the case's seed) draws the data, the reference model's initial
    weights (unless the example gives them: ``setup["init"]``) and each epoch's order."""
    from reference.models import datasets, training
    ex, c = get(name), case(name)
    rng = np.random.default_rng(c.seed)
    data_name, data_kwargs = ex.setup["data"]
    x, y = datasets.draw(data_name, rng, dtype, **data_kwargs)
    data = {"x": x, "y": y, "seed": c.seed}
    validation = {}
    if "validation" in ex.setup:                    # a validation set, drawn next: x_val, y_val
        val_name, val_kwargs = ex.setup["validation"]
        validation = dict(zip(("x_val", "y_val"), datasets.draw(val_name, rng, dtype, **val_kwargs)))
    features = x.shape[-1]
    if "init" in ex.setup:                          # weights given, not drawn (a hand-set network)
        drawn = {k: np.asarray(v) for k, v in ex.setup["init"].items()}
    elif ex.setup.get("model") == "perceptron":     # a random start, as the classic case "normal" draws it
        drawn = {"w": rng.standard_normal(features) / np.sqrt(features), "b": np.asarray(rng.standard_normal())}
    elif "layers" in ex.setup or "nodes" in ex.setup:
        drawn = reference_model(name, features).init_params(rng, features, np.float64)
    else:                                           # a closed form starts from no weights
        drawn = None
    if drawn is not None:
        data["params"] = {mine: drawn[theirs].astype(dtype) for mine, theirs in ex.names.items()}
    if "epochs" not in ex.setup:                    # no training loop: no orders, no batches
        return {**data, "kwargs": dict(ex.hyper)}
    batch_size = len(x) if ex.setup["batch_size"] is None else int(ex.setup["batch_size"])
    if len(x) % batch_size:      # Keras's fit takes every epoch's batches in one pipeline, steps_per_epoch each
        raise ValueError(f"example {name}: batch_size={batch_size} is not allowed: expected a divisor of N={len(x)}")
    orders = training.epoch_orders(rng, len(x), int(ex.setup["epochs"]), bool(ex.setup["shuffle"]))
    # an online rule (the perceptron's) takes one sample per update and no batch_size argument
    sizes = {} if ex.setup.get("online") else {"batch_size": batch_size}
    masks = {"masks": _masks(ex, rng, orders, batch_size)} if "rate" in ex.hyper else {}
    return {**data, "kwargs": {"orders": orders, **sizes, **masks, **validation, **ex.hyper}}


def dropout_layers(name: str) -> list[int]:
    """The Sequential indices of example ``name``'s dropout layers."""
    return [i for i, (comp, _) in enumerate(get(name).setup["layers"]) if comp == "dropout"]


def _masks(ex: Example, rng: np.random.Generator, orders: list, batch_size: int) -> list[list[np.ndarray]]:
    """Dropout keep-masks, drawn after the orders: for each update, one boolean (B, width) mask per dropout
    layer, kept with probability 1 − rate (the width: the dense layer before it)."""
    layers = ex.setup["layers"]
    widths = [layers[i - 2][1]["units"] for i in dropout_layers(ex.name)]       # dense, relu, dropout
    updates = sum(len(range(0, len(order), batch_size)) for order in orders)
    return [[rng.random((batch_size, w)) >= ex.hyper["rate"] for w in widths] for _ in range(updates)]


def arguments(way: Way, data: dict) -> tuple[tuple, dict]:
    """The positional and keyword arguments ``way`` is called with on ``data`` (``inputs``): x, y and a copy of
    the initial weights (none for a closed-form solve), so that no way sees another's updates, and the
    example's keyword arguments; a way that draws its own masks gets ``seed`` in place of ``masks``."""
    params = () if "params" not in data else ({k: np.array(v, copy=True) for k, v in data["params"].items()},)
    kwargs = dict(data["kwargs"])
    if way.own_masks:
        del kwargs["masks"]
        kwargs["seed"] = data["seed"]
    return (data["x"], data["y"], *params), kwargs


def run(way: Way, data: dict) -> dict:
    """``way`` called on ``data`` (``inputs``) with ``arguments``: its result with NumPy arrays, "losses" float64
    (epochs,), "weights" {name: array}, and what else the way returns ("outputs", "loss"; "masks": each update's
    list of boolean keep-masks)."""
    args, kwargs = arguments(way, data)
    out = dict(way.function(*args, **kwargs))
    for key, value in out.items():
        if key == "losses":
            out[key] = np.asarray(value, dtype=np.float64)
        elif key == "weights":
            out[key] = {k: np.asarray(v) for k, v in value.items()}
        elif key == "masks":
            out[key] = [[np.asarray(m) for m in step] for step in value]
        else:
            out[key] = np.asarray(value)
    return out


def with_masks(data: dict, masks: list) -> dict:
    """``data`` with each update's dropout masks replaced by ``masks`` (those a way drew itself)."""
    return {**data, "kwargs": {**data["kwargs"], "masks": masks}}


# --- notebooks --------------------------------------------------------------------------------------------

def notebook(name: str):
    """Example ``name`` as an nbformat notebook built from the functions the harness calls
    (``conformance/notebook.py``)."""
    from conformance.notebook import build
    return build(get(name))

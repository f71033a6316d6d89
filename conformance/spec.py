"""Experiments as files: a TOML spec names a model, its training and the frameworks to run; ``load`` checks
it and turns it into model cases (``conformance/checkers/model.py``) that ``conformance/run_spec.py`` runs.

Why TOML: Python 3.11 reads it with the standard library (``tomllib``, no new dependency), it has comments
(every example says what it teaches), integers and floats stay distinct, and nested arrays hold weights.
The structure is published as a JSON Schema (``conformance/spec.schema.json``, for editors); it is checked
with ``jsonschema`` when that is installed (the optional extra ``spec``), after the hand-written checks
below, which need nothing and give one line naming the field, the value and what is allowed::

    name = "xor"                        # optional (default: the file's stem)
    [model]                             # kind = "sequential": layers; "functional": inputs, nodes, output
    kind = "sequential"
    layers = [{name = "dense", in_features = 2, units = 2}, {name = "tanh"}, ...]
    [loss]       name = "bce", reduction = "mean"          (every other key: the component's argument)
    [optimizer]  name = "sgd", learning_rate = 1.0
    [schedule]   name = "exponential_decay", per = "epoch", ...        (optional)
    [clipping]   name = "global_norm", max_norm = 1.0       (optional: value, per_tensor_norm, global_norm)
    [regularizers] kernels = {name = "l2", l2 = 1e-3}, "0.W" = {name = "l1", l1 = 1e-4}   (optional penalties)
    [data]       name = "planar", seed = 0, n = 40          (or name = "inline", x = [[...]], y = [[...]])
    [validation] the same form (optional; needed by early stopping)
    [training]   batch_size = 10 | "full", epochs = 5, shuffle = true, metrics = [{name = "binary_accuracy"}],
                 early_stopping = {patience = 2, restore_best_weights = true}
    [init]       seed = 0 (weights and every epoch's order), params = {"0.W" = [[...]], ...} (the reference's layout)
    [run]        frameworks = ["torch", "keras"], dtypes = ["float64", "float32"],
                 loops = {keras = ["fit", "gradient_tape"], torch = ["dataloader"]}

``[model] kind = "perceptron"`` or ``"normal_equations"`` is a classic algorithm, with no loss and no optimizer
(``conformance/spec_classic.py``). The example specs are catalog cases too (``conformance/cases/spec_examples.py``
reads their outline; the checkers read the rest when the case runs: ``conformance/spec_catalog.py``).

The data is drawn here, from ``data.seed`` (``reference/models/datasets.py``), and given to the cases as
arrays; the case's own seed (``init.seed``) draws the initial weights and the epochs' orders.
"""
from __future__ import annotations

import inspect
import json
import math
import os
import tomllib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

import reference
from conformance import frameworks
from conformance.case import DTYPES, FRAMEWORKS, Case
from reference import registry
from reference.models import datasets
from reference.models.functional import MERGES
from reference.models.sequential import family_of

SCHEMA_PATH = os.path.join(os.path.dirname(__file__), "spec.schema.json")
# The training idioms of each framework's model runner (``LOOPS`` of torch_impl/model_runner.py and
# tf_impl/model_runner.py, copied so that a spec is checked without importing the frameworks;
# tests/test_run_spec.py checks they agree). The first is the default.
LOOPS = {"torch": ("dataloader",), "keras": ("fit", "gradient_tape", "low_level")}
MAX_STEPS = 50               # the model checker's limit on updates (epochs × batches)
TOP_KEYS = ("name", "description", "model", "loss", "optimizer", "schedule", "clipping", "regularizers", "data",
            "validation", "training", "init", "run")
# The layers whose parameter "W" is a kernel (``[regularizers] kernels = {...}``): Keras's kernel_regularizer.
KERNEL_LAYERS = ("dense", "conv1d", "conv2d", "conv2d_transpose")
REQUIRED = ("model", "loss", "optimizer", "data", "training")
TABLE_KEYS = {"training": ("batch_size", "epochs", "shuffle", "metrics", "early_stopping"),
              "init": ("seed", "params"), "run": ("frameworks", "dtypes", "loops")}
# A data set's own arguments that are not the generator's: the seed it is drawn from.
DATA_KEYS = ("name", "seed")
NETWORK_KINDS = ("sequential", "functional")        # a loss and an optimizer train them (the model checker)
CLASSIC_KINDS = ("perceptron", "normal_equations")  # conformance/spec_classic.py (the classic checker)
MODEL_KINDS = NETWORK_KINDS + CLASSIC_KINDS


class SpecError(ValueError):
    """A malformed spec: one line naming the field, the value and what is allowed (exit status 2)."""


class SpecUnavailable(SpecError):
    """A well-formed spec that needs an optional dependency this install lacks (the data extra for
    ``digits``): ``rosetta run`` rejects it like a malformed one, the catalog's example case skips."""


@dataclass(frozen=True)
class SpecCase(Case):
    """A model case whose seed is the spec's ``init.seed`` (a catalog case's seed is its id's hash)."""
    spec_seed: int = 0

    @property
    def seed(self) -> int:
        return self.spec_seed


@dataclass
class Spec:
    name: str
    path: str
    description: str
    raw: dict
    component: str                     # "sequential" | "functional"
    model_kwargs: dict
    setup: dict                        # the model checker's setup (data as arrays, "inline")
    data_name: str
    seed: int
    params: dict[str, np.ndarray] | None
    frameworks: list[str]
    dtypes: list[str]
    loops: dict[str, list[str]]
    components: list[tuple[str, str, dict]] = field(default_factory=list)   # (family, name, kwargs) used

    def cases(self) -> list[tuple[str, str, SpecCase]]:
        """(framework, loop, case) for every framework and training style the spec names."""
        out = []
        for fw in self.frameworks:
            for loop in self.loops[fw]:
                setup = {**self.setup, "loop": {fw: loop},
                         **({"params": self.params} if self.params is not None else {})}
                out.append((fw, loop, SpecCase(self.component, "model", {}, kwargs=self.model_kwargs,
                                               desc=f"{self.name}/{loop}", note=self.description, setup=setup,
                                               spec_seed=self.seed)))
        return out


def _fail(field_: str, value: Any, allowed: str) -> SpecError:
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return SpecError(f"{field_}={text} is not allowed: {allowed}")


def load(path: str, installed: bool = True) -> Spec:
    """Read and check the spec at ``path``; raises ``SpecError`` (one line) when it is malformed.
    ``installed=False``: do not require the frameworks it names to be installed (the catalog's example
    cases: the harness skips a framework that is not)."""
    if not os.path.isfile(path):
        raise SpecError(f"SPEC={path!r} is not allowed: expected an existing TOML file (see examples/)")
    raw = read_toml(path)
    return parse(raw, os.path.splitext(os.path.basename(path))[0], path, installed=installed)


def read_toml(path: str) -> dict:
    """The spec file as TOML, nothing checked (``SpecError`` when it cannot be read or parsed)."""
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"SPEC={path!r} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise SpecError(f"SPEC={path!r} cannot be read: {exc.strerror}") from None


def parse(raw: dict, default_name: str = "spec", path: str = "", installed: bool = True) -> Spec:
    kind = raw["model"].get("kind", "sequential") if isinstance(raw.get("model"), dict) else "sequential"
    if kind in CLASSIC_KINDS:                    # the perceptron, the normal equations: no loss, no optimizer
        from conformance import spec_classic
        return spec_classic.parse(raw, kind, default_name, path, installed)
    unknown = [k for k in raw if k not in TOP_KEYS]
    if unknown:
        raise _fail(unknown[0], raw[unknown[0]], f"unknown field; expected {', '.join(TOP_KEYS)}")
    for key in REQUIRED:
        if key not in raw:
            raise SpecError(f"{key} is missing: a spec needs the tables {', '.join(REQUIRED)}")
    for key in ("model", "loss", "optimizer", "data", "training", "schedule", "clipping", "regularizers",
                "validation", "init", "run"):
        if key in raw and not isinstance(raw[key], dict):
            raise _fail(key, raw[key], "expected a table")
    for key, allowed in TABLE_KEYS.items():
        for k in raw.get(key, {}):
            if k not in allowed:
                raise _fail(f"{key}.{k}", raw[key][k], f"unknown field; expected {', '.join(allowed)}")
    name, description = _name_and_description(raw, default_name)

    run = raw.get("run", {})
    fws, dtypes, loops = _run_table(run, installed)
    init = raw.get("init", {})
    seed = _integer("init.seed", init.get("seed", 0), low=0)
    training = raw["training"]

    x, y = _data("data", raw["data"])
    validation = _data("validation", raw["validation"]) if "validation" in raw else None
    component, model_kwargs, model = _model(raw["model"], x)
    loss = _component("loss", "loss", raw["loss"])
    _dummy_loss(model, loss, x, y)
    optimizer = _component("optimizer", "optimizer", raw["optimizer"])
    schedule, schedule_per = None, "update"
    if "schedule" in raw:
        table = dict(raw["schedule"])
        schedule_per = table.pop("per", "update")
        if schedule_per not in ("update", "epoch"):
            raise _fail("schedule.per", schedule_per, "expected 'update' or 'epoch'")
        schedule = _component("schedule", "schedule", table)

    clipping = _component("clipping", "clipping", raw["clipping"]) if "clipping" in raw else None
    if clipping is not None and "low_level" in loops.get("keras", []):
        raise _fail("run.loops.keras", "low_level", "the low-level loop has no optimizer, and Keras clips in the "
                                                    "optimizer: clip with fit or gradient_tape")
    regularizers = _regularizers(raw.get("regularizers"), component, model_kwargs, model, x)
    batch_size = training.get("batch_size", "full")
    if batch_size != "full":
        batch_size = _integer("training.batch_size", batch_size, low=1)
        if batch_size > len(x):
            raise _fail("training.batch_size", batch_size, f"expected 'full' or 1 to {len(x)} (the data's size)")
    if "epochs" not in training:
        raise SpecError("training.epochs is missing: expected a whole number ≥ 1")
    epochs = _integer("training.epochs", training["epochs"], low=1)
    per_epoch = 1 if batch_size == "full" else math.ceil(len(x) / batch_size)
    if epochs * per_epoch > MAX_STEPS:
        raise _fail("training.epochs", epochs, f"{epochs} epochs × {per_epoch} batches = {epochs * per_epoch} "
                                               f"updates; at most {MAX_STEPS} (fewer epochs or a larger batch_size)")
    shuffle = training.get("shuffle", False)
    if not isinstance(shuffle, bool):
        raise _fail("training.shuffle", shuffle, "expected true or false")
    metrics_raw = training.get("metrics", [])
    if not isinstance(metrics_raw, list):
        raise _fail("training.metrics", metrics_raw, "expected a list of tables {name = ..., ...}")
    metrics = [_component(f"training.metrics[{i}]", "metric", m) for i, m in enumerate(metrics_raw)]
    early_stopping = training.get("early_stopping")
    if early_stopping is not None:
        if validation is None:
            raise SpecError("training.early_stopping needs a [validation] data set: the validation loss is what "
                            "it watches")
        if not isinstance(early_stopping, dict):
            raise _fail("training.early_stopping", early_stopping, "expected a table {patience = ..., ...}")
        _component("training.early_stopping", "regularizer", {"name": "early_stopping", **early_stopping})

    params = _explicit_params(init.get("params"), model, x) if "params" in init else None
    setup = {"data": ("inline", {"x": x, "y": y}), "loss": loss, "optimizer": optimizer,
             "batch_size": None if batch_size == "full" else batch_size, "epochs": epochs, "shuffle": shuffle,
             "metrics": metrics, "schedule": schedule, "schedule_per": schedule_per,
             "validation": None if validation is None else ("inline", {"x": validation[0], "y": validation[1]}),
             "early_stopping": None if early_stopping is None else dict(early_stopping),
             "clipping": clipping, "regularizers": regularizers}
    used = [(_layer_family(n), n, kw) for n, kw in _layer_list(component, model_kwargs)]
    used += [("loss", *loss), ("optimizer", *optimizer), *([("schedule", *schedule)] if schedule else []),
             *[("metric", *m) for m in metrics],
             *([("regularizer", "early_stopping", dict(early_stopping))] if early_stopping else []),
             *([("clipping", *clipping)] if clipping else []),
             *{repr(r): ("regularizer", *r) for r in regularizers.values()}.values()]     # each penalty once
    spec = Spec(name=name, path=path, description=description, raw=raw, component=component,
                model_kwargs=model_kwargs, setup=setup, data_name=raw["data"]["name"], seed=seed, params=params,
                frameworks=fws, dtypes=dtypes, loops=loops, components=used)
    _schema_check(raw)
    return spec


# --- the pieces -------------------------------------------------------------------------------------------

def _name_and_description(raw: dict, default_name: str) -> tuple[str, str]:
    name = raw.get("name", default_name)
    if not (isinstance(name, str) and name.strip() and "/" not in name):
        raise _fail("name", name, "expected a non-empty name without '/'")
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise _fail("description", description, "expected a string")
    return name, description


def _integer(field_: str, value: Any, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise _fail(field_, value, f"expected a whole number ≥ {low}")
    return value


def _string_list(field_: str, value: Any, allowed: tuple[str, ...]) -> list[str]:
    if not isinstance(value, list) or not value:
        raise _fail(field_, value, f"expected a non-empty list from {', '.join(allowed)}")
    for item in value:
        if item not in allowed:
            raise _fail(field_, item, f"expected one or more of {', '.join(allowed)}")
    return list(dict.fromkeys(value))


def _run_table(run: dict, installed: bool = True,
               allowed_loops: dict = LOOPS) -> tuple[list[str], list[str], dict[str, list[str]]]:
    loops_raw = run.get("loops", {})
    if not isinstance(loops_raw, dict):
        raise _fail("run.loops", loops_raw, "expected a table {framework = [loop, ...]}")
    fws = _string_list("run.frameworks", run.get("frameworks", list(loops_raw) or list(FRAMEWORKS)), FRAMEWORKS)
    dtypes = _string_list("run.dtypes", run.get("dtypes", list(DTYPES)), DTYPES)
    loops = {}
    for fw, value in loops_raw.items():
        if fw not in fws:
            raise _fail(f"run.loops.{fw}", value, f"expected loops of the frameworks run: {', '.join(fws)}")
        loops[fw] = _string_list(f"run.loops.{fw}", value if isinstance(value, list) else [value],
                                allowed_loops[fw])
    for fw in fws:
        loops.setdefault(fw, [allowed_loops[fw][0]])
        why = frameworks.missing(fw) if installed else None
        if why:
            raise _fail("run.frameworks", fw, f"{why}; name only installed frameworks")
    return fws, dtypes, loops


def _data(field_: str, table: dict) -> tuple[np.ndarray, np.ndarray]:
    """A data set drawn from its seed in float64 (each run casts it to its dtype), or inline arrays."""
    if "name" not in table:
        raise SpecError(f"{field_}.name is missing: expected one of {', '.join(sorted(datasets.DATASETS))}")
    name = table["name"]
    if name not in datasets.DATASETS:
        raise _fail(f"{field_}.name", name, f"no such data set; expected one of {', '.join(sorted(datasets.DATASETS))}")
    kwargs = {k: v for k, v in table.items() if k not in DATA_KEYS}
    allowed = [p for p in inspect.signature(datasets.DATASETS[name]).parameters if p not in ("rng", "dtype")]
    for k, v in kwargs.items():
        if k not in allowed:
            raise _fail(f"{field_}.{k}", v, f"unknown argument of data set {name!r}; expected "
                                            f"{', '.join(allowed + ['seed']) or 'seed'}")
    seed = _integer(f"{field_}.seed", table.get("seed", 0), low=0)
    defaults = {p.name: p.default for p in inspect.signature(datasets.DATASETS[name]).parameters.values()}
    for k, v in kwargs.items():                 # sizes are whole numbers ≥ 1, amounts of noise numbers ≥ 0
        if isinstance(defaults.get(k), int):
            _integer(f"{field_}.{k}", v, low=1)
        elif isinstance(defaults.get(k), float) and (isinstance(v, bool) or not isinstance(v, (int, float))
                                                     or (k == "noise" and v < 0)):
            raise _fail(f"{field_}.{k}", v, "expected a number" + (" ≥ 0" if k == "noise" else ""))
    if name == "inline":
        for k in ("x", "y"):
            if k not in kwargs:
                raise SpecError(f"{field_}.{k} is missing: inline data gives x = [[...]] and y = [[...]]")
            try:
                arr = np.asarray(kwargs[k], dtype=np.float64)
            except (ValueError, TypeError):
                raise _fail(f"{field_}.{k}", kwargs[k], "expected a rectangular array of numbers") from None
            if arr.ndim < 2 or arr.shape[0] < 1:
                raise _fail(f"{field_}.{k}", kwargs[k], "expected at least 2 dimensions (samples, features)")
    try:
        x, y = datasets.draw(name, np.random.default_rng(seed), np.float64, **kwargs)
    except ImportError as exc:
        raise SpecUnavailable(_fail(f"{field_}.name", name, str(exc)).args[0]) from None
    except (ValueError, TypeError) as exc:
        raise SpecError(f"{field_} ({name}): {exc}") from None
    if len(x) < 1:
        raise SpecError(f"{field_} ({name}): no samples drawn from {kwargs}: expected at least one")
    if len(x) != len(y):
        raise SpecError(f"{field_}.y has {len(y)} rows and {field_}.x {len(x)}: expected as many rows in each")
    return x, y


def _layer_family(name: str) -> str:
    return "merge" if name in MERGES else family_of(name)


def _layer_list(component: str, kwargs: dict) -> list[tuple[str, dict]]:
    if component == "functional":
        return [(comp, kw) for _, comp, kw, _ in kwargs["nodes"] if comp not in MERGES]
    return list(kwargs["layers"])


def _check_args(field_: str, cls: Any, kwargs: dict, label: str) -> None:
    """Unknown arguments of a registered component (its constructor's parameters), named with the allowed ones."""
    params = inspect.signature(cls.__init__).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return
    allowed = [p for p in params if p != "self"]
    for k, v in kwargs.items():
        if k not in allowed:
            raise _fail(f"{field_}.{k}", v, f"unknown argument of {label}; expected "
                                           f"{', '.join(allowed) if allowed else 'none'}")


def _component(field_: str, family: str, table: Any) -> tuple[str, dict]:
    """(name, kwargs) of a registered component, checked by building it in the reference."""
    if not isinstance(table, dict):
        raise _fail(field_, table, "expected a table {name = ..., arguments...}")
    if "name" not in table:
        raise SpecError(f"{field_}.name is missing: expected one of {', '.join(registry.names(family))}")
    name, kwargs = table["name"], {k: v for k, v in table.items() if k != "name"}
    if not isinstance(name, str) or not registry.REGISTRY.has(family, name):
        raise _fail(f"{field_}.name", name, f"no such {family}; expected one of {', '.join(registry.names(family))}")
    cls = reference.get(family, name)
    _check_args(field_, cls, kwargs, f"{family} {name!r}")
    try:
        cls(**kwargs)
    except (ValueError, TypeError, KeyError) as exc:
        raise SpecError(f"{field_} ({name}): {_one_line(exc)}") from None
    return name, kwargs


def _one_line(exc: BaseException) -> str:
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def _model(table: dict, x: np.ndarray) -> tuple[str, dict, Any]:
    kind = table.get("kind", "sequential")
    if kind not in NETWORK_KINDS:
        raise _fail("model.kind", kind, f"expected one of {', '.join(MODEL_KINDS)}")
    allowed = {"sequential": ("kind", "layers", "input_shape"), "functional": ("kind", "inputs", "nodes", "output")}[kind]
    for k in table:
        if k not in allowed:
            raise _fail(f"model.{k}", table[k], f"unknown field of a {kind} model; expected {', '.join(allowed)}")
    if kind == "sequential":
        return _sequential(table, x)
    return _functional(table, x)


def _layer(field_: str, entry: Any, name_key: str = "name", extra: tuple[str, ...] = ()) -> tuple[str, dict]:
    if not isinstance(entry, dict):
        raise _fail(field_, entry, "expected a table {name = ..., arguments...}")
    if name_key not in entry:
        raise SpecError(f"{field_}.{name_key} is missing: expected a layer or activation name")
    name = entry[name_key]
    kwargs = {k: v for k, v in entry.items() if k != name_key and k not in extra}
    try:
        family = family_of(name) if name not in MERGES else None
    except (KeyError, TypeError):
        valid = sorted({n for f in ("layer", "activation") for n in registry.names(f)})
        raise _fail(f"{field_}.{name_key}", name, f"no such layer; expected one of {', '.join(valid)}") from None
    if family is not None:
        cls = reference.get(family, name)
        _check_args(field_, cls, kwargs, f"{family} {name!r}")
        try:
            cls(**kwargs)
        except (ValueError, TypeError) as exc:
            raise SpecError(f"{field_} ({name}): {_one_line(exc)}") from None
    elif kwargs:
        raise _fail(f"{field_}.{next(iter(kwargs))}", next(iter(kwargs.values())), f"{name!r} takes no arguments")
    return name, kwargs


def _sequential(table: dict, x: np.ndarray) -> tuple[str, dict, Any]:
    layers_raw = table.get("layers")
    if not isinstance(layers_raw, list) or not layers_raw:
        raise _fail("model.layers", layers_raw, "expected a non-empty list of tables {name = ..., arguments...}")
    layers = [_layer(f"model.layers[{i}]", e) for i, e in enumerate(layers_raw)]
    kwargs: dict[str, Any] = {"layers": layers}
    if "input_shape" in table:
        shape = table["input_shape"]
        if not (isinstance(shape, list) and shape and all(isinstance(s, int) and s >= 1 for s in shape)):
            raise _fail("model.input_shape", shape, "expected a list of whole numbers ≥ 1 (one sample's shape)")
        if tuple(shape) != x.shape[1:]:
            raise _fail("model.input_shape", shape, f"expected the data's sample shape {list(x.shape[1:])}")
        kwargs["input_shape"] = tuple(shape)
    elif x.ndim != 2:
        raise _fail("model.input_shape", None, f"the data's samples have shape {list(x.shape[1:])}: give input_shape")
    model = reference.get("model", "sequential")(**kwargs)
    # One sample forward, layer by layer, so that a width mismatch names its layer.
    rng, a = np.random.default_rng(0), x[:1]
    for i, (m, (name, _)) in enumerate(zip(model.modules, layers)):
        try:
            p = m.init_params(rng, a.shape[-1], np.float64)
            if m.stateful:
                a = m.forward(a, p, m.init_state(a.shape[-1], np.float64), training=False)[0]
            else:
                a = m.forward(a, p, training=False)[0]
        except (ValueError, TypeError, IndexError) as exc:
            raise SpecError(f"model.layers[{i}] ({name}): {_one_line(exc)} (its input: one sample of shape "
                            f"{list(a.shape[1:])})") from None
    return "sequential", kwargs, model


def _functional(table: dict, x: np.ndarray) -> tuple[str, dict, Any]:
    for key in ("inputs", "nodes", "output"):
        if key not in table:
            raise SpecError(f"model.{key} is missing: a functional model gives inputs, nodes and output")
    nodes_raw = table["nodes"]
    if not isinstance(nodes_raw, list) or not nodes_raw:
        raise _fail("model.nodes", nodes_raw, "expected a non-empty list of tables {node, name, inputs, ...}")
    nodes = []
    for i, e in enumerate(nodes_raw):
        name, kwargs = _layer(f"model.nodes[{i}]", e, extra=("node", "inputs"))
        for key in ("node", "inputs"):
            if key not in e:
                raise SpecError(f"model.nodes[{i}].{key} is missing: a node gives node (its name), name (the "
                                "component), inputs (earlier nodes or 'input') and the component's arguments")
        nodes.append((e["node"], name, kwargs, list(e["inputs"]) if isinstance(e["inputs"], list) else e["inputs"]))
    kwargs = {"inputs": table["inputs"], "nodes": nodes, "output": table["output"]}
    if table["inputs"] != x.shape[-1]:
        raise _fail("model.inputs", table["inputs"], f"expected the data's {x.shape[-1]} features")
    try:
        model = reference.get("model", "functional")(**kwargs)
        params = model.init_params(np.random.default_rng(0), x.shape[-1], np.float64)
        model.apply(x[:1], params, model.init_state(x.shape[-1], np.float64), training=False)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise SpecError(f"model.nodes: {_one_line(exc)}") from None
    return "functional", kwargs, model


def _regularizers(table: Any, component: str, kwargs: dict, model, x: np.ndarray) -> dict[str, tuple[str, dict]]:
    """{parameter name: (penalty, kwargs)}: ``kernels`` puts one on every dense and convolution kernel ("<i>.W"),
    a parameter's own name on that one (it wins over ``kernels``)."""
    if table is None:
        return {}
    shapes = model.param_shapes(x.shape[-1])
    if component == "functional":
        layer_of = {node: comp for node, comp, _, _ in kwargs["nodes"]}
    else:
        layer_of = {str(i): name for i, (name, _) in enumerate(kwargs["layers"])}
    kernels = [k for k in shapes if k.endswith(".W") and layer_of.get(k.split(".", 1)[0]) in KERNEL_LAYERS]
    out: dict[str, tuple[str, dict]] = {}
    for key in sorted(table, key=lambda k: k != "kernels"):          # "kernels" first: a named parameter wins
        if key != "kernels" and key not in shapes:
            raise _fail(f"regularizers.{key}", table[key], f"no such parameter; expected kernels or one of "
                                                           f"{', '.join(shapes)}")
        name, reg_kwargs = _component(f"regularizers.{key}", "regularizer", table[key])
        if getattr(reference.get("regularizer", name), "role", None) != "penalty":
            raise _fail(f"regularizers.{key}.name", name, "expected a penalty added to the loss: l1, l2, l1_l2 "
                                                          "(early_stopping goes in [training])")
        for param in (kernels if key == "kernels" else [key]):
            out[param] = (name, reg_kwargs)
    if "kernels" in table and not kernels:
        raise _fail("regularizers.kernels", table["kernels"], f"the model has no {' or '.join(KERNEL_LAYERS)} kernel")
    return out


def _dummy_loss(model, loss: tuple[str, dict], x: np.ndarray, y: np.ndarray) -> None:
    """The model's output on one sample against y's first row, through the loss: shapes must agree."""
    params = model.init_params(np.random.default_rng(0), x.shape[-1], np.float64)
    out = model.apply(x[:1], params, model.init_state(x.shape[-1], np.float64), training=False)[0]
    loss_cls = reference.get("loss", loss[0])
    if loss_cls.target_kind != "float":
        raise _fail("loss.name", loss[0], "a loss on integer class labels; a model spec's y is an array of "
                                          "floats (one-hot for classes: categorical_crossentropy, softmax_crossentropy)")
    if out.shape != y[:1].shape:
        raise _fail("loss.name", loss[0], f"the model's output per sample has shape {list(out.shape[1:])} and the "
                                          f"data's y {list(y.shape[1:])}: the last layer's width must match y")
    try:
        loss_cls(**loss[1])(out, y[:1])
    except (ValueError, TypeError) as exc:
        raise SpecError(f"loss ({loss[0]}): {_one_line(exc)}") from None


def _explicit_params(raw: Any, model, x: np.ndarray) -> dict[str, np.ndarray]:
    """Every parameter given, in the reference's layout (Dense W: (in, out)), with the shapes the model has."""
    shapes = model.param_shapes(x.shape[-1])
    if not isinstance(raw, dict):
        raise _fail("init.params", raw, f"expected a table {{name = array}} for {', '.join(shapes)}")
    for k, v in raw.items():
        if k not in shapes:
            raise _fail(f"init.params.{k!r}", v, f"no such parameter; the model's are {', '.join(shapes)}")
    missing = [k for k in shapes if k not in raw]
    if missing:
        raise SpecError(f"init.params.{missing[0]!r} is missing: explicit weights give every parameter "
                        f"({', '.join(f'{k} {list(s)}' for k, s in shapes.items())})")
    out = {}
    for k, shape in shapes.items():
        try:
            arr = np.asarray(raw[k], dtype=np.float64)
        except (ValueError, TypeError):
            raise _fail(f"init.params.{k!r}", raw[k], "expected a rectangular array of numbers") from None
        if arr.shape != tuple(shape):
            raise _fail(f"init.params.{k!r}", raw[k], f"shape {list(arr.shape)}; expected {list(shape)} "
                                                      "(the reference's layout: Dense W is (in, out))")
        out[k] = arr
    return out


def schema() -> dict:
    with open(SCHEMA_PATH) as fh:
        return json.load(fh)


def _schema_check(raw: dict) -> None:
    """The published JSON Schema, when ``jsonschema`` is installed: a backstop for what the checks above
    do not cover (they run first, so their messages are the ones a user sees)."""
    try:
        import jsonschema
    except ImportError:
        return
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema()).iter_errors(raw))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "(the spec)"
        raise SpecError(f"{where}: {error.message.splitlines()[0][:200]} (conformance/spec.schema.json)")

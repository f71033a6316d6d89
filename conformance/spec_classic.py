"""Specs of the classic algorithms (``[model] kind = "perceptron"`` or ``"normal_equations"``): not a network
trained by a loss and an optimizer, so their spec has neither. They run through the classic checker
(``conformance/checkers/classic.py``), as the catalog's ``perceptron[...]`` and ``normal_equations[...]`` cases::

    [model]      kind = "perceptron", learning_rate = 1.0, init = "zeros" | "normal"
    [data]       labels ±1, one per sample (signed_blobs, or inline y = [[1.0], [-1.0], ...])
    [training]   epochs = 4, shuffle = true                  (online: one update per sample)

    [model]      kind = "normal_equations", l2 = 0.0, fit_intercept = true
    [data]       any regression data (linear, sine, inline)  (no [training]: solved in closed form)

``[init]`` gives only ``seed`` (the perceptron's random start and its epoch orders); ``[run]`` frameworks and
dtypes as for a network, and each framework's one idiom as its loop (``LOOPS``).
"""
from __future__ import annotations

import numpy as np

import reference
from conformance import spec as s
from conformance.checkers.classic import INITS, MAX_UPDATES

# Per kind: the [model] keys that are the component's arguments, those that are the run's setup, the [training]
# keys, the tables required, why the network tables do not apply, and each framework's one idiom (the loop
# label a run reports: torch updates tensors in place under torch.no_grad() and solves with torch.linalg.solve;
# TensorFlow assigns to tf.Variable and solves with tf.linalg.solve).
KINDS = {
    "perceptron": {"kwargs": ("learning_rate",), "setup": ("init",), "training": ("epochs", "shuffle"),
                   "required": ("model", "data", "training"),
                   "why": "its learning rule is the update (model.learning_rate), not a loss and an optimizer",
                   "loops": {"torch": ("no_grad",), "keras": ("assign_add",)}},
    "normal_equations": {"kwargs": ("l2", "fit_intercept"), "setup": (), "training": (),
                         "required": ("model", "data"),
                         "why": "it is solved in closed form, (XᵀX + λI)·w = XᵀY, not trained",
                         "loops": {"torch": ("linalg_solve",), "keras": ("linalg_solve",)}},
}
ALLOWED_TOP = ("name", "description", "model", "data", "training", "init", "run")


def model_kwargs(kind: str, table: dict) -> dict:
    return {k: v for k, v in table.items() if k in KINDS[kind]["kwargs"]}


def parse(raw: dict, kind: str, default_name: str, path: str, installed: bool) -> s.Spec:
    rules = KINDS[kind]
    for key, value in raw.items():
        if key not in ALLOWED_TOP or (key == "training" and not rules["training"]):
            raise s._fail(key, value, f"a {kind} spec has no [{key}]: {rules['why']}")
    for key in rules["required"]:
        if key not in raw:
            raise s.SpecError(f"{key} is missing: a {kind} spec needs the tables {', '.join(rules['required'])}")
    for key in ("data", "training", "init", "run"):
        if key in raw and not isinstance(raw[key], dict):
            raise s._fail(key, raw[key], "expected a table")
    table = raw["model"]
    allowed = ("kind", *rules["kwargs"], *rules["setup"])
    for k, v in table.items():
        if k not in allowed:
            raise s._fail(f"model.{k}", v, f"unknown field of a {kind} model; expected {', '.join(allowed)}")
    for k, v in raw.get("init", {}).items():
        if k != "seed":
            raise s._fail(f"init.{k}", v, f"unknown field; a {kind} spec's [init] gives only seed")
    for k, v in raw.get("training", {}).items():
        if k not in rules["training"]:
            raise s._fail(f"training.{k}", v, f"unknown field of a {kind} spec; expected "
                                              f"{', '.join(rules['training'])}")
    name, description = s._name_and_description(raw, default_name)
    fws, dtypes, loops = s._run_table(raw.get("run", {}), installed, rules["loops"])
    seed = s._integer("init.seed", raw.get("init", {}).get("seed", 0), low=0)
    x, y = s._data("data", raw["data"])
    _, kwargs = s._component("model", "model", {"name": kind, **model_kwargs(kind, table)})
    ref = reference.get("model", kind)(**kwargs)
    setup: dict = {"data": ("inline", {"x": x, "y": y})}
    if kind == "perceptron":
        setup.update(_perceptron(table, raw["training"], ref, x, y))
    else:
        try:
            ref.fit(x, y)
        except (ValueError, np.linalg.LinAlgError) as exc:
            raise s.SpecError(f"model (normal_equations) on data ({raw['data']['name']}): {s._one_line(exc)}") from None
    spec = s.Spec(name=name, path=path, description=description, raw=raw, component=kind, model_kwargs=kwargs,
                  setup=setup, data_name=raw["data"]["name"], seed=seed, params=None, frameworks=fws, dtypes=dtypes,
                  loops=loops, components=[("model", kind, kwargs)])
    s._schema_check(raw)
    return spec


def _perceptron(table: dict, training: dict, ref, x: np.ndarray, y: np.ndarray) -> dict:
    init = table.get("init", "zeros")
    if init not in INITS:
        raise s._fail("model.init", init, f"expected one of {', '.join(INITS)} (w and b at 0, or w ~ N(0, 1/F), "
                                          "b ~ N(0, 1) from init.seed)")
    if y.ndim != 2 or y.shape[1] != 1 or not np.all(np.isin(y, (-1.0, 1.0))):
        raise s._fail("data.y", y.ravel()[:6].tolist(), f"labels of shape {list(y.shape)}: the perceptron takes one "
                                                        "label −1 or +1 per sample, (N, 1) (e.g. data signed_blobs)")
    if x.ndim != 2:
        raise s._fail("data.x", list(x.shape), "expected (samples, features)")
    if "epochs" not in training:
        raise s.SpecError("training.epochs is missing: expected a whole number ≥ 1")
    epochs = s._integer("training.epochs", training["epochs"], low=1)
    if epochs * len(x) > MAX_UPDATES:
        raise s._fail("training.epochs", epochs, f"{epochs} epochs × {len(x)} samples = {epochs * len(x)} updates; "
                                                 f"at most {MAX_UPDATES} (fewer epochs or samples)")
    shuffle = training.get("shuffle", False)
    if not isinstance(shuffle, bool):
        raise s._fail("training.shuffle", shuffle, "expected true or false")
    try:
        ref.fit(x, y[:, 0], [np.arange(len(x))])
    except ValueError as exc:
        raise s.SpecError(f"model (perceptron): {s._one_line(exc)}") from None
    return {"epochs": epochs, "shuffle": shuffle, "init": init}

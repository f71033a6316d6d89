"""Checker of the "model" family: a whole network trained by each framework's own loop.

The case gives the model as data (``Case.kwargs["layers"]``: (name, kwargs) pairs) and its training in
``case.setup`` (defaults in ``DEFAULTS``):
  data        (name, kwargs) of ``reference/models/datasets.py``, drawn from the case's generator
  loss        (name, kwargs) of a registered loss
  optimizer   (name, kwargs) of a registered optimizer (mapped by its divergence records for the
              framework, and its fixed formulations resolved, as in ``checkers/trajectory.py``)
  batch_size  None: full batch (N); 1: online; k: mini-batches of k
  epochs      passes over the data; one update per mini-batch
  shuffle     True: a fresh permutation per epoch, drawn by the reference's generator and fed to all three
  metrics     [(name, kwargs)] of the "metric" family, evaluated after training with the loss
  schedule    (name, kwargs) of a registered schedule, or None; ``schedule_per``: "update" (each update
              advances it) or "epoch" (once per epoch: torch's ``scheduler.step()`` after the epoch's
              batches; Keras's schedule told the batches per epoch; the reference's ``PerEpoch``)
  validation  (name, kwargs) of a data set drawn after everything else: the validation loss after each
              epoch (evaluation mode, one batch), checked as ``val_loss``
  clipping    (name, kwargs) of a registered clipping (value, per_tensor_norm, global_norm; mapped by its records,
              its fixed formulations resolved): the gradients clipped before each update (torch:
              ``clip_grad_norm_`` & co. after ``backward()``; Keras: the optimizer's clipnorm / global_clipnorm /
              clipvalue)
  regularizers  {parameter name: (name, kwargs)} of the penalties l1, l2, l1_l2 (mapped by their records): added
              to each batch's loss, so ``loss`` is the objective (torch: the terms added to the loss; Keras: the
              kernel variable's regularizer, as ``Dense(kernel_regularizer=...)`` sets it, in ``model.losses``);
              ``evaluate:loss`` includes them (Keras's ``evaluate`` does; torch's evaluation loop adds them)
  early_stopping  kwargs of ``reference/regularizers/early_stopping.py`` (mapped by its records): stop when
              the validation loss stops improving, restore the best weights at the end (torch: the composed
              loop; Keras: ``keras.callbacks.EarlyStopping``); checked as ``epochs_run`` and ``final_param:*``
  params      explicit initial weights {"<i>.<name>": array} in the reference's layout (else drawn)
  loop        {framework: idiom}: the training loop each framework's runner writes (``LOOPS`` of
              ``torch_impl/model_runner.py`` and ``tf_impl/model_runner.py``); absent: the framework's default
              (torch's DataLoader loop, Keras's ``fit``)

One generator (the case's seed) draws, in order: the data, the initial weights (each layer's
``init_params``), the sample order of every epoch. Checks, per update (axis 0), each with the table's
atol scaled to the size of the quantity (``trajectory.atol_scale``): ``loss`` (the batch's loss before
the update), ``param:<i>.<name>`` (each parameter), ``state:<slot>`` and ``state:step`` (the optimizer's
state), ``layer_state:<i>.<name>`` (a stateful layer's state: batch normalization's running statistics),
then ``eval_forward`` (the trained model on all of x, evaluation mode, at the framework's trained
parameters: the forward pass alone: torch ``model.eval()``, Keras ``predict``), ``evaluate:loss`` and
``evaluate:<metric>`` (Keras ``evaluate``, torch's evaluation loop, ``reference.models.training.evaluate``,
at those parameters) and ``formulation``.
Random layers (dropout, noise) use the framework's own draws: its runner reads each update's draw back
(``noise``, {layer index: noise} per update), each is validated by its layer (``check_noise``), and the
reference trains with them, so the comparison is exact, not statistical.
When a per-update check is over tolerance, one more check, ``localization``, names the first update,
layer and quantity where the framework departs (``conformance/localize.py``).
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

import reference
from conformance import divergences as divs
from conformance import localize
from conformance import spec_catalog
from conformance.check import Check
from conformance.checkers import trajectory
from reference.models import datasets, training
from reference.models.functional import MERGES, node_specs
from reference.models.sequential import family_of, layer_specs

DEFAULTS = {"batch_size": None, "epochs": 1, "shuffle": False, "loop": {}, "metrics": [], "schedule": None,
            "schedule_per": "update", "validation": None, "early_stopping": None, "clipping": None,
            "regularizers": {}}
SCHEDULE_PER = ("update", "epoch")
MAX_STEPS = 50
# Native kwargs of divergence records that are runner settings, not builder arguments: popped from the
# framework kwargs into the spec. ``loss_from``: "batch" (each batch's own loss, the mapped run) or
# "fit_logs" (Keras: fit's logs["loss"], the epoch's running mean); ``loss_variant``: a named variant of the
# loss's builder (``Impl.variants``), e.g. Keras's ``as_written`` BinaryCrossentropy.
# ``evaluate_penalties``: False is torch's evaluation loop as a tutorial writes it, the criterion alone (the mapped
# run adds the penalties, as Keras's evaluate does).
RUN_SWITCHES = {"loss_from": ("batch", "fit_logs"), "loss_variant": None,   # None: any (checked by the loss's build)
                "evaluate_penalties": (True, False)}
REQUIRED = ("data", "loss", "optimizer")


def _setup(case) -> dict:
    missing = [k for k in REQUIRED if k not in case.setup]
    if missing:
        raise ValueError(f"case {case.id}: setup lacks {', '.join(missing)}: a model case gives "
                         "data=(name, kwargs), loss=(name, kwargs) and optimizer=(name, kwargs)")
    return {**DEFAULTS, **case.setup}


def _mapped(family: str, name: str, kwargs: dict, framework: str) -> dict:
    """A component's reference kwargs, mapped by the divergence records of ``framework``."""
    return divs.mapped_reference_kwargs(kwargs, divs.for_component(family, name, framework))


def explicit_params(case, given: dict, drawn: dict, dtype: str) -> dict:
    """``setup["params"]``: every parameter of the model, each of the drawn one's shape."""
    if not isinstance(given, dict) or set(given) != set(drawn):
        names = sorted(given) if isinstance(given, dict) else given
        raise ValueError(f"case {case.id}: params={names!r} is not allowed: expected exactly the model's parameters "
                         f"{sorted(drawn)}")
    out = {}
    for name, value in given.items():
        array = np.asarray(value, dtype=np.float64)
        if array.shape != drawn[name].shape:
            raise ValueError(f"case {case.id}: params[{name!r}] has shape {array.shape}: expected "
                             f"{drawn[name].shape} (the reference's layout)")
        out[name] = array.astype(dtype)
    return out


def inputs(case, dtype: str, model) -> dict:
    """The data, initial weights and epoch orders of ``case``, from its one generator."""
    setup = _setup(case)
    rng = np.random.default_rng(case.seed)
    name, kwargs = setup["data"]
    x, y = datasets.draw(name, rng, dtype, **kwargs)
    params = {k: v.astype(dtype) for k, v in model.init_params(rng, x.shape[-1], np.float64).items()}
    if setup.get("params") is not None:                  # explicit initial weights, in the reference's layout
        params = explicit_params(case, setup["params"], params, dtype)
    batch_size = len(x) if setup["batch_size"] is None else int(setup["batch_size"])
    orders = training.epoch_orders(rng, len(x), int(setup["epochs"]), bool(setup["shuffle"]))
    validation = None if setup["validation"] is None else datasets.draw(setup["validation"][0], rng, dtype,
                                                                        **setup["validation"][1])
    steps = len(orders) * len(training.batches(orders[0], batch_size))
    if steps > MAX_STEPS:
        raise ValueError(f"case {case.id}: {steps} updates is not allowed: at most {MAX_STEPS} (epochs × batches)")
    return {"x": x, "y": y, "params": params, "orders": orders, "batch_size": batch_size,
            **({"validation": validation} if validation is not None else {})}


def _floats(values) -> list:
    return [float(v) for v in np.asarray(values, dtype=np.float64).ravel()]


def map_layers(component: str, kwargs: dict, fn) -> dict:
    """A model's kwargs with each layer's kwargs replaced by ``fn(layer component, kwargs)`` (a Sequential's
    ``layers``, a functional model's ``nodes``; merges have none)."""
    if component == "functional":
        return {**kwargs, "nodes": [(name, comp, kw if comp in MERGES else fn(comp, kw), ins)
                                    for name, comp, kw, ins in node_specs(kwargs["nodes"], kwargs["output"])]}
    return {**kwargs, "layers": [(n, fn(n, kw)) for n, kw in layer_specs(kwargs["layers"])]}


def _invalid_noise(model, noises: list[dict]) -> str | None:
    """Why the framework's read-back draws are not valid draws of the model's random layers, or None."""
    modules = model.modules.items() if isinstance(model.modules, dict) else enumerate(model.modules)
    want = {i for i, m in modules if m.random}
    for step, noise in enumerate(noises, 1):
        if set(noise) != want:
            return f"update {step}: draws read back for layers {sorted(noise)}, the random layers are {sorted(want)}"
        try:
            model.check_noise(noise)
        except ValueError as exc:
            return f"update {step}: {exc}"
    return None


def _penalties(case, setup: dict, params: dict, framework: str) -> dict:
    """{parameter name: reference penalty} of ``setup["regularizers"]``, each mapped by its records."""
    out = {}
    for name, (reg, kwargs) in setup["regularizers"].items():
        if name not in params:
            raise ValueError(f"case {case.id}: regularizers[{name!r}] is not allowed: no such parameter; the model's "
                             f"are {', '.join(sorted(params))}")
        cls = reference.get("regularizer", reg)
        if getattr(cls, "role", None) != "penalty":
            raise ValueError(f"case {case.id}: regularizers[{name!r}]={reg!r} is not allowed: expected a penalty "
                             "(l1, l2, l1_l2)")
        out[name] = cls(**_mapped("regularizer", reg, kwargs, framework))
    return out


def framework_spec(case, setup: dict, fw_model: dict, comps: dict, switches: dict) -> dict:
    """What the framework's runner is asked to train (``torch_impl/model_runner.py`` documents the spec)."""
    loss_name, loss_kwargs = setup["loss"]
    spec = {"model": (case.component, fw_model), "loss": (loss_name, dict(loss_kwargs)),
            "optimizer": comps["optimizer"][:2], "metrics": [(n, dict(kw)) for n, kw in setup["metrics"]],
            **({"layers": fw_model["layers"]} if "layers" in fw_model else {})}
    if comps["clipping"] is not None:
        spec["clipping"] = comps["clipping"][:2]
    if setup["regularizers"]:
        spec["regularizers"] = {k: (n, dict(kw)) for k, (n, kw) in setup["regularizers"].items()}
    if setup["schedule_per"] not in SCHEDULE_PER:
        raise ValueError(f"schedule_per={setup['schedule_per']!r} is not allowed: expected one of "
                         f"{', '.join(SCHEDULE_PER)}")
    if comps["schedule"] is not None:
        spec["schedule"], spec["schedule_per"] = comps["schedule"][:2], setup["schedule_per"]
    if setup["early_stopping"] is not None:
        if setup["validation"] is None:
            raise ValueError(f"case {case.id}: early_stopping needs setup validation=(data set, kwargs)")
        spec["early_stopping"] = dict(setup["early_stopping"])
    if "loss_variant" in switches:          # a divergence's native run: the loss as the framework's user builds it
        spec["loss"] = (loss_name, {**spec["loss"][1], "variant": switches.pop("loss_variant")})
    return spec


def per_update_checks(got: dict, want: dict, dtype: str, detail: dict, framework: str) -> list[Check]:
    """Loss, learning rate, parameters, optimizer state and layer state, per update (axis 0)."""
    checks = [trajectory.step_check("loss", got["loss"], want["loss"], dtype, detail, scale_by=want["loss"])]
    if detail.get("schedule"):
        checks.append(trajectory.step_check("lr", got["lr"], want["lr"], dtype, detail))
    for name in sorted(want["params"]):
        w = want["params"][name]
        checks.append(trajectory.step_check(f"param:{name}", got["params"].get(name), w, dtype, detail, scale_by=w))
    for slot, w in want["state"].items():
        if slot not in got["state"]:
            checks.append(Check(f"state:{slot}", status="fail",
                                note=f"{framework} exposes no state for the reference's {slot!r}"))
            continue
        g, w = trajectory.state_pair(got["state"][slot], w)
        checks.append(trajectory.step_check(f"state:{slot}", g, w, dtype, detail, scale_by=w))
    for name, w in want["layer_state"].items():
        g = got["layer_state"].get(name)
        checks.append(trajectory.step_check(f"layer_state:{name}", None if g is None else g.astype(w.dtype), w,
                                            dtype, detail, scale_by=w))
    if got.get("step") is not None:
        checks.append(trajectory.step_check("state:step", np.asarray(got["step"], dtype=np.float64),
                                            np.asarray(want["step"], dtype=np.float64), dtype, detail))
    return checks


def after_training_checks(model, loss_fn, setup: dict, data: dict, got: dict, want: dict, dtype: str,
                          detail: dict, stopper, framework: str, penalties: dict | None = None) -> Iterator[Check]:
    """Validation loss, early stopping, the trained model's predictions and evaluation."""
    if "validation" in data:
        yield trajectory.step_check("val_loss", got["val_loss"], want["val_loss"], dtype,
                                    {**detail, "per": "epoch", "val_loss_curve": _floats(got["val_loss"]),
                                     "reference_val_loss_curve": _floats(want["val_loss"])}, scale_by=want["val_loss"])
    if stopper is not None:
        ran, want_ran = len(got["val_loss"]), len(want["val_loss"])
        yield Check("epochs_run", status="pass" if ran == want_ran else "fail",
                    note=f"{ran} epoch(s) run, the reference {want_ran} (early stopping, patience "
                         f"{stopper.patience}, of {len(data['orders'])})", detail={"epochs_run": ran, "want": want_ran})
        for name, w in want["final_params"].items():
            yield Check(f"final_param:{name}", got["final_params"].get(name), w,
                        note="the parameters training leaves (restored to the best epoch's with restore_best_weights)")
    # The forward pass alone, at the framework's own trained parameters: how far those drifted from the
    # reference's is what the param:* checks judge; carried through a forward pass it would be judged
    # twice, and with |x|·|ΔW| beyond the table wherever the outputs cancel (float32 logits ~50).
    same = lambda key: got[key].keys() == want[key].keys()  # noqa: E731
    trained = got["final_params"] if same("final_params") else want["final_params"]
    final_state = got["final_layer_state"] if same("final_layer_state") else want["final_layer_state"]
    yield Check("eval_forward", got["predictions"], model.apply(data["x"], trained, final_state)[0],
                note="the trained model on all of x, evaluation mode, at the framework's trained parameters")
    metrics = {name: reference.get("metric", name)(**_mapped("metric", name, kwargs, framework))
               for name, kwargs in setup["metrics"]}
    evaluation = training.evaluate(model, loss_fn, metrics, trained, final_state, data["x"], data["y"],
                                   data["batch_size"], penalties=penalties)
    for name, want_value in evaluation.items():
        yield Check(f"evaluate:{name}", np.asarray(got["evaluation"][name], dtype=dtype), want_value,
                    detail={"value": float(got["evaluation"][name]), "reference_value": float(want_value)},
                    note=f"{'the loss' if name == 'loss' else name} over all of x after training, evaluation mode, "
                         "batch by batch (Keras evaluate; torch's model.eval() loop), at the framework's trained "
                         "parameters")


def check(case, fw, ctx, fw_kwargs: dict, ref_kwargs: dict) -> Iterator[Check]:
    case = spec_catalog.example_case(case, fw.name, ctx.dtype)
    if isinstance(case, Check):
        yield case
        return
    dtype, setup = ctx.dtype, _setup(case)
    fw_kwargs = dict(fw_kwargs)
    switches = {k: fw_kwargs.pop(k) for k in RUN_SWITCHES if k in fw_kwargs}
    for k, v in switches.items():
        if RUN_SWITCHES[k] is not None and v not in RUN_SWITCHES[k]:
            raise ValueError(f"{k}={v!r} is not allowed: expected one of {', '.join(RUN_SWITCHES[k])}")
    fw_model = map_layers(case.component, fw_kwargs, lambda n, kw: kw)
    model = reference.get("model", case.component)(
        **map_layers(case.component, ref_kwargs, lambda n, kw: _mapped(family_of(n), n, kw, fw.name)))
    data = inputs(case, dtype, model)
    comps = trajectory.components(case, fw.name, {}, {})               # the optimizer from setup, mapped
    penalties = _penalties(case, setup, data["params"], fw.name)          # checked before anything trains
    spec = framework_spec(case, setup, fw_model, comps, switches)
    if fw.name in setup["loop"]:
        spec["loop"] = setup["loop"][fw.name]
    got = fw.adapter.train_model(ctx, {**spec, **data, **switches})

    # The reference's run: the same data, weights, order and (random layers) the framework's draws.
    comps = trajectory.resolve_fixed(comps, got["fixed"])
    per_epoch = len(training.batches(data["orders"][0], data["batch_size"])) \
        if comps["schedule"] is not None and setup["schedule_per"] == "epoch" else None
    objs = trajectory.reference_objects(comps, per_epoch)
    loss_name, loss_kwargs = setup["loss"]
    loss_fn = reference.get("loss", loss_name)(**_mapped("loss", loss_name, loss_kwargs, fw.name))
    noise_error = _invalid_noise(model, got["noise"]) if model.random else None
    if noise_error is not None:
        yield Check("noise", status="fail", note=noise_error)
        return
    stopper = None if setup["early_stopping"] is None else reference.get("regularizer", "early_stopping")(
        **divs.as_computed_by(fw, "regularizer", "early_stopping", setup["early_stopping"]))
    want = training.fit(model, loss_fn, objs["optimizer"], data["params"], data["x"], data["y"], data["orders"],
                        data["batch_size"], noises=got["noise"] if model.random else None,
                        validation=data.get("validation"), early_stopping=stopper, penalties=penalties,
                        clip=objs["clipping"])

    detail = {"steps": len(want["loss"]), "batch_size": data["batch_size"], "epochs": len(data["orders"]),
              "shuffle": bool(setup["shuffle"]), "data": setup["data"][0], "loop": spec.get("loop", "default"),
              **({"schedule": comps["schedule"][0]} if comps["schedule"] is not None else {})}
    yield trajectory.formulation_check(got["fixed"], objs)
    per_update = per_update_checks(got, want, dtype, detail, fw.name)
    loss_check = per_update[0]                   # the loss curves themselves, for reports and plots
    loss_check.detail = {**(loss_check.detail or {}), "loss_curve": _floats(got["loss"]),
                         "reference_loss_curve": _floats(want["loss"])}
    yield from per_update
    yield from after_training_checks(model, loss_fn, setup, data, got, want, dtype, detail, stopper, fw.name,
                                     penalties)
    try:
        located = localize.localize(case, fw, ctx, per_update, spec, model, loss_fn, want, data)
    except Exception as exc:  # noqa: BLE001 - the checks above stand; say why there is no localization
        located = Check("localization", status="error", note=f"localization failed: {type(exc).__name__}: {exc}")
    if located is not None:
        yield located


CHECKERS = {"model": check}

"""Run an optimizer trajectory in Keras and record it as the reference does
(``reference/optimizers/trajectory.py``: params, state, step and lr per update).

The spec is the one of ``torch_impl/optim_runner.py``. Every update goes through the Keras
optimizer's ``apply_gradients`` (clipping and weight decay included), inside one
``tf.function`` per trajectory, as ``model.fit`` runs it. ``spec["compiled"] = False`` runs
eagerly: every optimizer agrees with the compiled run to 4.4e-16, four times slower; schedules can
differ by more (``reference/schedules/cosine_decay_restarts.py``).
Open loop: the gradients of the sequence. Closed loop: a ``GradientTape`` of the problem's loss
(``LOSSES``), both through the one GradientTape loop (``tf_impl/training.py``); the MLP trains through
``model.fit`` (one batch per update, no shuffle). The lr recorded
for an update is evaluated in a graph, like the update. The record adds ``fixed`` (the builders'
fixed formulations) and ``notes`` (the schedule builder's ``note``, e.g. a composed per-epoch form).
"""
from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from tf_impl.layout import from_keras, to_keras
from tf_impl.registry import REGISTRY
from tf_impl.training import train
from tf_impl.runner import set_dtype


def _built(kind: str, entry):
    return None if entry is None else REGISTRY.get(kind, entry[0]).build(**entry[1]).module


def _bowl(d: dict, v: dict):
    return lambda: sum(0.5 * keras.ops.sum(d[f"a:{k}"] * keras.ops.square(v[k] - d[f"c:{k}"])) for k in sorted(v))


def _rosenbrock(d: dict, v: dict):
    x, y = v["x"], v["y"]
    return lambda: keras.ops.sum(keras.ops.square(1 - x) + 100 * keras.ops.square(y - keras.ops.square(x)))


# The closed-loop problems of reference/optimizers/problems.py, keyed alike: name -> (data, variables)
# -> loss closure (unscaled), differentiated with a GradientTape; "mlp" is a model trained by fit.
LOSSES = {"bowl": _bowl, "rosenbrock": _rosenbrock}
FIT = ("mlp",)


def _loss(problem: dict, v: dict):
    """The problem's loss times its scale (the one place the scale is applied)."""
    d = {k: tf.constant(a) for k, a in problem["data"].items()}
    loss = LOSSES[problem["name"]](d, v)
    scale = problem.get("scale", 1.0)
    return loss if scale == 1.0 else (lambda: scale * loss())


def _mlp(params: dict):
    """keras.Sequential(Dense, ReLU, Dense) from the registry's builders, weights assigned."""
    (n_in, n_hidden), n_out = params["W1"].shape, params["W2"].shape[1]
    d1 = REGISTRY.get("layer", "dense").build(in_features=n_in, units=n_hidden)
    d2 = REGISTRY.get("layer", "dense").build(in_features=n_hidden, units=n_out)
    model = keras.Sequential([keras.Input((n_in,)), d1.module, REGISTRY.get("activation", "relu").build().module,
                              d2.module])
    variables = {}
    for name, (layer, slot) in {"W1": (d1.module, d1.params["W"]), "b1": (d1.module, d1.params["b"]),
                                "W2": (d2.module, d2.params["W"]), "b2": (d2.module, d2.params["b"])}.items():
        var = getattr(layer, slot.attr)
        var.assign(to_keras(slot.layout, params[name]))
        variables[name] = (var, slot.layout)
    return model, variables


class _Recorder:
    def __init__(self, opt, opt_spec, variables: dict):
        self.opt, self.spec, self.variables = opt, opt_spec, variables
        self.names = sorted(variables)
        self.rec = {"params": {k: [] for k in self.names}, "state": {}, "step": [], "lr": []}

    def lr(self, value) -> None:
        self.rec["lr"].append(float(np.asarray(value)))

    def after_update(self) -> None:
        opt, rec = self.opt, self.rec
        for k in self.names:
            var, layout = self.variables[k]
            rec["params"][k].append(from_keras(layout, var.numpy()))
            for slot, attr in self.spec.state.items():
                slots = getattr(opt, attr, None)
                if slots:                       # Keras leaves unused slots as empty lists
                    value = slots[opt._get_variable_index(var)].numpy()
                    rec["state"].setdefault(slot, {n: [] for n in self.names})[k].append(from_keras(layout, value))
        for slot, attr in self.spec.scalars.items():
            rec["state"].setdefault(slot, []).append(float(getattr(opt, attr).numpy()))
        rec["step"].append(int(opt.iterations.numpy()))

    def result(self, fixed: dict, notes: list[str]) -> dict:
        r = self.rec
        return {"params": {k: np.stack(v) for k, v in r["params"].items()},
                "state": {k: (np.stack(v) if not isinstance(v, dict) else {n: np.stack(a) for n, a in v.items()})
                          for k, v in r["state"].items()},
                "step": np.array(r["step"]), "lr": np.array(r["lr"], dtype=np.float64), "fixed": fixed,
                "notes": notes}


def _schedule(spec: dict):
    """Keras schedules count updates: a case counting epochs of k updates hands k to the builder,
    which expresses the schedule in updates (``tf_impl/schedules/base.py``)."""
    entry, k = spec.get("schedule"), spec.get("steps_per_epoch")
    if entry is None or k is None:
        return _built("schedule", entry)
    return _built("schedule", (entry[0], {**entry[1], "steps_per_epoch": k}))


def run(ctx, spec: dict) -> dict:
    set_dtype(ctx.dtype)
    schedule = _schedule(spec)
    opt_name, opt_kwargs = spec["optimizer"]
    if schedule is not None:
        opt_kwargs = {**opt_kwargs, "learning_rate": schedule.learning_rate}
    opt_spec = _built("optimizer", (opt_name, opt_kwargs))
    clipping = _built("clipping", spec.get("clipping"))
    opt = opt_spec.make(ctx.dtype, **(clipping.kwargs if clipping is not None else {}))
    fixed = {kind: b.fixed for kind, b in (("optimizer", opt_spec), ("schedule", schedule), ("clipping", clipping))
             if b is not None}
    notes = [schedule.note] if schedule is not None and schedule.note else []
    problem = spec.get("problem")
    if problem is not None and problem["name"] not in (*LOSSES, *FIT):
        raise KeyError(f"unknown problem {problem['name']!r}; valid names: {', '.join(sorted((*LOSSES, *FIT)))}")
    if problem is not None and problem["name"] in FIT:
        return _run_fit(spec, opt, opt_spec, problem).result(fixed, notes)

    variables = {k: (keras.Variable(np.array(v), dtype=ctx.dtype), "same") for k, v in spec["params"].items()}
    rec = _Recorder(opt, opt_spec, variables)
    var_list = [variables[k][0] for k in rec.names]
    opt.build(var_list)
    compiled = spec.get("compiled", True)
    # the lr an update uses, evaluated as the update is (in a graph when compiled), before it: iterations = t − 1
    current_lr = tf.function(lambda: opt.learning_rate) if compiled else (lambda: opt.learning_rate)
    open_loop = lambda t: [tf.constant(to_keras("same", spec["grads"][t][k])) for k in rec.names]  # noqa: E731
    train(opt, var_list, spec["steps"], compiled=compiled,
          loss=None if problem is None else _loss(problem, {k: variables[k][0] for k in rec.names}),
          grads=open_loop if problem is None else None,
          before_step=lambda t: rec.lr(current_lr()), after_step=lambda t: rec.after_update())
    return rec.result(fixed, notes)


def _run_fit(spec: dict, opt, opt_spec, problem: dict) -> _Recorder:
    """``model.fit`` on the MLP, one batch per update. The loss scale is 1 (the trajectory checker
    rejects any other for "mlp": fit trains on the compiled loss as is)."""
    model, variables = _mlp(spec["params"])
    mse = REGISTRY.get("loss", "mse").build(reduction="mean").module.loss     # keras.losses.MeanSquaredError
    model.compile(optimizer=opt, loss=mse, jit_compile=False)
    opt.build(model.trainable_variables)
    rec = _Recorder(opt, opt_spec, variables)
    # fit applies the update in a graph: the lr recorded must be evaluated there too (built once), or an
    # eager evaluation records another value where graph and eager differ (CosineDecayRestarts: "log" eagerly,
    # "log_reciprocal" in a graph; reference/schedules/cosine_decay_restarts.py)
    current_lr = tf.function(lambda: opt.learning_rate)

    class Record(keras.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):
            rec.lr(current_lr())

        def on_train_batch_end(self, batch, logs=None):
            rec.after_update()

    x, y = problem["data"]["x"], problem["data"]["y"]
    steps = spec["steps"]
    model.fit(np.tile(x, (steps, 1)), np.tile(y, (steps, 1)), batch_size=len(x), epochs=1, shuffle=False,
              verbose=0, callbacks=[Record()])
    return rec

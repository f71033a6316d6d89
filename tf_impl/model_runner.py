"""Train a whole model in Keras, the way a Keras user does, and record every update.

The spec is the one of ``torch_impl/model_runner.py``, plus ``loop`` (``LOOPS``), the idiom:

  fit            ``compile`` + one ``fit`` over all the epochs, the Keras default. The sample order of every
                 epoch is the reference's: ``epoch_batches`` is a ``tf.data`` generator of every epoch's
                 batches in turn, of which ``fit`` reads ``steps_per_epoch`` per epoch (what
                 ``shuffle=True`` would draw, fixed). A callback records after every batch.
                 ``spec["validation"]`` is ``validation_data`` (one batch); ``spec["early_stopping"]`` adds
                 ``keras.callbacks.EarlyStopping(monitor="val_loss")`` (``tf_impl/regularizers/
                 early_stopping.py``), which also restores the best weights at the end.
  gradient_tape  the Keras guide's "training loop from scratch": ``with tf.GradientTape()`` around the
                 forward pass and loss, ``tape.gradient``, ``optimizer.apply_gradients``.
  low_level      the TensorFlow low-level style: the same tape, and each variable updated by
                 ``assign_sub(learning_rate · gradient)``, no optimizer object: plain gradient descent
                 only (optimizer "sgd" with its learning rate alone).

Clipping (``spec["clipping"]``) is the optimizer's ``clipnorm`` / ``global_clipnorm`` / ``clipvalue``
(``tf_impl/clipping``; not with ``low_level``, which has no optimizer); penalties (``spec["regularizers"]``) are
the kernel variables' regularizers (``_regularize``), in ``model.losses``.

A schedule (``spec["schedule"]``) is the optimizer's learning rate, a Keras ``LearningRateSchedule``
evaluated at ``optimizer.iterations``; ``schedule_per="epoch"`` hands the schedule builder the number of
batches per epoch, so that it advances once per epoch (``tf_impl/schedules/base.py``).

``fit``'s ``logs["loss"]`` is the running mean over the epoch so far, not the batch's own loss, so the
callback evaluates the batch's loss before the update (``on_train_batch_begin``) with the compiled loss;
``spec["loss_from"] = "fit_logs"`` records ``logs["loss"]`` instead: what a Keras user sees as the loss
curve (the native run of the divergence record in ``conformance/divergences/models.py``).

Random layers (dropout, Gaussian noise) draw from their own ``SeedGenerator``, seeded through
``keras.utils.set_random_seed(ctx.seed)``; its state is a non-trainable variable of the layer. Before each
update the runner reads every random layer's coming draw back exactly (``read_draws``): it saves the
layer's non-trainable variables, calls the layer in training on a constant input of the batch's shape
(``Probe``), and restores them, so the update draws the same numbers. Batch normalization's moving
statistics are recorded after each update (``layer_state``) and used by the predictions, which are
``model.predict`` (evaluation mode) at the trained weights, and by ``evaluation``: ``model.evaluate`` with
the loss and ``spec["metrics"]`` compiled in (a model trained by a custom loop is compiled for it).

``probe(ctx, spec)`` (the spec of ``torch_impl/model_runner.probe``) calls the layers one by one in
training mode under a ``tf.GradientTape`` and asks the tape for the gradient of the compiled loss
with respect to each layer's output and each variable (the localization's framework side).
"""
from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from tf_impl.layout import from_keras, to_keras
from tf_impl import optim_runner
from tf_impl.optim_runner import _Recorder
from tf_impl.registry import REGISTRY
from tf_impl.runner import set_dtype
from reference.models.training import batches, model_of, reference_graph
from reference.registry import children


LOOPS = ("fit", "gradient_tape", "low_level")


def _regularize(variables: dict, spec: dict) -> None:
    """``spec["regularizers"]`` ({parameter name: (l1 | l2 | l1_l2, kwargs)}) as ``Dense(kernel_regularizer=...)``
    attaches them: ``add_weight`` sets the variable's ``regularizer`` (keras/src/layers/layer.py, add_weight), so
    ``model.losses`` holds each penalty, ``fit`` and ``evaluate`` add them to the loss, and a custom loop adds
    ``sum(model.losses)`` as the Keras guide writes it."""
    for param, (name, kwargs) in spec.get("regularizers", {}).items():
        variables[param][0].regularizer = REGISTRY.get("regularizer", name).build(**kwargs).module


def _model(ctx, spec: dict):
    """The ``Built`` of the ``keras.Sequential`` holding ``spec["params"]``, and {name: (variable, layout)}."""
    set_dtype(ctx.dtype)
    keras.utils.set_random_seed(ctx.seed)        # the random layers' seed generators
    name, kwargs = model_of(spec)
    built = REGISTRY.get("model", name).build(**kwargs)
    model = built.module
    variables = {}
    for name, slot in built.params.items():
        var = variable(built, slot.attr)
        var.assign(to_keras(slot.layout, spec["params"][name]))
        variables[name] = (var, slot.layout)
    return built, variables


def variable(built, attr: str):
    """The variable at ``"<key>.<attr>"`` of a model built here: the attribute of the layer named by key
    (``Built.layers``: its index in a Sequential, its node in a functional model)."""
    key, rest = attr.split(".", 1)
    obj = {str(k): b for k, b in children(built)}[key].module
    for part in rest.split("."):
        obj = getattr(obj, part)
    return obj


def _snapshot(layer) -> list:
    """The values of a layer's (or model's) non-trainable variables: seed-generator state, moving statistics."""
    return [(v, v.numpy()) for v in layer.non_trainable_variables]


def _restore(snapshot) -> None:
    for var, value in snapshot:
        var.assign(value)


def read_draws(built, n: int, dtype) -> dict:
    """{layer index: noise} that each random layer will draw at its next training call on n samples,
    read on a constant input and undone (module docstring)."""
    return {i: read_draw(layer_built.module, layer_built.probe, n, dtype)
            for i, layer_built in children(built) if layer_built.probe is not None}


def read_draw(layer, probe, n: int, dtype):
    """The noise random ``layer`` will draw at its next training call on n samples: the layer called in
    training on a constant input (``probe.fill``), its non-trainable variables (the seed generator's state)
    restored afterwards."""
    saved = _snapshot(layer)
    shown = layer(np.full((n, *layer.input.shape[1:]), probe.fill, dtype=dtype), training=True)
    _restore(saved)
    return probe.to_noise(np.asarray(shown))


def _layer_state(built) -> dict:
    """Each stateful layer's variables, in the reference's layout and names ("<i>.<name>")."""
    return {k: from_keras(slot.layout, variable(built, slot.attr).numpy()) for k, slot in built.state.items()}


def probe(ctx, spec: dict) -> dict:
    """``reference.models.training.probe``'s record, from Keras's layers and a GradientTape: the model's graph
    walked value by value (``reference_graph``), each layer called in training mode, merges by
    ``keras.ops.add`` / ``keras.ops.concatenate``; the tape gives the gradient of the compiled loss with respect
    to every value and variable."""
    built, variables = _model(ctx, spec)
    loss_fn = REGISTRY.get("loss", spec["loss"][0]).build(**spec["loss"][1]).module
    layers = {str(key): child.module for key, child in children(built)}
    names = sorted(variables)
    draws = read_draws(built, len(spec["x"]), spec["x"].dtype)
    with tf.GradientTape() as tape:
        values = {"input": tf.constant(spec["x"])}
        tape.watch(values["input"])                 # every value then has a gradient, whatever layer 0 is
        for key, comp, module, ins in reference_graph(spec):
            if module is None:
                inputs = [values[n] for n in ins]
                values[key] = sum(inputs[1:], inputs[0]) if comp == "add" else keras.ops.concatenate(inputs, axis=-1)
            else:
                values[key] = layers[str(key)](values[ins[0]], training=True)
        loss = loss_fn(tf.constant(spec["y"]), values[key])
    del values["input"]
    keys = list(values)
    grads = tape.gradient(loss, [values[k] for k in keys] + [variables[k][0].value for k in names])
    as_numpy = lambda t: None if t is None else np.asarray(t)  # noqa: E731
    return {"noise": draws, "outputs": {k: np.asarray(values[k]) for k in keys},
            "grad_outputs": {k: as_numpy(g) for k, g in zip(keys, grads[:len(keys)])},
            "grad_params": {k: None if g is None else from_keras(variables[k][1], np.asarray(g))
                            for k, g in zip(names, grads[len(keys):])},
            "loss": np.asarray(loss)}


class _Run:
    """What every loop records per update: the batch's loss before the update, each random layer's draw,
    then (after the update) parameters, optimizer state and the layers' state."""

    def __init__(self, built, loss_fn, recorder, spec, record_lr=None):
        self.built, self.loss_fn, self.recorder, self.record_lr = built, loss_fn, recorder, record_lr
        self.x, self.y = spec["x"], spec["y"]
        self.losses, self.noises, self.layer_states = [], [], []

    def before(self, idx, with_loss: bool = True) -> None:
        """Before the update on samples ``idx``: the draws to come and (``with_loss``) the batch's loss,
        both computed with every non-trainable variable restored afterwards."""
        self.noises.append(read_draws(self.built, len(idx), self.x.dtype))
        if self.record_lr is not None:
            self.record_lr()                          # the learning rate this update uses
        if with_loss:
            saved = _snapshot(self.built.module)
            model = self.built.module
            loss = self.loss_fn(self.y[idx], model(self.x[idx], training=True)) + sum(model.losses)  # fit's objective
            self.losses.append(float(np.asarray(loss)))
            _restore(saved)

    def after(self) -> None:
        self.recorder.after_update()
        self.layer_states.append(_layer_state(self.built))

    def result(self, out: dict) -> dict:
        out["loss"] = np.array(self.losses, dtype=self.x.dtype)
        out["noise"] = self.noises
        out["layer_state"] = {k: np.stack([s[k] for s in self.layer_states]) for k in self.built.state}
        out["predictions"] = np.asarray(self.built.module.predict(self.x, batch_size=len(self.x), verbose=0))
        variables = {k: slot for k, slot in self.built.params.items()}
        out["final_params"] = {k: from_keras(slot.layout, variable(self.built, slot.attr).numpy())
                               for k, slot in variables.items()}
        out["final_layer_state"] = _layer_state(self.built)
        return out


def _metrics(spec: dict) -> list:
    """The Keras metric objects of ``spec["metrics"]`` ([(name, kwargs)], the registered builders)."""
    return [REGISTRY.get("metric", name).build(**kwargs).module for name, kwargs in spec.get("metrics", [])]


def evaluate(model, loss_fn, spec: dict, compiled: bool) -> dict:
    """``model.evaluate`` on all of x (batches of the training batch size, in order): {"loss", metric: value}
    under the reference's metric names. A model trained by a custom loop is compiled for it first (loss and
    metrics; compiling touches no weight)."""
    names = [name for name, _ in spec.get("metrics", [])]
    if not compiled:
        model.compile(loss=loss_fn, metrics=_metrics(spec), jit_compile=False)
    logs = dict(model.evaluate(spec["x"], spec["y"], batch_size=spec["batch_size"], verbose=0, return_dict=True))
    loss = float(logs.pop("loss"))
    if len(logs) != len(names):
        raise RuntimeError(f"evaluate returned {sorted(logs)} for the metrics {names}")
    return {"loss": loss, **{name: float(value) for name, value in zip(names, logs.values())}}   # in given order


def epoch_batches(x, y, orders, batch_size):
    """Every epoch's batches in the reference's order, one after another, as a ``tf.data.Dataset`` that ``fit``
    reads ``steps_per_epoch`` batches from per epoch (what ``shuffle=True`` would draw, fixed), and the
    sample indices of each batch in that order."""
    order = [idx for o in orders for idx in batches(o, batch_size)]

    def generate():
        for idx in order:
            yield x[idx], y[idx]

    spec = (tf.TensorSpec((None, *x.shape[1:]), x.dtype), tf.TensorSpec((None, *y.shape[1:]), y.dtype))
    return tf.data.Dataset.from_generator(generate, output_signature=spec), order


def _fit(model, optimizer, loss_fn, run: _Run, spec: dict) -> list:
    """One ``model.fit`` over every epoch; returns the callbacks' extra logs (validation losses)."""
    model.compile(optimizer=optimizer, loss=loss_fn, metrics=_metrics(spec), jit_compile=False)
    data, order = epoch_batches(spec["x"], spec["y"], spec["orders"], spec["batch_size"])
    fit_logs = spec.get("loss_from", "batch") == "fit_logs"
    val_losses = []

    class Record(keras.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):
            run.before(order[len(run.noises)], with_loss=not fit_logs)          # the update's place in order

        def on_train_batch_end(self, batch, logs=None):
            if fit_logs:
                run.losses.append(float(np.asarray(logs["loss"])))
            run.after()

        def on_epoch_end(self, epoch, logs=None):
            if "val_loss" in (logs or {}):
                val_losses.append(float(logs["val_loss"]))

    callbacks = [Record()]
    if spec.get("early_stopping") is not None:
        callbacks.append(REGISTRY.get("regularizer", "early_stopping").build(**spec["early_stopping"]).module.callback)
    validation = spec.get("validation")
    model.fit(data, epochs=len(spec["orders"]), steps_per_epoch=len(batches(spec["orders"][0], spec["batch_size"])),
              shuffle=False, verbose=0, callbacks=callbacks,
              validation_data=None if validation is None else tuple(validation),
              validation_batch_size=None if validation is None else len(validation[0]))
    return val_losses


def _tape_loop(model, loss_fn, run: _Run, spec: dict, update) -> None:
    """The custom loops: per batch, the forward pass and loss under ``tf.GradientTape``, the gradients, then
    ``update(grads, variables)`` (``apply_gradients`` or ``assign_sub``)."""
    x, y, b = spec["x"], spec["y"], spec["batch_size"]
    for order in spec["orders"]:
        for idx in batches(order, b):
            run.before(idx, with_loss=False)
            with tf.GradientTape() as tape:
                loss = loss_fn(y[idx], model(x[idx], training=True))
                loss += sum(model.losses)                         # the regularization penalties (the guide's idiom)
            grads = tape.gradient(loss, model.trainable_variables)
            update(grads, model.trainable_variables)
            run.losses.append(float(loss))
            run.after()


def apply_gradients(optimizer):
    """The Keras guide's update: the optimizer's ``apply_gradients``."""
    return lambda grads, variables: optimizer.apply_gradients(zip(grads, variables))


def assign_sub(learning_rate: float):
    """TensorFlow's low-level update, written out: w ← w − η·∂loss/∂w for every variable."""
    def update(grads, variables):
        for var, grad in zip(variables, grads):
            var.assign_sub(learning_rate * grad)
    return update


class _AssignSubRecorder:
    """The low-level loop's record: parameters only (no optimizer, no state)."""

    def __init__(self, variables: dict):
        self.variables, self.params, self.lrs = variables, {k: [] for k in sorted(variables)}, []

    def after_update(self) -> None:
        for k, (var, layout) in self.variables.items():
            self.params[k].append(from_keras(layout, var.numpy()))

    def result(self) -> dict:
        return {"params": {k: np.stack(v) for k, v in self.params.items()}, "state": {}, "step": None,
                "lr": np.array(self.lrs, dtype=np.float64),
                "fixed": {"optimizer": {}}}


def _plain_sgd(optimizer: tuple[str, dict]) -> float:
    """The learning rate of plain gradient descent, the only optimizer the low-level loop writes out."""
    name, kwargs = optimizer
    extra = {k: v for k, v in kwargs.items() if k != "learning_rate" and v not in (0, 0.0, False, None)}
    if name != "sgd" or extra or "learning_rate" not in kwargs:
        raise ValueError(f"optimizer={optimizer!r} is not allowed with loop='low_level': it writes plain gradient "
                         "descent out (assign_sub), so expected ('sgd', {'learning_rate': lr})")
    return kwargs["learning_rate"]


def train(ctx, spec: dict) -> dict:
    loop = spec.get("loop", "fit")
    if loop not in LOOPS:
        raise ValueError(f"loop={loop!r} is not allowed: expected one of {', '.join(LOOPS)}")
    if loop == "low_level":
        learning_rate = _plain_sgd(spec["optimizer"])
        if spec.get("schedule") is not None:
            raise ValueError(f"schedule={spec['schedule']!r} is not allowed with loop='low_level': it writes a "
                             "constant learning rate out")
        if spec.get("clipping") is not None:
            raise ValueError(f"clipping={spec['clipping']!r} is not allowed with loop='low_level': Keras clips in the "
                             "optimizer, which this loop does not use (loop='fit' or 'gradient_tape' clip)")
    built, variables = _model(ctx, spec)
    _regularize(variables, spec)
    model = built.module
    loss_fn = REGISTRY.get("loss", spec["loss"][0]).build(**spec["loss"][1]).module
    if loop == "low_level":
        recorder = _AssignSubRecorder(variables)
        run = _Run(built, loss_fn, recorder, spec, lambda: recorder.lrs.append(float(learning_rate)))
        _tape_loop(model, loss_fn, run, spec, assign_sub(learning_rate))
        out = run.result(recorder.result())
        out["val_loss"] = np.array([], dtype=spec["x"].dtype)
        out["evaluation"] = evaluate(model, loss_fn, spec, compiled=False)
        return out
    per_epoch = spec.get("schedule_per", "update") == "epoch"
    k = len(batches(spec["orders"][0], spec["batch_size"])) if per_epoch else None
    schedule = optim_runner._schedule({"schedule": spec.get("schedule"), "steps_per_epoch": k})
    opt_name, opt_kwargs = spec["optimizer"]
    if schedule is not None:
        opt_kwargs = {**opt_kwargs, "learning_rate": schedule.learning_rate}
    opt_spec = REGISTRY.get("optimizer", opt_name).build(**opt_kwargs).module
    clipping = optim_runner._built("clipping", spec.get("clipping"))
    optimizer = opt_spec.make(ctx.dtype, **(clipping.kwargs if clipping is not None else {}))   # clipnorm=..., ...
    optimizer.build(model.trainable_variables)
    recorder = _Recorder(optimizer, opt_spec, variables)
    run = _Run(built, loss_fn, recorder, spec, lambda: recorder.lr(optimizer.learning_rate))
    if loop == "fit":
        val_losses = _fit(model, optimizer, loss_fn, run, spec)
    else:
        if spec.get("validation") is not None or spec.get("early_stopping") is not None:
            raise ValueError(f"validation / early_stopping are not allowed with loop={loop!r}: the custom loops "
                             "here train without them (loop='fit' takes them)")
        _tape_loop(model, loss_fn, run, spec, apply_gradients(optimizer))
        val_losses = []
    fixed = {kind: b.fixed for kind, b in (("optimizer", opt_spec), ("schedule", schedule), ("clipping", clipping))
             if b is not None}
    out = run.result(recorder.result(fixed, [schedule.note] if schedule is not None and schedule.note else []))
    out["val_loss"] = np.array(val_losses, dtype=spec["x"].dtype)
    out["evaluation"] = evaluate(model, loss_fn, spec, compiled=loop == "fit")
    return out

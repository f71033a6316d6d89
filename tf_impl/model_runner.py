"""Train a whole model in Keras, the way a Keras user does (``compile`` + ``fit``), and record every update.

The spec is the one of ``torch_impl/model_runner.py``. The sample order of every epoch is the
reference's: each epoch is one ``fit(x[order], y[order], batch_size=B, shuffle=False,
initial_epoch=e, epochs=e + 1)`` call on that epoch's permuted arrays (what ``shuffle=True`` would
draw, fixed). A callback records parameters and optimizer state after every batch
(``optim_runner._Recorder``). The loss of each batch is evaluated by the callback before the update
(``on_train_batch_begin``) with the compiled loss on that batch, because ``fit``'s ``logs["loss"]``
is the running mean over the epoch so far, not the batch's own loss. ``spec["loss_from"] = "fit_logs"``
records ``logs["loss"]`` instead: what a Keras user sees as the loss curve (the native run of the
divergence record in ``conformance/divergences/models.py``).

``probe(ctx, spec)`` (the spec of ``torch_impl/model_runner.probe``) calls the layers one by one in
training mode under a ``tf.GradientTape`` and asks the tape for the gradient of the compiled loss
with respect to each layer's output and each variable (the localization's framework side).
"""
from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from tf_impl.layout import from_keras, to_keras
from tf_impl.models.sequential import variable
from tf_impl.optim_runner import _Recorder
from tf_impl.registry import REGISTRY
from tf_impl.runner import set_dtype
from reference.models.training import batches


def _model(ctx, spec: dict):
    """The ``keras.Sequential`` holding ``spec["params"]``, and {name: (variable, layout)}."""
    set_dtype(ctx.dtype)
    built = REGISTRY.get("model", "sequential").build(layers=spec["layers"])
    model = built.module
    variables = {}
    for name, slot in built.params.items():
        var = variable(model, slot.attr)
        var.assign(to_keras(slot.layout, spec["params"][name]))
        variables[name] = (var, slot.layout)
    return model, variables


def probe(ctx, spec: dict) -> dict:
    """``reference.models.training.probe``'s record, from Keras's layers and a GradientTape."""
    model, variables = _model(ctx, spec)
    loss_fn = REGISTRY.get("loss", spec["loss"][0]).build(**spec["loss"][1]).module
    names = sorted(variables)
    outputs = []
    with tf.GradientTape() as tape:
        a = tf.constant(spec["x"])
        tape.watch(a)                               # every output then has a gradient, whatever layer 0 is
        for layer in model.layers:
            a = layer(a, training=True)
            outputs.append(a)
        loss = loss_fn(tf.constant(spec["y"]), a)
    grads = tape.gradient(loss, outputs + [variables[k][0].value for k in names])
    as_numpy = lambda t: None if t is None else np.asarray(t)  # noqa: E731
    return {"outputs": [np.asarray(o) for o in outputs],
            "grad_outputs": [as_numpy(g) for g in grads[:len(outputs)]],
            "grad_params": {k: None if g is None else from_keras(variables[k][1], np.asarray(g))
                            for k, g in zip(names, grads[len(outputs):])},
            "loss": np.asarray(loss)}


def train(ctx, spec: dict) -> dict:
    model, variables = _model(ctx, spec)
    loss_fn = REGISTRY.get("loss", spec["loss"][0]).build(**spec["loss"][1]).module
    opt_spec = REGISTRY.get("optimizer", spec["optimizer"][0]).build(**spec["optimizer"][1]).module
    optimizer = opt_spec.make(ctx.dtype)
    model.compile(optimizer=optimizer, loss=loss_fn, jit_compile=False)
    optimizer.build(model.trainable_variables)
    rec = _Recorder(optimizer, opt_spec, variables)
    x, y, b = spec["x"], spec["y"], spec["batch_size"]
    losses = []
    fit_logs = spec.get("loss_from", "batch") == "fit_logs"

    class Record(keras.callbacks.Callback):
        def __init__(self, order):
            super().__init__()
            self.batches = batches(order, b)

        def on_train_batch_begin(self, batch, logs=None):
            if not fit_logs:
                idx = self.batches[batch]
                losses.append(float(np.asarray(loss_fn(y[idx], model(x[idx], training=True)))))

        def on_train_batch_end(self, batch, logs=None):
            if fit_logs:
                losses.append(float(np.asarray(logs["loss"])))
            rec.after_update()

    for epoch, order in enumerate(spec["orders"]):
        model.fit(x[order], y[order], batch_size=b, epochs=epoch + 1, initial_epoch=epoch, shuffle=False,
                  verbose=0, callbacks=[Record(order)])
    out = rec.result({"optimizer": opt_spec.fixed}, [])
    out["loss"] = np.array(losses, dtype=x.dtype)
    out["predictions"] = np.asarray(model(x, training=False))
    return out

"""Run a registered Keras component on NumPy inputs: forward, then GradientTape backward.

Layers, activations and losses; the other families have their own runners (optim_runner,
init_runner, regularizer_runner), which share ``set_dtype``. Every run sets
``floatx`` and the global dtype policy first: Keras freezes the policy a layer is built
with, so a float64 run must say so before anything is created.

A random layer (the composed RReLU) takes its ``keras.random.SeedGenerator``'s state when it
is built; ``run_module`` calls ``keras.utils.set_random_seed(ctx.seed)`` before building
it, as a Keras user makes a run repeatable, so that one seed (the case's) gives the same draw
on every run.
"""
from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf

from reference.registry import into_layout, out_of_layout
from tf_impl.layout import from_keras, to_keras
from tf_impl.registry import REGISTRY


def _attr(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _numpy(t) -> np.ndarray | None:
    return None if t is None else np.array(t)


def set_dtype(dtype: str) -> None:
    keras.config.set_floatx(dtype)
    keras.config.set_dtype_policy(dtype)


def build(ctx, kind: str, name: str, kwargs: dict):
    """The registered builder's ``Built``, built under ctx's dtype (Keras runs on the CPU here)."""
    set_dtype(ctx.dtype)
    return REGISTRY.get(kind, name).build(**kwargs)


def _load(built, x_shape: tuple, params: dict[str, np.ndarray]) -> list:
    layer = built.module
    if not layer.built:
        layer.build(tuple(into_layout(np.empty(x_shape, dtype=np.float32), built.input_layout).shape))
    variables = []
    for ref_name, slot in built.params.items():
        var = _attr(layer, slot.attr)
        value = to_keras(slot.layout, params[ref_name])
        if slot.row is not None:              # one row of a variable holding several parameters (Keras GRU bias)
            value = np.array(var.numpy()).copy()
            value[slot.row] = to_keras(slot.layout, params[ref_name])
        var.assign(value)
        variables.append(var)
    return variables


def _forward(built, x: np.ndarray, training: bool, tape=None):
    """(input tensor, output tensor, output in the reference's layout)."""
    xt = tf.constant(into_layout(x, built.input_layout))
    if tape is not None and xt.dtype.is_floating:     # integer indices (an embedding's) have no gradient
        tape.watch(xt)
    y = built.module(xt, training=training)
    return xt, y, out_of_layout(_numpy(y), built.input_layout, x.ndim)


def _backward(built, x, tape, xt, y, variables, dy) -> tuple[np.ndarray, dict]:
    floating = np.issubdtype(x.dtype, np.floating)
    dyt = into_layout(np.asarray(dy, dtype=x.dtype if floating else dy.dtype), built.input_layout) \
        if len(y.shape) == x.ndim else dy
    grads = tape.gradient(y, ([xt] if floating else []) + variables, output_gradients=tf.constant(dyt))
    dx = out_of_layout(_numpy(grads.pop(0)), built.input_layout, x.ndim) if floating else None
    out = {}
    for (ref_name, slot), g in zip(built.params.items(), grads):
        if isinstance(g, tf.IndexedSlices):           # a gathered table's gradient (Embedding): made dense
            g = tf.convert_to_tensor(g)
        if g is not None and slot.row is not None:     # one row of the variable (Keras GRU bias)
            g = g[slot.row]
        out[ref_name] = None if g is None else from_keras(slot.layout, _numpy(g))
    return dx, out


def _probe(ctx, kind: str, name: str, kwargs: dict, shape: tuple, dtype, probe):
    """The draw of the training-mode call just made, read back on a constant input (``Probe``)."""
    keras.utils.set_random_seed(ctx.seed)
    built = build(ctx, kind, name, kwargs)
    return probe.to_noise(_forward(built, np.full(shape, probe.fill, dtype=dtype), training=True)[2])


def run_module(ctx, kind: str, name: str, kwargs: dict, x: np.ndarray, params: dict[str, np.ndarray],
               dy: np.ndarray, training: bool, grad: bool = True) -> dict:
    keras.utils.set_random_seed(ctx.seed)        # before the layer (and its SeedGenerator) is built
    built = build(ctx, kind, name, kwargs)
    variables = _load(built, x.shape, params)
    with tf.GradientTape() as tape:
        xt, y, out_ = _forward(built, x, training, tape)
    out = {"out": out_, "grad_input": None, "grad_params": {}, "noise": None}
    if built.recover_noise is not None:
        out["noise"] = built.recover_noise(x, out["out"])
    if built.probe is not None and training:
        out["noise"] = _probe(ctx, kind, name, kwargs, x.shape, x.dtype, built.probe)
    if grad:
        out["grad_input"], out["grad_params"] = _backward(built, x, tape, xt, y, variables, dy)
    return out


def run_module_steps(ctx, kind: str, name: str, kwargs: dict, xs: list, params: dict[str, np.ndarray],
                     dys: list, x_eval: np.ndarray) -> dict:
    """A stateful layer: one training-mode call and its gradient per batch of ``xs`` (the state, e.g.
    the moving statistics, read after each), then one inference-mode call on ``x_eval``."""
    keras.utils.set_random_seed(ctx.seed)
    built = build(ctx, kind, name, kwargs)
    variables = _load(built, xs[0].shape, params)
    rec = {"outs": [], "grad_inputs": [], "grad_params": [], "states": []}
    for x, dy in zip(xs, dys):
        with tf.GradientTape() as tape:
            xt, y, out = _forward(built, x, True, tape)
        dx, grads = _backward(built, x, tape, xt, y, variables, dy)
        rec["outs"].append(out)
        rec["grad_inputs"].append(dx)
        rec["grad_params"].append(grads)
        rec["states"].append({k: from_keras(slot.layout, _attr(built.module, slot.attr).numpy())
                              for k, slot in built.state.items()})
    rec["eval_out"] = _forward(built, x_eval, False)[2]
    return rec


def run_loss(ctx, name: str, kwargs: dict, y_pred: np.ndarray, y_true: np.ndarray, dloss: np.ndarray) -> dict:
    built = build(ctx, "loss", name, kwargs)
    pred = tf.constant(y_pred)
    target = tf.constant(y_true)
    with tf.GradientTape() as tape:
        tape.watch(pred)
        loss = built.module(target, pred)          # Keras losses take (y_true, y_pred)
    if tuple(loss.shape) != np.shape(dloss):      # a native-convention run can change the shape
        return {"out": _numpy(loss), "grad_input": None, "grad_params": {}, "noise": None}
    g = tape.gradient(loss, pred, output_gradients=tf.constant(np.array(dloss, dtype=y_pred.dtype)))
    return {"out": _numpy(loss), "grad_input": _numpy(g), "grad_params": {}, "noise": None}

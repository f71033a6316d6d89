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


def run_module(ctx, kind: str, name: str, kwargs: dict, x: np.ndarray, params: dict[str, np.ndarray],
               dy: np.ndarray, training: bool, grad: bool = True) -> dict:
    keras.utils.set_random_seed(ctx.seed)        # before the layer (and its SeedGenerator) is built
    built = build(ctx, kind, name, kwargs)
    layer = built.module
    if not layer.built:
        layer.build(x.shape)
    variables = []
    for ref_name, slot in built.params.items():
        var = _attr(layer, slot.attr)
        var.assign(to_keras(slot.layout, params[ref_name]))
        variables.append(var)
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        y = layer(xt, training=training)
    out = {"out": _numpy(y), "grad_input": None, "grad_params": {}, "noise": None}
    if built.recover_noise is not None:
        out["noise"] = built.recover_noise(x, out["out"])
    if grad:
        grads = tape.gradient(y, [xt] + variables, output_gradients=tf.constant(np.asarray(dy, dtype=x.dtype)))
        out["grad_input"] = _numpy(grads[0])
        for (ref_name, slot), g in zip(built.params.items(), grads[1:]):
            out["grad_params"][ref_name] = None if g is None else from_keras(slot.layout, _numpy(g))
    return out


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

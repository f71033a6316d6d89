"""Run Keras regularizers, constraints and early stopping on NumPy data (Keras kernels are (in, out),
the reference's layout).

The small problem is the registered Dense (``keras.layers.Dense``) fitted by MSE with the
registered ``sgd`` (``keras.optimizers.SGD``, float64 hyperparameters exact), one full-batch step
per epoch: a penalty is the kernel variable's ``regularizer`` (its value reaches the loss through
``layer.losses``, as ``fit`` adds ``model.losses``), a constraint the kernel variable's
``constraint`` (applied by the optimizer after each update): the attachments
``Dense(kernel_regularizer=..., kernel_constraint=...)`` makes in ``add_weight``
(keras/src/layers/layer.py), made on the builder's already-built layer. Early stopping is a
callback of ``model.fit``.
"""
from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from reference.regularizers.l2 import weight_decay_for
from tf_impl.layout import from_keras, to_keras
from tf_impl import training
from tf_impl.registry import REGISTRY
from tf_impl.regularizers.base import KerasConstraint
from tf_impl.runner import set_dtype


def _build(name: str, kwargs: dict, dtype: str):
    set_dtype(dtype)
    return REGISTRY.get("regularizer", name).build(**kwargs).module


def _sgd(lr: float, dtype: str, **kwargs):
    return REGISTRY.get("optimizer", "sgd").build(learning_rate=lr, **kwargs).module.make(dtype)


class _Dense:
    """The registered Dense with the reference's W and b assigned."""

    def __init__(self, W: np.ndarray, b: np.ndarray):
        built = REGISTRY.get("layer", "dense").build(in_features=W.shape[0], units=W.shape[1])
        self.module, self.slots = built.module, built.params
        for name, value in (("W", W), ("b", b)):
            self[name].assign(to_keras(self.slots[name].layout, value))

    def __getitem__(self, name: str):
        return getattr(self.module, self.slots[name].attr)

    def numpy(self, name: str) -> np.ndarray:
        return from_keras(self.slots[name].layout, self[name].numpy())


def penalty(ctx, name: str, kwargs: dict, W: np.ndarray) -> dict:
    dtype = ctx.dtype
    reg = _build(name, kwargs, dtype)
    kernel = tf.Variable(W)
    with tf.GradientTape() as tape:
        value = reg(kernel)
    grad = tape.gradient(value, kernel)         # None when the penalty does not depend on the kernel
    return {"value": np.array(value), "grad": None if grad is None else np.array(grad)}


def fixed(ctx, name: str, kwargs: dict) -> dict:
    """The reference settings the built component fixes (``regularizers/base.py``); {} if none."""
    dtype = ctx.dtype
    return dict(getattr(_build(name, kwargs, dtype), "fixed", {}))


def constrain(ctx, name: str, kwargs: dict, W: np.ndarray) -> np.ndarray:
    dtype = ctx.dtype
    return np.array(_build(name, kwargs, dtype).constraint(tf.constant(W)))


def train(ctx, name: str, kwargs: dict, data: dict, steps: int, lr: float, via: str = "loss") -> dict:
    """SGD steps with the component active; the (W, b) after every step, stacked.

    via="loss": the penalty as the kernel's regularizer, a constraint as its constraint.
    via="weight_decay": the L2 penalty as SGD's ``weight_decay`` = 2·l2 on the kernel alone
    (Keras's decay is decoupled, W ← W − lr·wd·W before the step: for plain SGD the same update).
    """
    dtype = ctx.dtype
    comp = _build(name, kwargs, dtype)
    dense = _Dense(data["W"], data["b"])
    if via == "weight_decay":
        opt = _sgd(lr, dtype, weight_decay=weight_decay_for(comp.l2))
        opt.exclude_from_weight_decay(var_list=[dense["b"]])
    elif via == "loss" and isinstance(comp, KerasConstraint):
        opt = _sgd(lr, dtype)
        dense["W"].constraint = comp.constraint
    elif via == "loss":
        opt = _sgd(lr, dtype)
        dense["W"].regularizer = comp
    else:                                       # the checker validated via (TRAINING_VIAS)
        raise ValueError(f"unknown via={via!r}")
    layer, mse = dense.module, keras.losses.MeanSquaredError()
    x, y = tf.constant(data["x"]), tf.constant(data["y"])
    Ws, bs = [], []

    def after_step(t):
        Ws.append(dense.numpy("W"))
        bs.append(dense.numpy("b"))

    training.train(opt, layer.trainable_variables, steps, loss=lambda: mse(y, layer(x)) + sum(layer.losses),
                   compiled=False, after_step=after_step)
    return {"W": np.stack(Ws), "b": np.stack(bs)}


def fit_early_stopping(ctx, kwargs: dict, data: dict, epochs: int, lr: float) -> dict:
    dtype = ctx.dtype
    comp = _build("early_stopping", kwargs, dtype)
    dense = _Dense(data["W"], data["b"])
    model = keras.Sequential([keras.Input((data["W"].shape[0],)), dense.module])
    model.compile(optimizer=_sgd(lr, dtype), loss=keras.losses.MeanSquaredError())
    n = len(data["x"])
    history = model.fit(data["x"], data["y"], batch_size=n, epochs=epochs, shuffle=False, verbose=0,
                        validation_data=(data["x_val"], data["y_val"]), validation_batch_size=len(data["x_val"]),
                        callbacks=[comp.callback])
    return {"val_loss": np.array(history.history["val_loss"], dtype=dtype), "W": dense.numpy("W"),
            "b": dense.numpy("b")}

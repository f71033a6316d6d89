"""Run Keras regularizers, constraints and early stopping on NumPy data (Keras kernels are (in, out),
the reference's layout).

The small problem is a ``keras.layers.Dense`` fitted by MSE with ``keras.optimizers.SGD``, one
full-batch step per epoch: penalties as ``kernel_regularizer`` (their value reaches the loss
through ``layer.losses``, as ``fit`` adds ``model.losses``), constraints as ``kernel_constraint``
(applied by the optimizer after each update), early stopping as a callback of ``model.fit``.
"""
from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from reference.regularizers.l2 import WEIGHT_DECAY_PER_L2
from tf_impl.registry import REGISTRY
from tf_impl.runner import set_dtype


def _build(name: str, kwargs: dict, dtype: str):
    set_dtype(dtype)
    return REGISTRY.get("regularizer", name).build(**kwargs).module


def _dense(W: np.ndarray, b: np.ndarray, **kw) -> keras.layers.Dense:
    layer = keras.layers.Dense(W.shape[1], **kw)
    layer.build((None, W.shape[0]))
    layer.kernel.assign(W)
    layer.bias.assign(b)
    return layer


def penalty(name: str, kwargs: dict, dtype: str, W: np.ndarray) -> dict:
    reg = _build(name, kwargs, dtype)
    kernel = tf.Variable(W)
    with tf.GradientTape() as tape:
        value = reg(kernel)
    grad = tape.gradient(value, kernel)         # None when the penalty does not depend on the kernel
    return {"value": np.array(value), "grad": None if grad is None else np.array(grad)}


def constrain(name: str, kwargs: dict, dtype: str, W: np.ndarray) -> np.ndarray:
    return np.array(_build(name, kwargs, dtype)(tf.constant(W)))


def train(name: str, kwargs: dict, dtype: str, data: dict, steps: int, lr: float, via: str = "loss") -> dict:
    """SGD steps with the component active; the (W, b) after every step, stacked.

    via="loss": ``kernel_regularizer`` / ``kernel_constraint`` on the Dense layer.
    via="weight_decay": the L2 penalty as SGD's ``weight_decay`` = 2·l2 on the kernel alone
    (Keras's decay is decoupled, W ← W − lr·wd·W before the step: for plain SGD the same update).
    """
    comp = _build(name, kwargs, dtype)
    is_constraint = isinstance(comp, keras.constraints.Constraint)
    if via == "weight_decay":
        layer = _dense(data["W"], data["b"])
        opt = keras.optimizers.SGD(learning_rate=lr, weight_decay=WEIGHT_DECAY_PER_L2 * comp.l2)
        opt.exclude_from_weight_decay(var_list=[layer.bias])
    else:
        layer = _dense(data["W"], data["b"], **{"kernel_constraint" if is_constraint else "kernel_regularizer": comp})
        opt = keras.optimizers.SGD(learning_rate=lr)
    mse = keras.losses.MeanSquaredError()
    x, y = tf.constant(data["x"]), tf.constant(data["y"])
    Ws, bs = [], []
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = mse(y, layer(x)) + sum(layer.losses)
        grads = tape.gradient(loss, layer.trainable_variables)
        opt.apply_gradients(zip(grads, layer.trainable_variables))
        Ws.append(layer.kernel.numpy())
        bs.append(layer.bias.numpy())
    return {"W": np.stack(Ws), "b": np.stack(bs)}


def fit_early_stopping(kwargs: dict, dtype: str, data: dict, epochs: int, lr: float) -> dict:
    callback = _build("early_stopping", kwargs, dtype)
    W = data["W"]
    model = keras.Sequential([keras.Input((W.shape[0],)), keras.layers.Dense(W.shape[1])])
    model.layers[0].set_weights([W, data["b"]])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr), loss="mse")
    n = len(data["x"])
    history = model.fit(data["x"], data["y"], batch_size=n, epochs=epochs, shuffle=False, verbose=0,
                        validation_data=(data["x_val"], data["y_val"]), validation_batch_size=len(data["x_val"]),
                        callbacks=[callback])
    kernel, bias = model.layers[0].get_weights()
    return {"val_loss": np.array(history.history["val_loss"], dtype=dtype), "W": kernel, "b": bias}

"""The Keras training loop with ``tf.GradientTape``, written once, the way the Keras guide writes a
custom training step:

    @tf.function
    def train_step():
        with tf.GradientTape() as tape:
            loss = loss_fn()
        grads = tape.gradient(loss, variables)
        optimizer.apply_gradients(zip(grads, variables))

(open loop: the given gradients go straight to ``apply_gradients``). Hooks: ``before_step(t)`` and
``after_step(t)`` (record, evaluate; return True to stop). Trajectories of optimizers, schedules,
clipping and regularizers run through ``train``; the MLP and early stopping train through
``model.fit`` with callbacks, Keras's own loop.
"""
from __future__ import annotations

from typing import Callable

import tensorflow as tf


def train(optimizer, variables: list, steps: int, *, loss: Callable | None = None,
          grads: Callable[[int], list] | None = None, compiled: bool = True,
          before_step: Callable[[int], None] | None = None,
          after_step: Callable[[int], bool | None] | None = None) -> int:
    """Run up to ``steps`` updates; return how many ran. Exactly one of ``loss`` (a closure) and
    ``grads(t)`` (the gradients of update t, one per variable). ``compiled``: one ``tf.function``
    for the step, as ``model.fit`` runs it (False: eagerly)."""
    if (loss is None) == (grads is None):
        raise ValueError("give exactly one of loss (closed loop) or grads (open loop)")
    compile_ = tf.function if compiled else (lambda f: f)

    @compile_
    def train_step(given=None):
        if given is None:
            with tf.GradientTape() as tape:
                value = loss()
            given = tape.gradient(value, variables)
        optimizer.apply_gradients(zip(given, variables))

    for t in range(steps):
        if before_step is not None:
            before_step(t)
        train_step() if grads is None else train_step(grads(t))
        if after_step is not None and after_step(t):
            return t + 1
    return steps

"""The sine network of ``reference/examples/cosine_adam.py`` in TensorFlow and Keras: by hand
(``tf.GradientTape`` for the gradients, the cosine learning rate and Adam written out in Keras's form, ε
added to √v before the bias correction), ``keras.Sequential`` and the functional API with
``keras.optimizers.Adam`` on a ``keras.optimizers.schedules.CosineDecay``, ``compile`` and ``fit``.
Arguments and result as in the reference module.

Keras conventions met here: ``Dense`` stores its kernel as (in, out), as the reference; everything computes
in float32 unless ``floatx`` and the dtype policy say otherwise; a schedule evaluates at the optimizer's
count of updates so far, and computes in the dtype of its initial learning rate (a Python float: float32),
so a float64 run gives it, and Adam's β and ε, as float64 numbers; ``fit`` is given the shared order as a
``tf.data`` pipeline of every epoch's batches in turn."""
import math

import keras
import numpy as np
import tensorflow as tf

from tf_impl.registry import register, variant


def by_hand(x, y, params, *, learning_rate, decay_steps, beta_1, beta_2, epsilon, orders, batch_size):
    # W as (in, out)
    params = {k: tf.Variable(p) for k, p in params.items()}
    m = {k: tf.zeros_like(p) for k, p in params.items()}
    v = {k: tf.zeros_like(p) for k, p in params.items()}
    t, losses = 0, []
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = tf.constant(x[batch]), tf.constant(y[batch])
            with tf.GradientTape() as tape:
                h = tf.tanh(xb @ params["W1"] + params["b1"])
                loss = tf.reduce_mean((h @ params["W2"] + params["b2"] - yb) ** 2)
            # a dict, like params
            grads = tape.gradient(loss, params)
            # this update's learning rate: the cosine at the count of updates so far
            lr = learning_rate * 0.5 * (1 + math.cos(math.pi * min(t, decay_steps) / decay_steps))
            t += 1
            # Keras's form: ε before the correction
            step = lr * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
            for k, p in params.items():
                m[k] = beta_1 * m[k] + (1 - beta_1) * grads[k]
                v[k] = beta_2 * v[k] + (1 - beta_2) * grads[k] ** 2
                p.assign_sub(step * m[k] / (tf.sqrt(v[k]) + epsilon))
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {k: p.numpy() for k, p in params.items()}}


def sequential(x, y, params, *, learning_rate, decay_steps, beta_1, beta_2, epsilon, orders, batch_size):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    features, hidden = params["W1"].shape
    model = keras.Sequential([keras.Input((features,)),
                              keras.layers.Dense(hidden, activation="tanh"),
                              keras.layers.Dense(1)])
    # kernels are (in, out) already
    model.set_weights([params["W1"], params["b1"], params["W2"], params["b2"]])
    # Python floats would make the schedule and Adam's constants float32: a float64 model gets float64 numbers
    f = np.float64 if x.dtype == np.float64 else float
    schedule = keras.optimizers.schedules.CosineDecay(f(learning_rate), decay_steps=decay_steps)
    optimizer = keras.optimizers.Adam(schedule, beta_1=f(beta_1), beta_2=f(beta_2), epsilon=f(epsilon))
    model.compile(optimizer=optimizer, loss=keras.losses.MeanSquaredError())
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0)
    W1, b1, W2, b2 = model.get_weights()
    return {"losses": history.history["loss"], "weights": {"W1": W1, "b1": b1, "W2": W2, "b2": b2}}


def functional(x, y, params, *, learning_rate, decay_steps, beta_1, beta_2, epsilon, orders, batch_size):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    features, hidden = params["W1"].shape
    inputs = keras.Input((features,))
    h = keras.layers.Dense(hidden, activation="tanh")(inputs)
    model = keras.Model(inputs, keras.layers.Dense(1)(h))
    # kernels are (in, out) already
    model.set_weights([params["W1"], params["b1"], params["W2"], params["b2"]])
    # Python floats would make the schedule and Adam's constants float32: a float64 model gets float64 numbers
    f = np.float64 if x.dtype == np.float64 else float
    schedule = keras.optimizers.schedules.CosineDecay(f(learning_rate), decay_steps=decay_steps)
    optimizer = keras.optimizers.Adam(schedule, beta_1=f(beta_1), beta_2=f(beta_2), epsilon=f(epsilon))
    model.compile(optimizer=optimizer, loss=keras.losses.MeanSquaredError())
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0)
    W1, b1, W2, b2 = model.get_weights()
    return {"losses": history.history["loss"], "weights": {"W1": W1, "b1": b1, "W2": W2, "b2": b2}}


# The harness finds the ways here (conformance/study.py names them).
register("example", "cosine_adam", status="composed",
         note="by hand: the tape gives the gradients, the cosine schedule and Adam are written out in Keras's "
              "form; the variants sequential and functional are Keras models with Adam on CosineDecay, trained "
              "by compile and fit")(by_hand)
variant("example", "cosine_adam", "sequential")(sequential)
variant("example", "cosine_adam", "functional")(functional)

"""The clipped, penalized ReLU network of ``reference/examples/clipped_mlp.py`` in TensorFlow and Keras: by
hand (``tf.GradientTape`` around the loss plus the penalty, the global-norm clipping and momentum written out
in Keras's form: the norm without ε, v ← μ·v − η·g, θ ← θ + v), ``keras.Sequential`` and the functional API
with ``Dense(kernel_regularizer=keras.regularizers.L2(l2))`` and ``SGD(global_clipnorm=max_norm)``, trained by
``compile`` and ``fit``. Arguments and result as in the reference module.

Keras conventions met here: ``Dense`` stores its kernel as (in, out), as the reference; everything computes
in float32 unless ``floatx`` and the dtype policy say otherwise; ``L2(l2)`` is l2·Σ W² (no ½); ``fit`` adds
the layers' penalties to the loss it differentiates and reports; ``global_clipnorm`` clips all gradients by
their joint norm (``clipnorm`` would clip each by its own); ``keras.optimizers.SGD`` casts a Python-float
momentum through float32 (a float64 run gives it as a float64 number); ``fit`` is given the shared order as a
``tf.data`` pipeline of every epoch's batches in turn."""
import keras
import numpy as np
import tensorflow as tf

from tf_impl.registry import register, variant


def by_hand(x, y, params, *, learning_rate, momentum, l2, max_norm, orders, batch_size):
    # W as (in, out)
    params = {k: tf.Variable(p) for k, p in params.items()}
    depth = len(params) // 2
    velocity = {k: tf.zeros_like(p) for k, p in params.items()}
    losses = []
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            yb = tf.constant(y[batch])
            with tf.GradientTape() as tape:
                h = tf.constant(x[batch])
                for i in range(1, depth):
                    h = tf.nn.relu(h @ params[f"W{i}"] + params[f"b{i}"])
                p = tf.sigmoid(h @ params[f"W{depth}"] + params[f"b{depth}"])
                penalty = l2 * sum(tf.reduce_sum(params[f"W{i}"] ** 2) for i in range(1, depth + 1))
                loss = -tf.reduce_mean(yb * tf.math.log(p) + (1 - yb) * tf.math.log(1 - p)) + penalty
            grads = tape.gradient(loss, params)
            # clip by the global norm, Keras's form: g · c / max(‖g‖, c)
            norm = tf.sqrt(sum(tf.reduce_sum(g ** 2) for g in grads.values()))
            scale = max_norm / tf.maximum(norm, max_norm)
            # Keras's form: the buffer holds the step
            for k, w in params.items():
                velocity[k] = momentum * velocity[k] - learning_rate * grads[k] * scale
                w.assign_add(velocity[k])
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {k: w.numpy() for k, w in params.items()}}


def sequential(x, y, params, *, learning_rate, momentum, l2, max_norm, orders, batch_size):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    depth = len(params) // 2
    widths = [params[f"W{i}"].shape[1] for i in range(1, depth + 1)]
    model = keras.Sequential(
        [keras.Input((x.shape[1],))]
        + [keras.layers.Dense(w, activation="relu", kernel_regularizer=keras.regularizers.L2(l2)) for w in widths[:-1]]
        + [keras.layers.Dense(widths[-1], activation="sigmoid", kernel_regularizer=keras.regularizers.L2(l2))])
    # kernels (in, out)
    model.set_weights([params[f"{k}{i}"] for i in range(1, depth + 1) for k in "Wb"])
    # Keras casts a Python-float momentum through float32: a float64 model gets a float64 number
    f = np.float64 if x.dtype == np.float64 else float
    optimizer = keras.optimizers.SGD(learning_rate, momentum=f(momentum), global_clipnorm=max_norm)
    model.compile(optimizer=optimizer, loss=keras.losses.BinaryCrossentropy())
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0)
    trained = model.get_weights()                          # W1, b1, W2, b2, ...
    names = [f"{k}{i}" for i in range(1, depth + 1) for k in "Wb"]
    return {"losses": history.history["loss"], "weights": dict(zip(names, trained))}


def functional(x, y, params, *, learning_rate, momentum, l2, max_norm, orders, batch_size):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    depth = len(params) // 2
    widths = [params[f"W{i}"].shape[1] for i in range(1, depth + 1)]
    inputs = h = keras.Input((x.shape[1],))
    for w in widths[:-1]:
        h = keras.layers.Dense(w, activation="relu", kernel_regularizer=keras.regularizers.L2(l2))(h)
    outputs = keras.layers.Dense(widths[-1], activation="sigmoid", kernel_regularizer=keras.regularizers.L2(l2))(h)
    model = keras.Model(inputs, outputs)
    # kernels (in, out)
    model.set_weights([params[f"{k}{i}"] for i in range(1, depth + 1) for k in "Wb"])
    # Keras casts a Python-float momentum through float32: a float64 model gets a float64 number
    f = np.float64 if x.dtype == np.float64 else float
    optimizer = keras.optimizers.SGD(learning_rate, momentum=f(momentum), global_clipnorm=max_norm)
    model.compile(optimizer=optimizer, loss=keras.losses.BinaryCrossentropy())
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0)
    trained = model.get_weights()                          # W1, b1, W2, b2, ...
    names = [f"{k}{i}" for i in range(1, depth + 1) for k in "Wb"]
    return {"losses": history.history["loss"], "weights": dict(zip(names, trained))}


# The harness finds the ways here (conformance/study.py names them).
register("example", "clipped_mlp", status="composed",
         note="by hand: the tape gives the gradients, the clipping and momentum are written out in Keras's form; "
              "the variants sequential and functional use kernel_regularizer and global_clipnorm, trained by "
              "compile and fit")(by_hand)
variant("example", "clipped_mlp", "sequential")(sequential)
variant("example", "clipped_mlp", "functional")(functional)

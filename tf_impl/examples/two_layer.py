"""The two-layer tanh/sigmoid network of ``reference/examples/two_layer.py`` in TensorFlow and Keras,
three ways: by hand (``tf.Variable``, the loss under ``tf.GradientTape``, ``assign_sub``), a
``keras.Sequential`` and the functional API, both trained by ``compile`` and ``fit``. Arguments and
result as in the reference module.

Keras conventions met here: ``Dense`` stores its kernel as (in, out), the reference's layout, so the
weights go in as they are; everything computes in float32 unless ``floatx`` and the dtype policy say
otherwise (layers, losses and the metric ``fit`` reports the loss with); ``fit`` is given the shared
order as a ``tf.data`` pipeline of every epoch's batches in turn (``steps_per_epoch`` batches an epoch: N
a multiple of the batch size) and reports each epoch's mean batch loss."""
import keras
import numpy as np
import tensorflow as tf

from tf_impl.registry import register, variant


def by_hand(x, y, params, *, learning_rate, orders, batch_size):
    W1, b1, W2, b2 = (tf.Variable(params[k]) for k in ("W1", "b1", "W2", "b2"))
    losses = []
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = tf.constant(x[batch]), tf.constant(y[batch])
            # records the forward pass
            with tf.GradientTape() as tape:
                h = tf.tanh(xb @ W1 + b1)                                   # (B, H)
                p = tf.sigmoid(h @ W2 + b2)                                 # (B, 1)
                loss = -tf.reduce_mean(yb * tf.math.log(p) + (1 - yb) * tf.math.log(1 - p))
            grads = tape.gradient(loss, [W1, b1, W2, b2])
            for w, g in zip([W1, b1, W2, b2], grads):
                w.assign_sub(learning_rate * g)
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    weights = {k: w.numpy() for k, w in zip(("W1", "b1", "W2", "b2"), (W1, b1, W2, b2))}
    return {"losses": losses, "weights": weights}


def sequential(x, y, params, *, learning_rate, orders, batch_size):
    features, hidden = params["W1"].shape
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    model = keras.Sequential([
        keras.Input((features,)),
        keras.layers.Dense(hidden, activation="tanh"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    # kernels are (in, out) already
    model.set_weights([params["W1"], params["b1"], params["W2"], params["b2"]])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate),
                  loss=keras.losses.BinaryCrossentropy())
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0)
    losses = history.history["loss"]
    W1, b1, W2, b2 = model.get_weights()
    return {"losses": losses, "weights": {"W1": W1, "b1": b1, "W2": W2, "b2": b2}}


def functional(x, y, params, *, learning_rate, orders, batch_size):
    features, hidden = params["W1"].shape
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    inputs = keras.Input((features,))
    h = keras.layers.Dense(hidden, activation="tanh")(inputs)
    p = keras.layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(inputs, p)
    # kernels are (in, out) already
    model.set_weights([params["W1"], params["b1"], params["W2"], params["b2"]])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate),
                  loss=keras.losses.BinaryCrossentropy())
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0)
    losses = history.history["loss"]
    W1, b1, W2, b2 = model.get_weights()
    return {"losses": losses, "weights": {"W1": W1, "b1": b1, "W2": W2, "b2": b2}}


# The harness finds the ways here (conformance/study.py names them).
register("example", "two_layer", status="composed",
         note="by hand: the tape gives the gradients, the update is assign_sub; the variants sequential and "
              "functional are Keras models trained by compile and fit")(by_hand)
variant("example", "two_layer", "sequential")(sequential)
variant("example", "two_layer", "functional")(functional)

"""Linear, logistic and softmax regression (``reference/examples/linear_model.py``) in TensorFlow and
Keras: by hand (``tf.Variable``, ``tf.GradientTape``, ``assign_sub``), ``keras.Sequential`` and the
functional API with ``compile`` and ``fit``. Arguments and result as in the reference module.

Keras conventions met here: ``Dense`` stores its kernel as (in, out), as the reference; everything
computes in float32 unless ``floatx`` and the dtype policy say otherwise; the softmax model ends at the
logits and its loss is told so (``from_logits=True``); ``fit`` is given the shared order as a ``tf.data``
pipeline of every epoch's batches in turn (``steps_per_epoch`` batches an epoch)."""
import keras
import numpy as np
import tensorflow as tf

from tf_impl.registry import register, variant


def by_hand(x, y, params, *, link, learning_rate, orders, batch_size):
    # W as (in, out): z = x @ W + b
    W, b = tf.Variable(params["W"]), tf.Variable(params["b"])
    losses = []
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = tf.constant(x[batch]), tf.constant(y[batch])
            with tf.GradientTape() as tape:
                z = xb @ W + b
                if link == "identity":
                    loss = tf.reduce_mean((z - yb) ** 2)
                elif link == "sigmoid":
                    p = tf.sigmoid(z)
                    loss = -tf.reduce_mean(yb * tf.math.log(p) + (1 - yb) * tf.math.log(1 - p))
                else:
                    loss = -tf.reduce_mean(tf.reduce_sum(yb * tf.nn.log_softmax(z, axis=1), axis=1))
            dW, db = tape.gradient(loss, [W, b])
            W.assign_sub(learning_rate * dW)
            b.assign_sub(learning_rate * db)
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {"W": W.numpy(), "b": b.numpy()}}


def sequential(x, y, params, *, link, learning_rate, orders, batch_size):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    features, outputs = params["W"].shape
    model = keras.Sequential([keras.Input((features,)),
                              keras.layers.Dense(outputs, activation="sigmoid" if link == "sigmoid" else None)])
    model.set_weights([params["W"], params["b"]])          # the kernel is (in, out) already
    loss = {"identity": keras.losses.MeanSquaredError(), "sigmoid": keras.losses.BinaryCrossentropy(),
            "softmax": keras.losses.CategoricalCrossentropy(from_logits=True)}[link]
    model.compile(optimizer=keras.optimizers.SGD(learning_rate), loss=loss)
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0)
    losses = history.history["loss"]
    W, b = model.get_weights()
    return {"losses": losses, "weights": {"W": W, "b": b}}


def functional(x, y, params, *, link, learning_rate, orders, batch_size):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    features, outputs = params["W"].shape
    inputs = keras.Input((features,))
    z = keras.layers.Dense(outputs, activation="sigmoid" if link == "sigmoid" else None)(inputs)
    model = keras.Model(inputs, z)
    model.set_weights([params["W"], params["b"]])          # the kernel is (in, out) already
    loss = {"identity": keras.losses.MeanSquaredError(), "sigmoid": keras.losses.BinaryCrossentropy(),
            "softmax": keras.losses.CategoricalCrossentropy(from_logits=True)}[link]
    model.compile(optimizer=keras.optimizers.SGD(learning_rate), loss=loss)
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0)
    losses = history.history["loss"]
    W, b = model.get_weights()
    return {"losses": losses, "weights": {"W": W, "b": b}}


# The harness finds the ways here (conformance/study.py names them).
register("example", "linear_model", status="composed",
         note="by hand: the tape gives the gradients, the update is assign_sub; the variants sequential and "
              "functional are Keras models trained by compile and fit")(by_hand)
variant("example", "linear_model", "sequential")(sequential)
variant("example", "linear_model", "functional")(functional)

"""The skip-connection graph of ``reference/examples/skip_graph.py`` in TensorFlow and Keras: by hand
(``tf.Variable``, ``tf.concat`` for the skip, ``tf.GradientTape``, momentum written out in Keras's form,
v ← μ·v − η·g, θ ← θ + v) and the functional API (``keras.layers.Add`` and ``Concatenate`` called on
tensors, ``keras.Model(inputs, outputs)``, ``compile`` and ``fit``). A ``keras.Sequential`` is a stack and
cannot hold the graph: there is no Sequential way (``Example.missing``). Arguments and result as in the
reference module.

Keras conventions met here: ``Dense`` stores its kernel as (in, out), as the reference; everything computes
in float32 unless ``floatx`` and the dtype policy say otherwise; ``keras.optimizers.SGD`` casts a Python-float
momentum through float32 (a float64 run gives it as a float64 number); ``fit`` is given the shared order as a
``tf.data`` pipeline of every epoch's batches in turn."""
import keras
import numpy as np
import tensorflow as tf

from tf_impl.registry import register, variant


def by_hand(x, y, params, *, learning_rate, momentum, orders, batch_size):
    # W as (in, out)
    params = {k: tf.Variable(p) for k, p in params.items()}
    velocity = {k: tf.zeros_like(p) for k, p in params.items()}
    losses = []
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = tf.constant(x[batch]), tf.constant(y[batch])
            with tf.GradientTape() as tape:
                h = tf.tanh((xb @ params["Wa"] + params["ba"]) + (xb @ params["Wb"] + params["bb"]))
                c = tf.concat([h, xb], axis=1)                              # the skip connection
                p = tf.sigmoid(c @ params["Wo"] + params["bo"])
                loss = -tf.reduce_mean(yb * tf.math.log(p) + (1 - yb) * tf.math.log(1 - p))
            grads = tape.gradient(loss, params)
            # Keras's form: the buffer holds the step
            for k, w in params.items():
                velocity[k] = momentum * velocity[k] - learning_rate * grads[k]
                w.assign_add(velocity[k])
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {k: w.numpy() for k, w in params.items()}}


def functional(x, y, params, *, learning_rate, momentum, orders, batch_size):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    features, hidden = params["Wa"].shape
    dense_a, dense_b = keras.layers.Dense(hidden), keras.layers.Dense(hidden)
    dense_o = keras.layers.Dense(1, activation="sigmoid")
    inputs = keras.Input((features,))
    h = keras.layers.Activation("tanh")(keras.layers.Add()([dense_a(inputs), dense_b(inputs)]))
    outputs = dense_o(keras.layers.Concatenate()([h, inputs]))          # the skip connection
    model = keras.Model(inputs, outputs)
    # kernels are (in, out) already
    for name, dense in (("a", dense_a), ("b", dense_b), ("o", dense_o)):
        dense.set_weights([params[f"W{name}"], params[f"b{name}"]])
    # Keras casts a Python-float momentum through float32: a float64 model gets a float64 number
    f = np.float64 if x.dtype == np.float64 else float
    model.compile(optimizer=keras.optimizers.SGD(learning_rate, momentum=f(momentum)),
                  loss=keras.losses.BinaryCrossentropy())
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0)
    weights = {}
    for name, dense in (("a", dense_a), ("b", dense_b), ("o", dense_o)):
        weights[f"W{name}"], weights[f"b{name}"] = dense.get_weights()
    return {"losses": history.history["loss"], "weights": weights}


# The harness finds the ways here (conformance/study.py names them).
register("example", "skip_graph", status="composed",
         note="by hand: the tape gives the gradients, momentum is written out in Keras's form; the variant "
              "functional is a Keras functional model with Add and Concatenate, trained by compile and fit")(by_hand)
variant("example", "skip_graph", "functional")(functional)

"""The early-stopped network of ``reference/examples/early_stopping_mlp.py`` in TensorFlow and Keras: by hand
(``tf.Variable``, ``tf.GradientTape``, momentum written out in Keras's form, v ← μ·v − η·g, θ ← θ + v, the
rule written out), ``keras.Sequential`` and the functional API trained by ``fit`` with ``validation_data``
and ``keras.callbacks.EarlyStopping(monitor="val_loss", restore_best_weights=True)``. Arguments and result as
in the reference module.

Keras conventions met here: ``Dense`` stores its kernel as (in, out), as the reference; everything computes
in float32 unless ``floatx`` and the dtype policy say otherwise; ``EarlyStopping`` compares the losses in
float32 whatever the dtype (keras/src/callbacks/monitor_callback.py, _is_improvement: the reference is told);
``keras.optimizers.SGD`` casts a Python-float momentum through float32 (a float64 run gives it as a float64
number); ``fit`` is given the shared order as a ``tf.data`` pipeline of every epoch's batches in turn, and
``history.history`` holds the epochs that ran."""
import keras
import numpy as np
import tensorflow as tf

from tf_impl.registry import register, variant


def by_hand(x, y, params, *, x_val, y_val, patience, learning_rate, momentum, orders, batch_size):
    # W as (in, out)
    params = {k: tf.Variable(p) for k, p in params.items()}
    velocity = {k: tf.zeros_like(p) for k, p in params.items()}
    losses, val_losses = [], []
    best, best_params, wait = None, None, 0
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = tf.constant(x[batch]), tf.constant(y[batch])
            with tf.GradientTape() as tape:
                h = tf.tanh(xb @ params["W1"] + params["b1"])
                p = tf.sigmoid(h @ params["W2"] + params["b2"])
                loss = -tf.reduce_mean(yb * tf.math.log(p) + (1 - yb) * tf.math.log(1 - p))
            grads = tape.gradient(loss, params)
            # Keras's form: the buffer holds the step
            for k, w in params.items():
                velocity[k] = momentum * velocity[k] - learning_rate * grads[k]
                w.assign_add(velocity[k])
            total += float(loss) * len(batch)
        losses.append(total / len(order))
        h = tf.tanh(x_val @ params["W1"] + params["b1"])
        p = tf.sigmoid(h @ params["W2"] + params["b2"])
        val_losses.append(float(-tf.reduce_mean(y_val * tf.math.log(p) + (1 - y_val) * tf.math.log(1 - p))))
        if best is None or val_losses[-1] < best:
            best, best_params, wait = val_losses[-1], {k: w.numpy() for k, w in params.items()}, 0
        else:
            wait += 1
            if wait >= patience:
                break
    return {"losses": losses, "val_losses": val_losses, "weights": best_params}


def sequential(x, y, params, *, x_val, y_val, patience, learning_rate, momentum, orders, batch_size):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    features, hidden = params["W1"].shape
    model = keras.Sequential([
        keras.Input((features,)),
        keras.layers.Dense(hidden, activation="tanh"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    # kernels are (in, out) already
    model.set_weights([params["W1"], params["b1"], params["W2"], params["b2"]])
    # Keras casts a Python-float momentum through float32: a float64 model gets a float64 number
    f = np.float64 if x.dtype == np.float64 else float
    model.compile(optimizer=keras.optimizers.SGD(learning_rate, momentum=f(momentum)),
                  loss=keras.losses.BinaryCrossentropy())
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience, restore_best_weights=True)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        validation_data=(x_val, y_val), callbacks=[stop], shuffle=False, verbose=0)
    W1, b1, W2, b2 = model.get_weights()            # the best epoch's, restored
    return {"losses": history.history["loss"], "val_losses": history.history["val_loss"],
            "weights": {"W1": W1, "b1": b1, "W2": W2, "b2": b2}}


def functional(x, y, params, *, x_val, y_val, patience, learning_rate, momentum, orders, batch_size):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    features, hidden = params["W1"].shape
    inputs = keras.Input((features,))
    h = keras.layers.Dense(hidden, activation="tanh")(inputs)
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(h))
    # kernels are (in, out) already
    model.set_weights([params["W1"], params["b1"], params["W2"], params["b2"]])
    # Keras casts a Python-float momentum through float32: a float64 model gets a float64 number
    f = np.float64 if x.dtype == np.float64 else float
    model.compile(optimizer=keras.optimizers.SGD(learning_rate, momentum=f(momentum)),
                  loss=keras.losses.BinaryCrossentropy())
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience, restore_best_weights=True)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        validation_data=(x_val, y_val), callbacks=[stop], shuffle=False, verbose=0)
    W1, b1, W2, b2 = model.get_weights()            # the best epoch's, restored
    return {"losses": history.history["loss"], "val_losses": history.history["val_loss"],
            "weights": {"W1": W1, "b1": b1, "W2": W2, "b2": b2}}


# The harness finds the ways here (conformance/study.py names them).
register("example", "early_stopping_mlp", status="composed",
         note="by hand: the tape gives the gradients, momentum and the stopping rule are written out; the variants "
              "sequential and functional are Keras models trained by fit with validation_data and "
              "keras.callbacks.EarlyStopping")(by_hand)
variant("example", "early_stopping_mlp", "sequential")(sequential)
variant("example", "early_stopping_mlp", "functional")(functional)

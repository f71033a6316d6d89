"""The PyTorch tutorial's network (``reference/examples/relu_adam.py``) in TensorFlow and Keras: by hand
(``tf.GradientTape`` for the gradients, Adam written out in Keras's form, ε added to √v before the bias
correction, as ``keras.optimizers.Adam`` places it), ``keras.Sequential`` and the functional API with
``compile`` and ``fit``. Arguments and result as in the reference module.

Keras conventions met here: ``Dense`` stores its kernel as (in, out), as the reference; everything
computes in float32 unless ``floatx`` and the dtype policy say otherwise; ``keras.optimizers.Adam``'s
ε defaults to 1e-7 (torch's and the paper's: 1e-8), so it is given, and it casts Python-float
hyperparameters through float32 (a float64 run gives them as float64; the bias corrections 1 − βᵗ are
then formed in the variables' dtype); the summed squared error is
a function of (y_true, y_pred) (``MeanSquaredError(reduction="sum")`` adds over the batch the per-sample
means over the K outputs: 1/K of it); ``fit`` is given the shared order as a ``tf.data``
pipeline of every epoch's batches in turn."""
import keras
import numpy as np
import tensorflow as tf

from tf_impl.registry import register, variant


def by_hand(x, y, params, *, learning_rate, beta_1, beta_2, epsilon, orders, batch_size):
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
                h = tf.nn.relu(xb @ params["W1"] + params["b1"])
                loss = tf.reduce_sum((h @ params["W2"] + params["b2"] - yb) ** 2)
            # a dict, like params
            grads = tape.gradient(loss, params)
            t += 1
            # Keras's form:
            step = learning_rate * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
            # ε before the correction
            for k, p in params.items():
                m[k] = beta_1 * m[k] + (1 - beta_1) * grads[k]
                v[k] = beta_2 * v[k] + (1 - beta_2) * grads[k] ** 2
                p.assign_sub(step * m[k] / (tf.sqrt(v[k]) + epsilon))
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {k: p.numpy() for k, p in params.items()}}


def sequential(x, y, params, *, learning_rate, beta_1, beta_2, epsilon, orders, batch_size):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    (features, hidden), outputs = params["W1"].shape, params["W2"].shape[1]
    model = keras.Sequential([keras.Input((features,)),
                              keras.layers.Dense(hidden, activation="relu"),
                              keras.layers.Dense(outputs)])
    # kernels are (in, out) already
    model.set_weights([params["W1"], params["b1"], params["W2"], params["b2"]])
    # Keras casts Python-float hyperparameters through float32 (0.9 -> 0.8999999761581421): a float64 model
    # gets them as float64 numbers. Its default ε is 1e-7, torch's 1e-8: given too.
    f = np.float64 if x.dtype == np.float64 else float
    optimizer = keras.optimizers.Adam(learning_rate, beta_1=f(beta_1), beta_2=f(beta_2), epsilon=f(epsilon))
    # The summed squared error as a function: MeanSquaredError(reduction="sum") would add per-sample means
    model.compile(optimizer=optimizer, loss=lambda y_true, y_pred: keras.ops.sum((y_pred - y_true) ** 2))
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0)
    W1, b1, W2, b2 = model.get_weights()
    return {"losses": history.history["loss"], "weights": {"W1": W1, "b1": b1, "W2": W2, "b2": b2}}


def functional(x, y, params, *, learning_rate, beta_1, beta_2, epsilon, orders, batch_size):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    (features, hidden), outputs = params["W1"].shape, params["W2"].shape[1]
    inputs = keras.Input((features,))
    h = keras.layers.Dense(hidden, activation="relu")(inputs)
    model = keras.Model(inputs, keras.layers.Dense(outputs)(h))
    # kernels are (in, out) already
    model.set_weights([params["W1"], params["b1"], params["W2"], params["b2"]])
    # Keras casts Python-float hyperparameters through float32 (0.9 -> 0.8999999761581421): a float64 model
    # gets them as float64 numbers. Its default ε is 1e-7, torch's 1e-8: given too.
    f = np.float64 if x.dtype == np.float64 else float
    optimizer = keras.optimizers.Adam(learning_rate, beta_1=f(beta_1), beta_2=f(beta_2), epsilon=f(epsilon))
    # The summed squared error as a function: MeanSquaredError(reduction="sum") would add per-sample means
    model.compile(optimizer=optimizer, loss=lambda y_true, y_pred: keras.ops.sum((y_pred - y_true) ** 2))
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0)
    W1, b1, W2, b2 = model.get_weights()
    return {"losses": history.history["loss"], "weights": {"W1": W1, "b1": b1, "W2": W2, "b2": b2}}


# The harness finds the ways here (conformance/study.py names them).
register("example", "relu_adam", status="composed",
         note="by hand: the tape gives the gradients, Adam is written out in Keras's form; the variants "
              "sequential and functional are Keras models trained by compile and fit")(by_hand)
variant("example", "relu_adam", "sequential")(sequential)
variant("example", "relu_adam", "functional")(functional)

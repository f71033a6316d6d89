"""The batch-normalized network of ``reference/examples/batch_norm_mlp.py`` in TensorFlow and Keras: by
hand (``tf.nn.moments`` and the normalization written out under ``tf.GradientTape``, momentum in Keras's
form, v ← μ·v − η·g, θ ← θ + v), ``keras.Sequential`` and the functional API with
``Dense(use_bias=False)``, ``BatchNormalization``, ``compile`` and ``fit``. Arguments and result as in
the reference module.

Keras conventions met here: ``Dense`` stores its kernel as (in, out), as the reference; a
``BatchNormalization`` holds γ, β, its moving mean and its moving variance, in that order, and ``fit``
normalizes with the batch's statistics; its ε defaults to 1e-3; everything computes in float32 unless
``floatx`` and the dtype policy say otherwise; ``keras.optimizers.SGD`` casts a Python-float momentum
through float32 (a float64 run gives it as a float64 number); ``fit`` is given the shared order as a
``tf.data`` pipeline of every epoch's batches in turn."""
import keras
import numpy as np
import tensorflow as tf

from tf_impl.registry import register, variant


def by_hand(x, y, params, *, epsilon, learning_rate, momentum, orders, batch_size):
    params = {k: tf.Variable(p) for k, p in params.items()}                      # W as (in, out)
    depth = sum(k.startswith("W") for k in params)
    velocity = {k: tf.zeros_like(p) for k, p in params.items()}
    losses = []
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            a, yb = tf.constant(x[batch]), tf.constant(y[batch])
            with tf.GradientTape() as tape:
                for i in range(1, depth):
                    z = a @ params[f"W{i}"]
                    mean, var = tf.nn.moments(z, axes=[0])             # the batch's statistics (biased)
                    z_hat = (z - mean) / tf.sqrt(var + epsilon)
                    a = tf.nn.relu(params[f"gamma{i}"] * z_hat + params[f"beta{i}"])
                p = tf.sigmoid(a @ params[f"W{depth}"] + params[f"b{depth}"])
                loss = -tf.reduce_mean(yb * tf.math.log(p) + (1 - yb) * tf.math.log(1 - p))
            grads = tape.gradient(loss, params)
            # Keras's form: the buffer holds the step
            for k, w in params.items():
                velocity[k] = momentum * velocity[k] - learning_rate * grads[k]
                w.assign_add(velocity[k])
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {k: w.numpy() for k, w in params.items()}}


def sequential(x, y, params, *, epsilon, learning_rate, momentum, orders, batch_size):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    depth = sum(k.startswith("W") for k in params)
    layers = [keras.Input((x.shape[1],))]
    for i in range(1, depth):
        layers += [keras.layers.Dense(params[f"W{i}"].shape[1], use_bias=False),
                   keras.layers.BatchNormalization(epsilon=epsilon), keras.layers.ReLU()]
    model = keras.Sequential(layers + [keras.layers.Dense(1, activation="sigmoid")])
    # per block: the kernel (in, out), then γ, β, the moving mean and the moving variance
    weights = []
    for i in range(1, depth):
        width = params[f"W{i}"].shape[1]
        weights += [params[f"W{i}"], params[f"gamma{i}"], params[f"beta{i}"],
                    np.zeros(width, x.dtype), np.ones(width, x.dtype)]
    model.set_weights(weights + [params[f"W{depth}"], params[f"b{depth}"]])
    # Keras casts a Python-float momentum through float32: a float64 model gets a float64 number
    f = np.float64 if x.dtype == np.float64 else float
    model.compile(optimizer=keras.optimizers.SGD(learning_rate, momentum=f(momentum)),
                  loss=keras.losses.BinaryCrossentropy())
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0)
    trained, out = model.get_weights(), {}
    for i in range(1, depth):
        out[f"W{i}"], out[f"gamma{i}"], out[f"beta{i}"] = trained[5 * (i - 1):5 * (i - 1) + 3]
    out[f"W{depth}"], out[f"b{depth}"] = trained[-2:]
    return {"losses": history.history["loss"], "weights": out}


def functional(x, y, params, *, epsilon, learning_rate, momentum, orders, batch_size):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    depth = sum(k.startswith("W") for k in params)
    inputs = h = keras.Input((x.shape[1],))
    for i in range(1, depth):
        h = keras.layers.Dense(params[f"W{i}"].shape[1], use_bias=False)(h)
        h = keras.layers.BatchNormalization(epsilon=epsilon)(h)
        h = keras.layers.ReLU()(h)
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(h))
    # per block: the kernel (in, out), then γ, β, the moving mean and the moving variance
    weights = []
    for i in range(1, depth):
        width = params[f"W{i}"].shape[1]
        weights += [params[f"W{i}"], params[f"gamma{i}"], params[f"beta{i}"],
                    np.zeros(width, x.dtype), np.ones(width, x.dtype)]
    model.set_weights(weights + [params[f"W{depth}"], params[f"b{depth}"]])
    # Keras casts a Python-float momentum through float32: a float64 model gets a float64 number
    f = np.float64 if x.dtype == np.float64 else float
    model.compile(optimizer=keras.optimizers.SGD(learning_rate, momentum=f(momentum)),
                  loss=keras.losses.BinaryCrossentropy())
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0)
    trained, out = model.get_weights(), {}
    for i in range(1, depth):
        out[f"W{i}"], out[f"gamma{i}"], out[f"beta{i}"] = trained[5 * (i - 1):5 * (i - 1) + 3]
    out[f"W{depth}"], out[f"b{depth}"] = trained[-2:]
    return {"losses": history.history["loss"], "weights": out}


# The harness finds the ways here (conformance/study.py names them).
register("example", "batch_norm_mlp", status="composed",
         note="by hand: the normalization written out, the tape for the gradients, momentum in Keras's form; "
              "the variants sequential and functional are Keras models trained by compile and fit")(by_hand)
variant("example", "batch_norm_mlp", "sequential")(sequential)
variant("example", "batch_norm_mlp", "functional")(functional)

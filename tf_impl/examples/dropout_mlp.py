"""The dropout network of ``reference/examples/dropout_mlp.py`` in TensorFlow and Keras, three ways: by hand
(``tf.Variable``, the given keep-masks applied as ``tf.nn.dropout`` would, kept units scaled by 1/(1 − p), the
loss under ``tf.GradientTape``, ``assign_sub``), a ``keras.Sequential`` and the functional API with
``keras.layers.Dropout``, both trained by ``compile`` and ``fit``. Arguments and result as in the reference
module.

``keras.layers.Dropout`` draws its own masks from its ``SeedGenerator``, seeded here through
``keras.utils.set_random_seed(seed)`` (the Keras ways take ``seed`` instead of ``masks``). To compare them
with the reference exactly the harness needs each update's masks: the callback ``MaskRecorder`` reads them
before every update with the model family's ``read_draw`` (each Dropout layer's seed-generator state saved,
the layer called in training on ones, where a kept unit shows 1/(1 − p) and a dropped one 0, the state
restored, so the update draws the same numbers), and the ways return the masks it read, one boolean (B, H)
mask per dropout layer per update."""
import keras
import numpy as np
import tensorflow as tf

from reference.layers.dropout import kept_units
from tf_impl.model_runner import read_draw
from tf_impl.registry import Probe, register, variant


def by_hand(x, y, params, *, rate, masks, learning_rate, orders, batch_size):
    # W as (in, out)
    params = {k: tf.Variable(p) for k, p in params.items()}
    losses, step = [], 0
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = tf.constant(x[batch]), tf.constant(y[batch])
            keep1, keep2 = (tf.cast(m, x.dtype) for m in masks[step])
            step += 1
            with tf.GradientTape() as tape:
                h1 = tf.nn.relu(xb @ params["W1"] + params["b1"]) * (keep1 / (1 - rate))
                h2 = tf.nn.relu(h1 @ params["W2"] + params["b2"]) * (keep2 / (1 - rate))
                p = tf.sigmoid(h2 @ params["W3"] + params["b3"])
                loss = -tf.reduce_mean(yb * tf.math.log(p) + (1 - yb) * tf.math.log(1 - p))
            grads = tape.gradient(loss, params)
            for k, w in params.items():
                w.assign_sub(learning_rate * grads[k])
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {k: w.numpy() for k, w in params.items()}}


def sequential(x, y, params, *, rate, learning_rate, orders, batch_size, seed):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    keras.utils.set_random_seed(seed)               # the Dropout layers' seed generators
    (features, hidden1), hidden2 = params["W1"].shape, params["W2"].shape[1]
    model = keras.Sequential([
        keras.Input((features,)),
        keras.layers.Dense(hidden1, activation="relu"),
        keras.layers.Dropout(rate),
        keras.layers.Dense(hidden2, activation="relu"),
        keras.layers.Dropout(rate),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    # kernels are (in, out) already
    model.set_weights([params[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate), loss=keras.losses.BinaryCrossentropy())
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    masks = MaskRecorder(batch_size)    # for the harness, not the training: each update's masks, read back
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0, callbacks=[masks])
    W1, b1, W2, b2, W3, b3 = model.get_weights()
    return {"losses": history.history["loss"], "weights": {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3},
            "masks": masks.masks}


def functional(x, y, params, *, rate, learning_rate, orders, batch_size, seed):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    keras.utils.set_random_seed(seed)               # the Dropout layers' seed generators
    (features, hidden1), hidden2 = params["W1"].shape, params["W2"].shape[1]
    inputs = keras.Input((features,))
    h1 = keras.layers.Dropout(rate)(keras.layers.Dense(hidden1, activation="relu")(inputs))
    h2 = keras.layers.Dropout(rate)(keras.layers.Dense(hidden2, activation="relu")(h1))
    p = keras.layers.Dense(1, activation="sigmoid")(h2)
    model = keras.Model(inputs, p)
    # kernels are (in, out) already
    model.set_weights([params[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate), loss=keras.losses.BinaryCrossentropy())
    # fit would draw its own order: it gets the shared one instead, every epoch's order in turn
    order = np.concatenate(orders)
    batches = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(batch_size)
    masks = MaskRecorder(batch_size)    # for the harness, not the training: each update's masks, read back
    history = model.fit(batches, epochs=len(orders), steps_per_epoch=len(batches) // len(orders),
                        shuffle=False, verbose=0, callbacks=[masks])
    W1, b1, W2, b2, W3, b3 = model.get_weights()
    return {"losses": history.history["loss"], "weights": {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3},
            "masks": masks.masks}


class MaskRecorder(keras.callbacks.Callback):
    """Before each update (``on_train_batch_begin``), the keep-masks every ``Dropout`` layer of the model is about
    to draw on a batch of ``batch_size``, read by ``read_draw`` (module docstring): ``masks``, one list per
    update of boolean (B, H) arrays, the layers in the model's order."""

    def __init__(self, batch_size: int):
        super().__init__()
        self.batch_size, self.masks = batch_size, []

    def on_train_batch_begin(self, batch, logs=None):
        dtype = keras.config.floatx()
        self.masks.append([read_draw(layer, Probe(1.0, kept_units), self.batch_size, dtype)
                           for layer in self.model.layers if isinstance(layer, keras.layers.Dropout)])


# The harness finds the ways here (conformance/study.py names them).
register("example", "dropout_mlp", status="composed",
         note="by hand with the masks given; the variants sequential and functional are Keras models with "
              "keras.layers.Dropout trained by compile and fit, their masks read back per update")(by_hand)
variant("example", "dropout_mlp", "sequential")(sequential)
variant("example", "dropout_mlp", "functional")(functional)

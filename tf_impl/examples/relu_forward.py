"""The hand-set network of ``reference/examples/relu_forward.py`` in TensorFlow and Keras, three ways: by hand
(the forward pass written with tensors), a ``keras.Sequential`` and the functional API, both given the
weights by ``set_weights`` and evaluated by ``predict``. Arguments and result as in the reference module:
the forward pass only.

Keras conventions met here: ``Dense`` stores its kernel as (in, out), the reference's layout, so the weights
go in as written; Keras computes in float32 unless ``floatx`` and the dtype policy say otherwise."""
import keras
import tensorflow as tf

from tf_impl.registry import register, variant


def by_hand(x, y, params):
    # W as (in, out): the forward is written x @ W1 + b1
    W1, b1, W2, b2 = (tf.constant(params[k]) for k in ("W1", "b1", "W2", "b2"))
    h = tf.nn.relu(tf.constant(x) @ W1 + b1)                        # (N, H)
    outputs = h @ W2 + b2                                           # (N, 1)
    loss = tf.reduce_mean((outputs - y) ** 2)
    return {"outputs": outputs.numpy(), "loss": loss.numpy()}


def sequential(x, y, params):
    # Keras computes in float32 unless told
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    features, hidden = params["W1"].shape
    model = keras.Sequential([
        keras.Input((features,)),
        keras.layers.Dense(hidden, activation="relu"),
        keras.layers.Dense(1),
    ])
    # kernels are (in, out) already
    model.set_weights([params["W1"], params["b1"], params["W2"], params["b2"]])
    outputs = model.predict(x, verbose=0)
    loss = keras.losses.MeanSquaredError()(y, outputs)
    return {"outputs": outputs, "loss": loss.numpy()}


def functional(x, y, params):
    # Keras computes in float32 unless told
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    features, hidden = params["W1"].shape
    inputs = keras.Input((features,))
    h = keras.layers.Dense(hidden, activation="relu")(inputs)
    outputs = keras.layers.Dense(1)(h)
    model = keras.Model(inputs, outputs)
    # kernels are (in, out) already
    model.set_weights([params["W1"], params["b1"], params["W2"], params["b2"]])
    predicted = model.predict(x, verbose=0)
    loss = keras.losses.MeanSquaredError()(y, predicted)
    return {"outputs": predicted, "loss": loss.numpy()}


# The harness finds the ways here (conformance/study.py names them).
register("example", "relu_forward", status="composed",
         note="by hand: the forward pass in tensors; the variants sequential and functional are Keras models "
              "given the weights by set_weights, evaluated by predict")(by_hand)
variant("example", "relu_forward", "sequential")(sequential)
variant("example", "relu_forward", "functional")(functional)

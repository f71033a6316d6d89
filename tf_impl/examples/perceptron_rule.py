"""The perceptron (``reference/examples/perceptron_rule.py``) in TensorFlow and Keras. Neither has a
perceptron; the closest idiom is a linear unit trained by SGD on the perceptron criterion max(0, −t·s)
at twice the rule's rate, one sample per update: by hand (``tf.Variable``, ``tf.GradientTape``,
``assign_sub``), ``keras.Sequential`` and the functional API with the criterion as a loss function,
``compile`` and ``fit(batch_size=1)``. Arguments and result as in the reference module.

Keras conventions met here: ``Dense`` stores its kernel as (in, out) = (F, 1); everything computes in
float32 unless ``floatx`` and the dtype policy say otherwise; ``fit`` is given the shared order as a
``tf.data`` pipeline of every epoch's samples in turn."""
import keras
import numpy as np
import tensorflow as tf

from tf_impl.registry import register, variant


def by_hand(x, y, params, *, learning_rate, orders):
    w, b = tf.Variable(params["w"]), tf.Variable(params["b"])          # (F,), ()
    t = y[:, 0]
    losses = []
    for order in orders:
        total = 0.0
        for n in order:
            with tf.GradientTape() as tape:
                # the perceptron criterion
                loss = tf.nn.relu(-t[n] * (tf.tensordot(x[n], w, 1) + b))
            dw, db = tape.gradient(loss, [w, b])
            # SGD at 2η is the perceptron rule
            w.assign_sub(2 * learning_rate * dw)
            b.assign_sub(2 * learning_rate * db)
            total += float(loss)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {"w": w.numpy(), "b": b.numpy()}}


def sequential(x, y, params, *, learning_rate, orders):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    model = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(1)])
    # kernel (F, 1), bias (1,)
    model.set_weights([params["w"][:, None], params["b"].reshape(1)])
    # SGD at 2η is the rule
    model.compile(optimizer=keras.optimizers.SGD(2 * learning_rate),
                  # the perceptron criterion
                  loss=lambda t, s: keras.ops.relu(-t * s))
    # fit would draw its own order: it gets the shared one instead, one sample per step
    order = np.concatenate(orders)
    samples = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(1)
    history = model.fit(samples, epochs=len(orders), steps_per_epoch=len(x), shuffle=False,
                        verbose=0)
    kernel, bias = model.get_weights()
    return {"losses": history.history["loss"], "weights": {"w": kernel[:, 0], "b": bias[0]}}


def functional(x, y, params, *, learning_rate, orders):
    # Keras computes in float32 unless told: layers, losses and fit's loss metric alike
    keras.config.set_floatx(x.dtype.name)
    keras.config.set_dtype_policy(x.dtype.name)
    inputs = keras.Input((x.shape[1],))
    model = keras.Model(inputs, keras.layers.Dense(1)(inputs))
    # kernel (F, 1), bias (1,)
    model.set_weights([params["w"][:, None], params["b"].reshape(1)])
    # SGD at 2η is the rule
    model.compile(optimizer=keras.optimizers.SGD(2 * learning_rate),
                  # the perceptron criterion
                  loss=lambda t, s: keras.ops.relu(-t * s))
    # fit would draw its own order: it gets the shared one instead, one sample per step
    order = np.concatenate(orders)
    samples = tf.data.Dataset.from_tensor_slices((x[order], y[order])).batch(1)
    history = model.fit(samples, epochs=len(orders), steps_per_epoch=len(x), shuffle=False,
                        verbose=0)
    kernel, bias = model.get_weights()
    return {"losses": history.history["loss"], "weights": {"w": kernel[:, 0], "b": bias[0]}}


# The harness finds the ways here (conformance/study.py names them).
register("example", "perceptron_rule", status="composed",
         note="no perceptron in TensorFlow or Keras: SGD at 2η on the perceptron criterion, by hand; the "
              "variants sequential and functional are Keras models trained by compile and fit")(by_hand)
variant("example", "perceptron_rule", "sequential")(sequential)
variant("example", "perceptron_rule", "functional")(functional)

"""The dropout network of ``reference/examples/dropout_mlp.py`` in TensorFlow, by hand: ``tf.Variable``,
the given keep-masks applied as ``tf.nn.dropout`` would (kept units scaled by 1/(1 − p)), the loss under
``tf.GradientTape``, ``assign_sub``.

There are no Keras ways here: ``keras.layers.Dropout`` draws its own masks, which cannot be given to it.
The model family checks them instead: its runner reads each update's draws back from Keras and trains
the reference with them (``rosetta check --only 'sequential[example_dropout]'``)."""
import tensorflow as tf

from tf_impl.registry import register


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


# The harness finds the way here (conformance/study.py names them).
register("example", "dropout_mlp", status="composed",
         note="by hand with the masks given; keras.layers.Dropout draws its own: the model family reads "
              "them back")(by_hand)

"""The perceptron learning rule, composed: neither Keras nor TensorFlow has a perceptron. TensorFlow's
low-level style: ``tf.Variable`` weights updated with ``assign_add``, one sample at a time, with
``tf.sign`` (sign(0) = 0, as the reference's rule):

    for n in order:
        error = t[n] - tf.sign(tf.tensordot(x[n], w, 1) + b)
        w.assign_add(lr * error * x[n])
        b.assign_add(lr * error)

The rule, its sign(0) convention and the criterion it descends are in ``reference/models/perceptron.py``.
"""
import tensorflow as tf

from tf_impl.registry import Built, register


class Perceptron:
    def __init__(self, learning_rate: float):
        self.learning_rate = learning_rate

    def fit(self, x: tf.Tensor, t: tf.Tensor, orders, w: tf.Variable, b: tf.Variable) -> dict:
        """Trains w (F,) and b () in place; returns each step's w, b and score, stacked, and the
        mistakes of each epoch."""
        ws, bs, scores, mistakes = [], [], [], []
        for order in orders:
            wrong = 0
            for n in order:
                score = tf.tensordot(x[n], w, 1) + b
                error = t[n] - tf.sign(score)
                w.assign_add(self.learning_rate * error * x[n])
                b.assign_add(self.learning_rate * error)
                wrong += int(error != 0)
                ws.append(tf.identity(w))
                bs.append(tf.identity(b))
                scores.append(score)
            mistakes.append(wrong)
        return {"w": tf.stack(ws), "b": tf.stack(bs), "score": tf.stack(scores), "mistakes": tf.constant(mistakes)}

    @staticmethod
    def predict(x: tf.Tensor, w: tf.Variable, b: tf.Variable) -> tf.Tensor:
        return tf.sign(tf.linalg.matvec(x, w) + b)


@register("model", "perceptron", status="composed",
          note="no perceptron in Keras or TensorFlow: tf.Variable weights, tf.sign and assign_add, sample by sample")
def build(learning_rate=1.0):
    return Built(Perceptron(learning_rate))

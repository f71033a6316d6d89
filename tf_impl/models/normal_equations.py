"""Linear regression by the normal equations (ridge with ``l2`` > 0), composed: Keras has no closed-form
estimator (a ``keras.layers.Dense`` is trained by gradient descent), so this is TensorFlow ops,
``tf.linalg.solve`` on the normal equations:

    x̄, ȳ = reduce_mean(x, 0), reduce_mean(y, 0);  X, Y = x − x̄, y − ȳ      (fit_intercept: b not penalized)
    w = tf.linalg.solve(XᵀX + λ·I, XᵀY);  b = ȳ − x̄·w

The loss is Keras's own ``keras.losses.MeanSquaredError``. The formulas and the likelihood each one
maximizes are in ``reference/models/normal_equations.py``.
"""
import keras
import tensorflow as tf

from tf_impl.registry import Built, register


class NormalEquations:
    def __init__(self, l2: float, fit_intercept: bool):
        self.l2 = l2
        self.fit_intercept = fit_intercept

    def fit(self, x: tf.Tensor, y: tf.Tensor) -> dict[str, tf.Tensor]:
        """x (N, F), y (N, K) -> w (F, K), b (K,), predictions (N, K), loss and objective (scalars)."""
        if self.fit_intercept:
            x_mean, y_mean = tf.reduce_mean(x, axis=0), tf.reduce_mean(y, axis=0)
            xc, yc = x - x_mean, y - y_mean
        else:
            xc, yc = x, y
        a = tf.matmul(xc, xc, transpose_a=True) + self.l2 * tf.eye(x.shape[1], dtype=x.dtype)   # (F, F)
        w = tf.linalg.solve(a, tf.matmul(xc, yc, transpose_a=True))                            # (F, K)
        b = y_mean - tf.linalg.matvec(w, x_mean, transpose_a=True) if self.fit_intercept \
            else tf.zeros(y.shape[1], dtype=x.dtype)
        predictions = self.predict(x, w, b)
        mse = keras.losses.MeanSquaredError(reduction="sum_over_batch_size")
        return {"w": w, "b": b, "predictions": predictions,
                "loss": mse(y, predictions),
                "objective": tf.reduce_sum(tf.square(predictions - y)) + self.l2 * tf.reduce_sum(tf.square(w))}

    @staticmethod
    def predict(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) -> tf.Tensor:
        return tf.matmul(x, w) + b


@register("model", "normal_equations", status="composed",
          note="no closed-form regression in Keras: TensorFlow ops, XᵀX + λI and XᵀY, then tf.linalg.solve")
def build(l2=0.0, fit_intercept=True):
    return Built(NormalEquations(l2, fit_intercept))

"""SELU <-> ``keras.layers.Activation("selu")`` (tf.nn.selu), with the gradient at x = 0 mapped.

tf.nn.selu's gradient at exactly x = 0 is λ (the right-hand slope); torch and the reference
take λα (the left-hand slope, as ELU does in both frameworks). The builder replaces the
output at x == 0, where it is 0 on both branches, by λα·x, so only that gradient changes.
``tf_grad_at_zero=True`` keeps tf.nn.selu as it is (the divergence run).
"""
import keras

from tf_impl.registry import Built, register

# λα of tf.nn.selu and torch.nn.SELU (torch/nn/modules/activation.py, class SELU).
SCALE_ALPHA = 1.0507009873554804934193349852946 * 1.6732632423543772848170429916717


@register("activation", "selu", note="gradient at x = 0 mapped from λ to λα (tf_grad_at_zero=True undoes it)")
def build(*, tf_grad_at_zero=False):
    def selu(x):
        y = keras.activations.selu(x)
        if tf_grad_at_zero:
            return y
        return keras.ops.where(keras.ops.equal(x, 0), SCALE_ALPHA * x, y)

    return Built(keras.layers.Activation(selu))

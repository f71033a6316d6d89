"""Batch normalization <-> ``keras.layers.BatchNormalization(axis=-1)`` on (N, ..., C), the reference's layout.

Keras's ``momentum`` is the fraction of the moving statistic kept, as the reference's
(``reference.conventions.BATCH_NORM_MOMENTUM``), and is passed as is, with ``epsilon`` (Keras's defaults
are 0.99 and 1e-3). The moving statistics are the variables ``moving_mean`` and ``moving_variance``; Keras
updates ``moving_variance`` with the biased batch variance (the reference's ``unbiased_running_var=False``,
an option that describes the layer, not a builder argument: the divergence record maps it).

``momentum=None`` (torch's cumulative average) does not exist in Keras: it is composed in Keras's idiom, a
``BatchNormalization`` subclass that counts its training batches and sets ``momentum = 1 − 1/t`` before the
t-th (``CumulativeBatchNormalization``).

Variants: ``channels_first`` is the layer as a user of (N, C, ...) arrays builds it, ``axis=1``
(``input_layout="channels_first"``: the runner moves the channels); ``default_epsilon`` and
``default_momentum`` leave out those arguments (Keras's defaults; a plain exponential average in place of
the cumulative one).
"""
import keras

from tf_impl.registry import Built, Param, register, variant


class CumulativeBatchNormalization(keras.layers.BatchNormalization):
    """Composed (Keras has no cumulative average): the moving statistics are the plain average of every
    training batch so far. ``BatchNormalization.call`` updates them as ``moving·momentum + batch·(1 −
    momentum)``; a momentum of 1 − 1/t at the t-th batch makes that the running average. ``count`` (int64)
    is the number of training batches, torch's ``num_batches_tracked``."""

    def build(self, input_shape):
        super().build(input_shape)
        self.count = self.add_weight(shape=(), initializer="zeros", dtype="int64", trainable=False, name="count")

    def call(self, inputs, training=None, mask=None):
        if training and self.trainable:
            self.count.assign_add(1)
            self.momentum = 1.0 - 1.0 / keras.ops.cast(self.count, self.variable_dtype)
        return super().call(inputs, training=training, mask=mask)


def built(axis=-1, layout="channels_last", **options) -> Built:
    """A BatchNormalization on ``axis`` given Keras's own arguments ``options`` (momentum, epsilon, center,
    scale: those left out take Keras's defaults); ``momentum=None`` builds the cumulative average."""
    cumulative = "momentum" in options and options["momentum"] is None
    if cumulative:
        layer = CumulativeBatchNormalization(axis=axis, **{k: v for k, v in options.items() if k != "momentum"})
    else:
        layer = keras.layers.BatchNormalization(axis=axis, **options)
    params = {**({"gamma": Param("gamma")} if layer.scale else {}), **({"beta": Param("beta")} if layer.center else {})}
    state = {"running_mean": Param("moving_mean"), "running_var": Param("moving_variance")}
    if cumulative:
        state["count"] = Param("count")
    return Built(layer, params, state=state, input_layout=layout)


@register("layer", "batch_norm")
def build(features, momentum=0.9, epsilon=1e-5, center=True, scale=True):
    return built(momentum=momentum, epsilon=epsilon, center=center, scale=scale)


@variant("layer", "batch_norm", "channels_first")
def build_channels_first(features, momentum=0.9, epsilon=1e-5, center=True, scale=True):
    """A user of (N, C, ...) arrays: ``BatchNormalization(axis=1)``."""
    return built(axis=1, layout="channels_first", momentum=momentum, epsilon=epsilon, center=center, scale=scale)


@variant("layer", "batch_norm", "default_epsilon")
def build_default_epsilon(features, momentum=0.9, epsilon=1e-5, center=True, scale=True):
    """Keras's own epsilon (1e-3)."""
    return built(momentum=momentum, center=center, scale=scale)


@variant("layer", "batch_norm", "default_momentum")
def build_default_momentum(features, momentum=0.9, epsilon=1e-5, center=True, scale=True):
    """Keras's own momentum (0.99), an exponential average also where the reference asks for the cumulative one."""
    return built(epsilon=epsilon, center=center, scale=scale)

"""Layer normalization <-> ``keras.layers.LayerNormalization`` over the last len(normalized_shape) axes
(``axis=[-k, ..., -1]``; γ and β take those axes' shape, as torch's). ``center`` and ``scale`` are Keras's
own switches; Keras's default epsilon is 1e-3 (variant ``default_epsilon``).

Not built: ``rms_scaling=True`` (deprecated in Keras 3) computes x·γ/√(Var[x] + ε), no mean subtracted, a
different function from both layer normalization and RMS normalization (keras.layers.RMSNormalization).
"""
import keras

from tf_impl.registry import Built, Param, register, variant


def built(normalized_shape, center=True, scale=True, **options) -> Built:
    k = 1 if isinstance(normalized_shape, int) else len(normalized_shape)
    layer = keras.layers.LayerNormalization(axis=list(range(-k, 0)), center=center, scale=scale, **options)
    params = {**({"gamma": Param("gamma")} if scale else {}), **({"beta": Param("beta")} if center else {})}
    return Built(layer, params)


@register("layer", "layer_norm")
def build(normalized_shape, epsilon=1e-5, center=True, scale=True):
    return built(normalized_shape, center, scale, epsilon=epsilon)


@variant("layer", "layer_norm", "default_epsilon")
def build_default_epsilon(normalized_shape, epsilon=1e-5, center=True, scale=True):
    """Keras's own epsilon (1e-3)."""
    return built(normalized_shape, center, scale)

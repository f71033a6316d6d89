"""Batch normalization of images <-> ``keras.layers.BatchNormalization(axis=-1)`` on (N, H, W, C), Keras's
default data format; the ``channels_first`` variant is ``axis=1`` on (N, C, H, W). The mapping and the other
variants are ``tf_impl/layers/batch_norm.py``'s."""
from tf_impl.layers import batch_norm
from tf_impl.registry import register, variant

register("layer", "batch_norm_2d")(batch_norm.build)
for _name in ("channels_first", "default_epsilon", "default_momentum"):
    variant("layer", "batch_norm_2d", _name)(getattr(batch_norm, f"build_{_name}"))

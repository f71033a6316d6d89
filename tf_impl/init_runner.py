"""Draw a registered Keras initializer; Keras kernels have the reference's layout (*rf, in, out).

A Keras initializer seeded by an int (or unseeded: it picks an int from Python's ``random``
at construction) returns the same values on every call, so each draw builds a fresh
initializer after one ``keras.utils.set_random_seed(seed)``, as each layer does. ``via``
(validated by the checker, ``conformance.checkers.distribution.VIAS``):

    "tensor"        initializer(shape, dtype)
    "dense_kernel"  the kernel of keras.layers.Dense(out, kernel_initializer=initializer), built on in
    "dense_bias"    the bias of keras.layers.Dense(out, bias_initializer=initializer), built on in
The Dense layer is made here, not by the registered builder: the initializer must reach
Dense's constructor, which the builder does not take.
"""
from __future__ import annotations

import keras
import numpy as np

from tf_impl.registry import REGISTRY
from tf_impl.runner import set_dtype

# via -> (Dense constructor keyword, the variable it initializes)
DENSE_SLOT = {"dense_kernel": ("kernel_initializer", "kernel"), "dense_bias": ("bias_initializer", "bias")}


def fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """Keras's own fan computation (VarianceScaling calls it on the kernel shape)."""
    from keras.src.initializers.random_initializers import compute_fans
    return compute_fans(tuple(shape))


def _draw_one(init, via: str, shape: tuple[int, ...], dtype: str) -> np.ndarray:
    if via == "tensor":
        return keras.ops.convert_to_numpy(init(tuple(shape), dtype=dtype))
    keyword, attr = DENSE_SLOT[via]
    in_features, units = shape
    layer = keras.layers.Dense(units, **{keyword: init})
    layer.build((None, in_features))
    return getattr(layer, attr).numpy()


def draw(ctx, name: str, kwargs: dict, shape: tuple[int, ...], draws: int, via: str = "tensor") -> np.ndarray:
    """``draws`` independent draws, stacked: (draws, *shape) (for via="dense_bias": (draws, out))."""
    set_dtype(ctx.dtype)
    keras.utils.set_random_seed(ctx.seed)
    impl = REGISTRY.get("initializer", name)
    return np.stack([_draw_one(impl.build(**kwargs).module, via, shape, ctx.dtype) for _ in range(draws)])

"""Draw a registered Keras initializer; Keras kernels have the reference's layout (*rf, in, out).

A Keras initializer seeded by an int (or unseeded: it picks an int from Python's ``random``
at construction) returns the same values on every call, so each draw builds a fresh
initializer after one ``keras.utils.set_random_seed(seed)``, as each layer does. ``via``:

    "tensor"        initializer(shape, dtype)
    "dense_kernel"  the kernel of keras.layers.Dense(out, kernel_initializer=initializer), built on in
    "dense_bias"    the bias of keras.layers.Dense(out, bias_initializer=initializer), built on in
"""
from __future__ import annotations

import keras
import numpy as np

from tf_impl.registry import REGISTRY
from tf_impl.runner import set_dtype

VIAS = ("tensor", "dense_kernel", "dense_bias")


def fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """Keras's own fan computation (VarianceScaling calls it on the kernel shape)."""
    from keras.src.initializers.random_initializers import compute_fans
    return compute_fans(tuple(shape))


def draw(name: str, kwargs: dict, dtype: str, shape: tuple[int, ...], draws: int, seed: int,
         via: str = "tensor") -> np.ndarray:
    """``draws`` independent draws, stacked: (draws, *shape) (for via="dense_bias": (draws, out))."""
    set_dtype(dtype)
    keras.utils.set_random_seed(seed)
    impl = REGISTRY.get("initializer", name)
    out = []
    for _ in range(draws):
        init = impl.build(**kwargs).module
        if via == "tensor":
            out.append(keras.ops.convert_to_numpy(init(tuple(shape), dtype=dtype)))
            continue
        key = "kernel_initializer" if via == "dense_kernel" else "bias_initializer"
        layer = keras.layers.Dense(shape[1], **{key: init})
        layer.build((None, shape[0]))
        out.append((layer.kernel if via == "dense_kernel" else layer.bias).numpy())
    return np.stack(out)

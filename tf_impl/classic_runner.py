"""Run the classic algorithms of the "model" family in TensorFlow: NumPy in, NumPy out.

The spec and the record are the ones of ``torch_impl/classic_runner.py``. The algorithms themselves are
the registered builders' objects (``tf_impl/models/``).
"""
from __future__ import annotations

import numpy as np
import tensorflow as tf

from tf_impl import runner


def _normal_equations(ctx, built, spec: dict) -> dict:
    return {k: np.asarray(v) for k, v in built.module.fit(tf.constant(spec["x"]), tf.constant(spec["y"])).items()}


def _perceptron(ctx, built, spec: dict) -> dict:
    x, t = tf.constant(spec["x"]), tf.constant(spec["t"])
    w, b = tf.Variable(spec["w0"]), tf.Variable(spec["b0"])                 # trained in place
    orders = [[int(n) for n in order] for order in spec["orders"]]
    out = {k: np.asarray(v) for k, v in built.module.fit(x, t, orders, w, b).items()}
    out["mistakes"] = out["mistakes"].astype(np.int64)
    out["predictions"] = np.asarray(built.module.predict(x, w, b))
    return out


RUNS = {"normal_equations": _normal_equations, "perceptron": _perceptron}


def run(ctx, name: str, spec: dict) -> dict:
    if name not in RUNS:
        raise KeyError(f"unknown classic algorithm {name!r}; valid names: {', '.join(sorted(RUNS))}")
    built = runner.build(ctx, "model", name, spec.get("kwargs", {}))
    return RUNS[name](ctx, built, spec)

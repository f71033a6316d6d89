"""Run the classic algorithms of the "model" family in torch: NumPy in, NumPy out, on the run's device.

run(ctx, name, spec) -> dict, with spec["kwargs"] the builder's keyword arguments and
  normal_equations   spec x (N, F), y (N, K)
                     -> w (F, K), b (K,), predictions (N, K), loss and objective (0-d)
  perceptron         spec x (N, F), t (N,), orders [permutation of range(N)] per epoch, w0 (F,), b0 ()
                     -> w (T, F), b (T,), score (T,) per step, mistakes (epochs,),
                        predictions (N,) (``predict`` at the trained weights)

The algorithms themselves are the registered builders' objects (``torch_impl/models/``).
"""
from __future__ import annotations

from torch_impl import runner
from torch_impl.device import to_device, to_numpy


def _normal_equations(ctx, built, spec: dict) -> dict:
    x, y = to_device(spec["x"], ctx.device), to_device(spec["y"], ctx.device)
    return {k: to_numpy(v) for k, v in built.module.fit(x, y).items()}


def _perceptron(ctx, built, spec: dict) -> dict:
    x, t = to_device(spec["x"], ctx.device), to_device(spec["t"], ctx.device)
    w, b = to_device(spec["w0"], ctx.device), to_device(spec["b0"], ctx.device)       # trained in place
    orders = [[int(n) for n in order] for order in spec["orders"]]
    out = {k: to_numpy(v) for k, v in built.module.fit(x, t, orders, w, b).items()}
    out["predictions"] = to_numpy(built.module.predict(x, w, b))
    return out


RUNS = {"normal_equations": _normal_equations, "perceptron": _perceptron}


def run(ctx, name: str, spec: dict) -> dict:
    if name not in RUNS:
        raise KeyError(f"unknown classic algorithm {name!r}; valid names: {', '.join(sorted(RUNS))}")
    built = runner.build(ctx, "model", name, spec.get("kwargs", {}))
    return RUNS[name](ctx, built, spec)

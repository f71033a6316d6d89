"""The reference's MLP training step against the same step's matrix products alone, and against torch eager,
single-threaded: issue 10's two figures for the fast reference.

The reference step is ``rosetta bench``'s (``conformance/bench/workloads.py``: reference ``Sequential`` +
``sparse_softmax_crossentropy`` + ``sgd`` with momentum, the loop body of ``reference.models.training.fit``).
"GEMMs alone" are the products that step needs, with its shapes and dtype: x·W of every layer, xᵀ·dy of every
layer, dy·Wᵀ of every layer but the first. Medians of ``--repeats`` steps after warm-up.

    .venv/bin/python benchmarks/mlp_reference_vs_gemms.py [--repeats 50] [--dtype float32]
"""
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import pathlib  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from conformance.bench import workloads  # noqa: E402
from conformance.environment import machine  # noqa: E402


def median_s(step, repeats: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        step()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def gemms(model: str, batch: int, dtype: str):
    """The step's matrix products alone, on arrays of its shapes."""
    rng = np.random.default_rng(0)
    w = workloads.widths_of(model)
    acts = [rng.standard_normal((batch, d)).astype(dtype) for d in w]
    Ws = [rng.standard_normal((a, b)).astype(dtype) for a, b in zip(w[:-1], w[1:])]

    def step():
        for i, W in enumerate(Ws):
            acts[i] @ W                       # forward
        for i, W in reversed(list(enumerate(Ws))):
            acts[i].T @ acts[i + 1]           # dW
            if i:
                acts[i + 1] @ W.T             # dx (not for the data)
    return step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--dtype", default="float32", choices=("float32", "float64"))
    args = parser.parse_args()
    try:
        import torch
        torch.set_num_threads(1)
    except ImportError:
        torch = None
    print(f"mlp {workloads.widths_of('mlp')} training step, {args.dtype}, one thread, steps/s (medians of {args.repeats})")
    for batch in (256, 2048):
        ref = workloads.Reference("mlp", batch, args.dtype)
        r = 1 / median_s(ref.step, args.repeats)
        g = 1 / median_s(gemms("mlp", batch, args.dtype), args.repeats)
        line = f"  B={batch:5d}: reference {r:7.1f}   GEMMs alone {g:7.1f} (reference/GEMMs {r / g:.2f}×)"
        if torch is not None:
            t = 1 / median_s(workloads.Torch("mlp", batch, args.dtype).step, args.repeats)
            line += f"   torch eager {t:7.1f} (reference/torch {r / t:.2f}×)"
        print(line)
    print(f"  numpy {np.__version__}" + (f", torch {torch.__version__}" if torch else "") + f"; machine: {machine()}")


if __name__ == "__main__":
    main()

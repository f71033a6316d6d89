"""The reference's conv2d forward + backward against torch's ``nn.Conv2d``, single-threaded, side by side in one run.

Issue 11's figure: a (32, 3, 32, 32) batch (the reference's (32, 32, 32, 3)), 16 3×3 filters, stride 1, valid,
with bias; forward then backward from a fixed upstream gradient (dx, dW, db). Both run on one thread: torch through
``torch.set_num_threads(1)``, NumPy's BLAS through the thread variables set below before NumPy is imported. Each
timing is one forward + backward; the medians (and quartiles) of ``--repeats`` timings after warm-up are printed,
then the ratio reference / torch and the machine.

    .venv/bin/python benchmarks/conv2d_reference_vs_torch.py [--repeats 50] [--dtype float32]
"""
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import pathlib  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
import reference  # noqa: E402
from conformance.environment import machine  # noqa: E402

N, C, H, W, F, K = 32, 3, 32, 32, 16, 3


def timings(step, repeats: int, warmup: int = 3) -> np.ndarray:
    for _ in range(warmup):
        step()
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        out.append(time.perf_counter() - start)
    return np.array(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--dtype", default="float32", choices=("float32", "float64"))
    args = parser.parse_args()
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    dtype = np.dtype(args.dtype)

    conv = reference.get("layer", "conv2d")(in_channels=C, filters=F, kernel_size=K)
    x = rng.standard_normal((N, H, W, C)).astype(dtype)                      # channels last
    params = {k: v.astype(dtype) for k, v in conv.init_params(rng, C).items()}
    dy = rng.standard_normal(conv.output_shape(x.shape)).astype(dtype)

    def reference_step():
        _, cache = conv.forward(x, params)
        conv.backward(dy, cache)

    module = torch.nn.Conv2d(C, F, K).to(getattr(torch, args.dtype))
    xt = torch.from_numpy(np.ascontiguousarray(np.moveaxis(x, -1, 1))).requires_grad_(True)   # (N, C, H, W)
    dyt = torch.from_numpy(np.ascontiguousarray(np.moveaxis(dy, -1, 1)))

    def torch_step():
        xt.grad = None
        module.zero_grad()
        module(xt).backward(dyt)

    ref_t, torch_t = timings(reference_step, args.repeats), timings(torch_step, args.repeats)
    print(f"conv2d forward + backward, x ({N}, {C}, {H}, {W}) {args.dtype}, {F} filters {K}×{K}, "
          f"{args.repeats} timings each, one thread")
    for name, t in (("reference (NumPy)", ref_t), ("torch nn.Conv2d", torch_t)):
        q1, med, q3 = np.percentile(t, [25, 50, 75]) * 1e3
        print(f"  {name:<18} median {med:7.2f} ms   (quartiles {q1:.2f} – {q3:.2f} ms)")
    print(f"  ratio reference / torch: {np.median(ref_t) / np.median(torch_t):.2f}×")
    print(f"  numpy {np.__version__}, torch {torch.__version__}; machine: {machine()}")


if __name__ == "__main__":
    main()

"""The reference's MLP training step against the same step's matrix products alone, and against torch eager,
single-threaded: issue 10's two figures for the fast reference.

The reference step is ``rosetta bench``'s (``conformance/bench/workloads.py``: reference ``Sequential`` +
``sparse_softmax_crossentropy`` + ``sgd`` with momentum, the loop body of ``reference.models.training.fit``).
"GEMMs alone" are the products that step needs, with its shapes and dtype: x·W of every layer, xᵀ·dy of every
layer, dy·Wᵀ of every layer but the first. "NumPy in place" is the step written by hand with preallocated buffers
and in-place passes: the most a NumPy step can reach, the ceiling for the reference. torch eager runs twice: with
the tutorial's ``nn.ReLU()`` (``rosetta bench``'s) and with ``nn.ReLU(inplace=True)``, which is what the reference's
Sequential does with its ReLUs (it writes each over the Dense output it reads); "torch GEMMs alone" are the same
products in torch's BLAS, so that the rest of each step can be told apart from the BLAS.

The contenders are timed interleaved (a block of ``--block`` steps of each in turn, ``--rounds`` times), so that
a shared machine's load falls on all of them alike; a ratio is the median over rounds of the ratio of the two
blocks' medians, with its quartiles. ``--baseline DIR`` adds the reference of another checkout (a ``git
worktree`` of an older commit), timed in a worker process in the same rounds: before/after figures from one run.

    .venv/bin/python benchmarks/mlp_reference_vs_gemms.py [--rounds 40] [--block 5] [--dtype float32]
    git worktree add /tmp/before HEAD~1 && .venv/bin/python benchmarks/mlp_reference_vs_gemms.py --baseline /tmp/before
"""
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import pathlib  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
WARMUP = 3


def block_times(step, n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def gemms(model: str, batch: int, dtype: str, convert=lambda a: a):
    """The step's matrix products alone, on arrays of its shapes (``convert``: to another library's arrays,
    e.g. ``torch.from_numpy``, whose ``@`` then runs that library's BLAS)."""
    from conformance.bench import workloads
    rng = np.random.default_rng(0)
    w = workloads.widths_of(model)
    acts = [convert(rng.standard_normal((batch, d)).astype(dtype)) for d in w]
    Ws = [convert(rng.standard_normal((a, b)).astype(dtype)) for a, b in zip(w[:-1], w[1:])]

    def step():
        for i, W in enumerate(Ws):
            acts[i] @ W                       # forward
        for i, W in reversed(list(enumerate(Ws))):
            acts[i].T @ acts[i + 1]           # dW
            if i:
                acts[i + 1] @ W.T             # dx (not for the data)
    return step


def numpy_in_place(model: str, batch: int, dtype: str):
    """The same training step written by hand in NumPy with every buffer allocated once and every elementwise
    pass in place (``out=``): what NumPy allows at best, the ceiling for the reference, which returns new
    arrays (its layers keep their inputs and outputs for the backward pass and the localization probe, and
    ``fit`` keeps every step's parameters)."""
    from conformance.bench import workloads
    params, x, labels = workloads.problem(model, batch, dtype)
    keys = workloads.dense_keys(model)
    Ws = [params[f"{k}.W"].copy() for k in keys]
    bs = [params[f"{k}.b"].copy() for k in keys]
    vW, vb = [np.zeros_like(W) for W in Ws], [np.zeros_like(b) for b in bs]
    gW, gb = [np.empty_like(W) for W in Ws], [np.empty_like(b) for b in bs]
    tW = [np.empty_like(W) for W in Ws]
    acts = [x] + [np.empty((batch, W.shape[1]), dtype) for W in Ws]     # acts[i + 1] = layer i's output
    grads = [None] + [np.empty((batch, W.shape[0]), dtype) for W in Ws[1:]]  # grads[i]: dL/d acts[i]
    rows, ones = np.arange(batch), np.ones(batch, dtype)
    lr, mu = workloads.LEARNING_RATE, workloads.MOMENTUM

    def step():
        for i, (W, b) in enumerate(zip(Ws, bs)):
            z = acts[i + 1]
            np.matmul(acts[i], W, out=z)
            z += b
            if i < len(Ws) - 1:
                np.maximum(z, 0, out=z)
        d = acts[-1]                                   # logits -> softmax -> (p - onehot) / B, in place
        d -= d.max(axis=1, keepdims=True)
        np.exp(d, out=d)
        d /= d.sum(axis=1, keepdims=True)
        d[rows, labels] -= 1
        d /= batch
        for i in reversed(range(len(Ws))):
            np.matmul(acts[i].T, d, out=gW[i])
            np.matmul(ones, d, out=gb[i])              # 1ᵀ d, as the reference's Dense
            if i:
                np.matmul(d, Ws[i].T, out=grads[i])
                np.multiply(grads[i], acts[i] > 0, out=grads[i])
                d = grads[i]
        for p, g, v, t in [*zip(Ws, gW, vW, tW), *zip(bs, gb, vb, [None] * len(bs))]:
            v *= mu
            v += g
            p -= np.multiply(v, lr, out=t) if t is not None else lr * v
    return step


def worker(root: str) -> None:
    """``--worker ROOT``: the reference step of the checkout at ROOT, one block per request line
    "batch dtype n" on stdin, answered with the block's step times (JSON) on stdout."""
    sys.path.insert(0, root)
    from conformance.bench import workloads
    refs = {}
    for line in sys.stdin:
        batch, dtype, n = line.split()
        key = (int(batch), dtype)
        if key not in refs:
            refs[key] = workloads.Reference("mlp", *key)
            block_times(refs[key].step, WARMUP)
        print(json.dumps(block_times(refs[key].step, int(n))), flush=True)


class Baseline:
    """The reference of another checkout, stepped in a worker process."""

    def __init__(self, root: str, batch: int, dtype: str):
        self.proc = subprocess.Popen([sys.executable, __file__, "--worker", root], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.batch, self.dtype = batch, dtype

    def block(self, n: int) -> list[float]:
        self.proc.stdin.write(f"{self.batch} {self.dtype} {n}\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def quartiles(values, digits: int = 3) -> str:
    q1, q2, q3 = np.percentile(values, [25, 50, 75])
    return f"{q2:.{digits}f} [{q1:.{digits}f}–{q3:.{digits}f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--block", type=int, default=5, help="steps per contender per round")
    parser.add_argument("--dtype", default="float32", choices=("float32", "float64"))
    parser.add_argument("--batches", default="256,2048")
    parser.add_argument("--baseline", metavar="DIR", help="another checkout whose reference is timed too")
    parser.add_argument("--worker", metavar="ROOT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker)
    sys.path.insert(0, str(ROOT))
    from conformance.bench import workloads
    from conformance.environment import machine
    try:
        import torch
        torch.set_num_threads(1)
    except ImportError:
        torch = None
    print(f"mlp {workloads.widths_of('mlp')} training step, {args.dtype}, one thread, {args.rounds} rounds × "
          f"{args.block} steps interleaved\nsteps/s: median [quartiles] of the blocks' medians; ratios: median "
          "[quartiles] over rounds")
    for batch in map(int, args.batches.split(",")):
        steps = {"reference": workloads.Reference("mlp", batch, args.dtype).step,
                 "GEMMs alone": gemms("mlp", batch, args.dtype),
                 "NumPy in place": numpy_in_place("mlp", batch, args.dtype)}
        if torch is not None:
            steps["torch eager"] = workloads.Torch("mlp", batch, args.dtype).step
            steps["torch eager, ReLU in place"] = workloads.Torch("mlp", batch, args.dtype, inplace_relu=True).step
            steps["torch GEMMs alone"] = gemms("mlp", batch, args.dtype, torch.from_numpy)
        blocks = {}
        if args.baseline:
            base = Baseline(args.baseline, batch, args.dtype)
            steps["baseline reference"] = base.block
            base.block(WARMUP)
        for name, step in steps.items():
            if name != "baseline reference":
                block_times(step, WARMUP)
            blocks[name] = []
        for _ in range(args.rounds):
            for name, step in steps.items():
                times = step(args.block) if name == "baseline reference" else block_times(step, args.block)
                blocks[name].append(float(np.median(times)))
        if args.baseline:
            base.close()
        rates = {name: 1 / np.array(b) for name, b in blocks.items()}
        width = max(map(len, rates))
        print(f"  B={batch}, steps/s:")
        for name, r in rates.items():
            print(f"    {name:<{width}}  {quartiles(r, 1)}")
        for other in [n for n in rates if n not in ("reference", "torch GEMMs alone")]:
            print(f"    reference / {other}: {quartiles(rates['reference'] / rates[other])}×")
        print(f"    NumPy in place / GEMMs alone: {quartiles(rates['NumPy in place'] / rates['GEMMs alone'])}×")
        if torch is not None:
            ms = {name: 1e3 * float(np.median(b)) for name, b in blocks.items()}
            print(f"    the step but its matrix products: reference {ms['reference'] - ms['GEMMs alone']:.2f} ms, "
                  f"torch eager {ms['torch eager'] - ms['torch GEMMs alone']:.2f} ms")
        if args.baseline and torch is not None:
            for other in ("torch eager", "GEMMs alone"):
                print(f"    baseline reference / {other}: {quartiles(rates['baseline reference'] / rates[other])}×")
    print(f"  numpy {np.__version__}" + (f", torch {torch.__version__}" if torch else "") + f"; machine: {machine()}")


if __name__ == "__main__":
    main()

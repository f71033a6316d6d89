"""``rosetta bench``: the arguments, checked before anything runs (bad usage: one line, exit 2), the run,
and the outputs. Exit status: 0 every configuration that ran passed its conformance check; 1 one failed
it or errored (``unavailable`` ones, e.g. no GPU, do not count), or the JSON could not be written."""
from __future__ import annotations

import sys
import time

from conformance.bench import workloads

DEFAULT_BATCHES = "32,256,2048"
# --quick: a smoke run of seconds (tests, CI); explicit arguments still win
QUICK = {"frameworks": ["reference", "torch"], "models": ["mlp"], "batches": [32], "dtypes": ["float32"],
         "threads": [1], "seconds": 0.05, "peak_size": 256, "peak_seconds": 0.05}
LIBRARY = {"torch": "torch", "torch_compile": "torch", "tf_eager": "keras", "tf_function": "keras",
           "tf_xla": "keras", "keras_train_on_batch": "keras", "keras_fit": "keras"}


def add_parser(sub) -> None:
    from conformance.environment import cpu_count
    b = sub.add_parser("bench", help="time training steps of the same MLP in every framework, each checked against "
                                     "the reference")
    b.add_argument("--framework", default=None,
                   help=f"comma-separated from {', '.join(workloads.FRAMEWORKS)} (default: all; a framework not "
                        "installed is reported unavailable)")
    b.add_argument("--model", default=None, help=f"comma-separated from {', '.join(workloads.MODELS)} (default: both)")
    b.add_argument("--widths", default=None, metavar="W,...",
                   help="also run 784-W-W-10 for each hidden width W (throughput against width), e.g. 64,1024")
    b.add_argument("--batch-sizes", default=None, metavar="B,...", help=f"default {DEFAULT_BATCHES}")
    b.add_argument("--dtype", default=None, help="comma-separated: float32,float64 (default both)")
    b.add_argument("--threads", default=None, metavar="N,...",
                   help=f"thread counts, each run separately (default: 1 and the CPU count, {cpu_count()} here)")
    b.add_argument("--seconds", default=None, metavar="S",
                   help="steady-state timing per configuration, in seconds (default 1; at least 5 steps)")
    b.add_argument("--device", default="cpu", help="cpu (default) or cuda: torch and TensorFlow on the GPU "
                                                   "(the reference stays on the CPU)")
    b.add_argument("--json", default=None, metavar="PATH", help="write the results and the environment to PATH")
    b.add_argument("--plot", default=None, metavar="DIR", help="write PNG plots to DIR (needs matplotlib)")
    b.add_argument("--quick", action="store_true",
                   help="a smoke run of seconds: reference and torch, mlp, batch 32, float32, 1 thread")


def _list(value: str, arg: str, allowed, convert=str) -> list:
    from conformance.usage import UsageError
    shown = ", ".join(map(str, allowed)) if not isinstance(allowed, str) else allowed
    items = [v.strip() for v in value.split(",") if v.strip()]
    if not items:
        raise UsageError(f"{arg}={value!r}: expected a comma-separated list of {shown}")
    out = []
    for item in items:
        try:
            v = convert(item)
        except ValueError:
            raise UsageError(f"{arg}={item!r} is not allowed: expected {shown}") from None
        if not isinstance(allowed, str) and v not in allowed:
            raise UsageError(f"{arg}={item!r} is not allowed: expected one or more of {shown}")
        if isinstance(v, int) and v < 1:
            raise UsageError(f"{arg}={item!r} is not allowed: expected {shown}")
        out.append(v)
    return list(dict.fromkeys(out))


def plan(args):
    """Every argument checked; the ``run.Plan``."""
    from conformance import frameworks
    from conformance.bench.run import Plan
    from conformance.usage import UsageError, check_outputs
    from conformance.environment import cpu_count
    q = args.quick
    fws = _list(args.framework, "--framework", tuple(workloads.FRAMEWORKS)) if args.framework is not None else \
        (list(QUICK["frameworks"]) if q else list(workloads.FRAMEWORKS))
    for fw in fws if args.framework is not None else ():
        why = LIBRARY.get(fw) and frameworks.missing(LIBRARY[fw])
        if why:
            raise UsageError(f"--framework={fw!r} is not allowed here: {why}")
    if q and args.framework is None and frameworks.missing("torch"):
        fws = ["reference"]
    models = _list(args.model, "--model", tuple(workloads.MODELS)) if args.model is not None else \
        (list(QUICK["models"]) if q else list(workloads.MODELS))
    if args.widths is not None:
        models += [workloads.WIDTH_MODEL.format(w) for w in
                   _list(args.widths, "--widths", "whole numbers ≥ 1 (hidden widths)", int)]
    batches = _list(args.batch_sizes, "--batch-sizes", "whole numbers ≥ 1", int) if args.batch_sizes is not None \
        else (list(QUICK["batches"]) if q else [int(b) for b in DEFAULT_BATCHES.split(",")])
    dtypes = _list(args.dtype, "--dtype", ("float32", "float64")) if args.dtype is not None else \
        (list(QUICK["dtypes"]) if q else ["float32", "float64"])
    n = cpu_count()
    if args.threads is not None:
        threads = _list(args.threads, "--threads", f"whole numbers from 1 to {n} (this machine's CPUs)", int)
        if max(threads) > n:
            raise UsageError(f"--threads={max(threads)!r} is not allowed: expected whole numbers from 1 to {n} "
                             "(this machine's CPUs; more would over-subscribe them)")
    else:
        threads = list(QUICK["threads"]) if q else list(dict.fromkeys([1, n]))
    seconds = QUICK["seconds"] if q else 1.0
    if args.seconds is not None:
        try:
            seconds = float(args.seconds)
        except ValueError:
            seconds = -1.0
        if not 0 < seconds <= 600:
            raise UsageError(f"--seconds={args.seconds!r} is not allowed: expected a number of seconds in (0, 600]")
    if args.device not in ("cpu", "cuda"):
        raise UsageError(f"--device={args.device!r} is not allowed: expected cpu or cuda")
    check_outputs(json=args.json, plot=args.plot)
    return Plan(fws, models, batches, dtypes, threads, device=args.device, seconds=seconds,
                peak_size=QUICK["peak_size"] if q else 2048, peak_seconds=QUICK["peak_seconds"] if q else 1.0,
                quick=q)


def cmd_bench(args) -> int:
    from conformance import plot, terminal
    from conformance.bench import report, run
    from conformance.environment import describe
    p = plan(args)
    n = len(p.configurations())
    progress = terminal.ProgressBar(f"{n} configuration(s)") if terminal.is_terminal(sys.stderr) else None
    start = time.perf_counter()
    try:
        data = run.execute(p, progress)
    finally:
        if progress is not None:
            progress.close()
    data["elapsed_s"] = time.perf_counter() - start
    env = describe(p.dtypes, p.device if "torch" in "".join(p.frameworks) else "cpu")
    from conformance.bench.peak import cpu_flags
    from conformance.environment import cpu_count
    env.update({"cpu_flags": cpu_flags(), "cores": cpu_count(), "threads": p.threads, "device": p.device,
                "seconds_per_configuration": p.seconds})
    data["environment"] = env
    data["flop_count"] = ("2·B·in·out per matrix product: each layer's forward and weight gradient, and the input "
                          "gradient of every layer but the first; bias, ReLU, loss and optimizer not counted")
    if terminal.is_terminal(sys.stdout):
        report.show(data)
    else:
        print(report.render(data))
    status = 0
    if args.json is not None:
        try:
            report.write_json(args.json, report.to_json(data))
            print(f"JSON written to {args.json}")
        except OSError as exc:
            print(f"rosetta: error: --json={args.json!r}: could not be written ({exc})", file=sys.stderr)
            status = 1
    if args.plot is not None:
        paths = report.write_plots(data, args.plot)
        print(f"{len(paths)} plot(s) written to {args.plot}" if paths else "no configuration ran: no plot written")
    elif plot.available():
        print(f"note: {plot.available()}")
    bad = [r for r in data["results"] if r["status"] == "error" or r.get("check", {}).get("status") == "fail"]
    if not any(r["status"] == "ok" for r in data["results"]):
        print("rosetta: error: no configuration could run here (see the reasons above)", file=sys.stderr)
        return 1
    return 1 if bad or status else 0

"""A benchmark run: the configurations, one worker process per library and thread count, and the
conformance check of every configuration against the float64 reference.

``Plan`` holds the validated arguments (``cli.py`` builds it). ``execute(plan)`` returns the result dict
that ``report.py`` renders and writes: {"environment", "peak", "libraries", "flop_count", "results"}.

Workers run one after another, never two at once: each configuration has the machine to itself (the
n-thread figure uses every core it is given, and a second worker would take them away).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from conformance.bench import measure, workloads

# |framework − reference| ≤ atol + rtol·|reference| after CHECK_STEPS updates, against the float64 reference.
# float32: the products sum up to 784 terms in orders each library picks; 3 updates at lr 0.01 move the
# weights by ~1e-3, and their float32 round-off stays below 1e-6 (measured worst: see README "Benchmarks").
CHECK_TOLERANCE = {"float32": {"rtol": 1e-5, "atol": 1e-6}, "float64": {"rtol": 1e-10, "atol": 1e-12}}
WORKER_TIMEOUT_S = 3600


@dataclass
class Plan:
    frameworks: list[str]
    models: list[str]
    batches: list[int]
    dtypes: list[str]
    threads: list[int]
    device: str = "cpu"
    seconds: float = 1.0            # steady-state timing per configuration
    peak_size: int = 2048
    peak_seconds: float = 1.0
    quick: bool = False
    jobs: list[dict] = field(default_factory=list)

    def configurations(self) -> list[dict]:
        out = []
        for threads in self.threads:
            for fw in self.frameworks:
                for model in self.models:
                    for batch in self.batches:
                        for dtype in self.dtypes:
                            out.append({"id": f"{fw}-{model}-b{batch}-{dtype}-t{threads}", "framework": fw,
                                        "model": model, "batch": batch, "dtype": dtype, "threads": threads,
                                        "device": "cpu" if fw == "reference" else self.device,
                                        "seconds": self.seconds})
        return out


Progress = Callable[[int, int], None]


def run_worker(group: str, threads: int, jobs: list[dict], plan: Plan, out_dir: str,
               progress: Callable[[], None] | None = None) -> tuple[dict, dict[str, dict]]:
    """Start one worker (``measure.py``) with the thread variables set; return (its info, {id: result}).
    Jobs it did not finish (it died) become ``error`` results."""
    os.makedirs(out_dir, exist_ok=True)
    spec = {"group": group, "threads": threads, "jobs": jobs,
            "peak_seconds": plan.peak_seconds if group == "numpy" else 0, "peak_size": plan.peak_size}
    jobs_path = os.path.join(out_dir, "jobs.json")
    with open(jobs_path, "w") as fh:
        json.dump(spec, fh)
    env = {**os.environ, **measure.thread_env(threads)}
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = subprocess.Popen([sys.executable, "-m", "conformance.bench.measure", jobs_path, out_dir], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=root)
    deadline = time.monotonic() + WORKER_TIMEOUT_S
    for line in proc.stdout:                       # "ready", then "done <id>" per configuration
        if line.startswith("done") and progress is not None:
            progress()
        if time.monotonic() > deadline:
            proc.kill()
            break
    stderr = proc.stderr.read()
    code = proc.wait()
    info = _load(os.path.join(out_dir, "worker.json")) or {"group": group, "threads": threads}
    results = {}
    for job in jobs:
        res = _load(os.path.join(out_dir, f"{job['id']}.json"))
        if res is None:
            tail = stderr.strip().splitlines()[-1] if stderr.strip() else ""
            res = {"id": job["id"], "status": "error",
                   "reason": f"the {group} worker process ended (exit code {code}) before this configuration: {tail}"[:300]}
        results[job["id"]] = res
    return info, results


def _load(path: str):
    try:
        with open(path) as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def check(config: dict, result: dict, out_dir: str, references: dict) -> dict:
    """The conformance verdict of one configuration: its CHECK_STEPS losses and final weights against the
    float64 reference from the same weights and data (``workloads.reference_trajectory``)."""
    key = (config["model"], config["batch"], config["dtype"])
    if key not in references:
        references[key] = workloads.reference_trajectory(config["model"], config["batch"], config["dtype"])
    ref_loss, ref_params = references[key]
    path = os.path.join(out_dir, f"{config['id']}.npz")
    tol = CHECK_TOLERANCE[config["dtype"]]
    try:
        got = np.load(path)
    except OSError:
        return {"status": "not run", "detail": "no trajectory was saved"}
    worst, where = 0.0, ""
    pairs = [("loss", got["__loss__"], ref_loss)] + [(k, got[k] if k in got else None, v) for k, v in ref_params.items()]
    for name, a, r in pairs:
        if a is None or np.shape(a) != np.shape(r):
            return {"status": "fail", "detail": f"{name}: shape {None if a is None else np.shape(a)}, "
                                                f"expected {np.shape(r)}", "worst_ratio": float("inf")}
        a = np.asarray(a, dtype=np.float64)
        with np.errstate(invalid="ignore"):
            ratio = np.abs(a - r) / (tol["atol"] + tol["rtol"] * np.abs(r))
        m = float(np.nanmax(ratio)) if np.isfinite(a).all() else float("inf")
        if m > worst or not np.isfinite(m):
            worst, where = m, name
    status = "pass" if worst <= 1 else "fail"
    return {"status": status, "worst_ratio": worst, "worst_at": where, "steps": workloads.CHECK_STEPS,
            "rtol": tol["rtol"], "atol": tol["atol"],
            "detail": "" if status == "pass" else f"{where}: |Δ| is {worst:.3g}× the tolerance after "
                                                  f"{workloads.CHECK_STEPS} updates"}


def execute(plan: Plan, progress: Progress | None = None) -> dict:
    configs = plan.configurations()
    done = [0]

    def tick():
        done[0] += 1
        if progress is not None:
            progress(done[0], len(configs))

    by_worker: dict[tuple[str, int], list[dict]] = {}
    for threads in plan.threads:                     # numpy first in each thread count: it measures the peak
        by_worker[("numpy", threads)] = []
    for c in configs:
        by_worker.setdefault((workloads.FRAMEWORKS[c["framework"]], c["threads"]), []).append(c)
    start = time.perf_counter()
    peaks, libs, results = {}, {}, []
    references: dict = {}
    with tempfile.TemporaryDirectory(prefix="rosetta-bench-") as tmp:
        for (group, threads), jobs in by_worker.items():
            out_dir = os.path.join(tmp, f"{group}-t{threads}")
            info, res = run_worker(group, threads, jobs, plan, out_dir, tick)
            if "peak" in info:
                peaks[str(threads)] = info["peak"]
            if "libraries" in info:
                libs[group] = info["libraries"]
            for c in jobs:
                r = {**c, **res[c["id"]]}
                r.pop("seconds", None)
                r["check"] = check(c, r, out_dir, references) if r["status"] == "ok" else \
                    {"status": "not run", "detail": r.get("reason", "")}
                results.append(r)
    elapsed = time.perf_counter() - start
    for r in results:
        _derive(r, peaks)
    order = {c["id"]: i for i, c in enumerate(configs)}
    results.sort(key=lambda r: order[r["id"]])
    return {"peak": peaks, "libraries": libs, "results": results, "elapsed_s": elapsed}


def _derive(r: dict, peaks: dict) -> None:
    """steps/s, achieved GFLOP/s, the ratio to the measured peak (same dtype and threads)."""
    r["flops_per_step"] = workloads.flops(r["model"], r["batch"])
    step = r.get("step")
    if r["status"] != "ok" or not step:
        return
    r["steps_per_s"] = 1.0 / step["median_s"]
    r["steps_per_s_q1_q3"] = [1.0 / step["q3_s"], 1.0 / step["q1_s"]]
    r["gflops"] = r["flops_per_step"] * r["steps_per_s"] / 1e9
    peak = peaks.get(str(r["threads"]), {}).get(r["dtype"], {}).get("gflops")
    r["peak_gflops"] = peak
    r["ratio_to_peak"] = r["gflops"] / peak if peak else None

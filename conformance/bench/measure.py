"""The worker process: ``python -m conformance.bench.measure JOBS.json OUT_DIR``.

One worker per framework process group (``workloads.FRAMEWORKS``: numpy, torch, tensorflow) and thread
count, started by ``run.py`` with ``OMP_NUM_THREADS``/``MKL_NUM_THREADS``/``OPENBLAS_NUM_THREADS`` (and
TensorFlow's ``TF_NUM_*_THREADS``) already in its environment, so that every library reads them at import;
torch gets ``set_num_threads(n)`` and ``set_num_interop_threads(1)``, TensorFlow ``tf.config.threading``
with n intra-op and 1 inter-op thread: n threads in all, no over-subscription.

For each job (framework, model, batch, dtype) it
  1. builds the workload and times its first step: the compile / trace time (``first_step_s``);
  2. warms up (``WARMUP`` steps more);
  3. times steps one by one until ``seconds`` have passed (at least ``MIN_REPEATS``, at most ``MAX_REPEATS``),
     back at the initial weights every ``RESET_EVERY`` steps (untimed): median, quartiles, min; per phase
     (forward, backward, optimizer) too where the step has phases;
  4. resets to the initial weights and saves ``CHECK_STEPS`` losses and the final weights (``<id>.npz``)
     for the conformance check in the parent;
  5. records the peak resident memory of the configuration (Linux: the high-water mark is reset first
     through /proc/self/clear_refs; elsewhere the process's peak so far).
Each result is written to ``OUT_DIR/<id>.json`` as soon as it is done and a line ``done <id>`` is
printed: a crash costs only the jobs not yet done. An exception in one job is that job's ``error``
(or ``unavailable``, for a framework that cannot run here), and the worker goes on.
"""
from __future__ import annotations

import json
import os
import sys
import time
import traceback

THREAD_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "TF_NUM_INTRAOP_THREADS")
WARMUP = 3
MIN_REPEATS, MAX_REPEATS = 5, 1000
# Every RESET_EVERY timed steps the workload goes back to its initial weights and optimizer state (untimed), so
# every framework is timed on the same first updates. Left to run, a dead ReLU unit's momentum decays as 0.9ᵗ
# and is subnormal in float32 after ~800 steps (measured: the reference's mlp B=32 had 1,283 subnormal buffer
# entries after 3,000 steps, 5% slower); NumPy computes on subnormals at full cost, and the libraries differ in
# whether they flush them to zero (TensorFlow's thread-pool threads do): long runs would time that, not the step.
RESET_EVERY = 100


def thread_env(threads: int) -> dict[str, str]:
    """The variables a worker with ``threads`` threads starts with (read by the libraries at import)."""
    return {**{v: str(threads) for v in THREAD_VARS}, "TF_NUM_INTEROP_THREADS": "1",
            "TF_CPP_MIN_LOG_LEVEL": "2"}


def set_threads(group: str, threads: int) -> None:
    if group == "torch":
        import torch
        torch.set_num_threads(threads)
        try:
            torch.set_num_interop_threads(1)
        except RuntimeError:           # already set (only possible before any parallel work)
            pass
    elif group == "tensorflow":
        import tensorflow as tf
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(1)


def summary(times: list[float]) -> dict:
    import numpy as np
    t = np.asarray(times)
    q1, med, q3 = np.percentile(t, [25, 50, 75])
    return {"median_s": float(med), "q1_s": float(q1), "q3_s": float(q3), "min_s": float(t.min()), "n": len(t)}


def time_steps(work, seconds: float) -> tuple[dict, dict]:
    """Steady-state timings of ``work.step`` (and of its phases, where it has them)."""
    from conformance.bench.workloads import PHASES
    phased = hasattr(work, "forward") and not getattr(work, "whole_step", False)
    steps, phases = [], {p: [] for p in PHASES}
    start = time.perf_counter()
    per = getattr(work, "steps_per_call", 1)
    while len(steps) < MAX_REPEATS and (len(steps) < MIN_REPEATS or time.perf_counter() - start < seconds):
        if steps and len(steps) * per % RESET_EVERY == 0:
            pause = time.perf_counter()
            work.reset()
            start += time.perf_counter() - pause            # the reset is not part of the time budget
        if phased:
            t0 = time.perf_counter()
            work.forward()
            work.sync()
            t1 = time.perf_counter()
            work.backward()
            work.sync()
            t2 = time.perf_counter()
            work.optimizer()
            work.sync()
            t3 = time.perf_counter()
            for p, dt in zip(PHASES, (t1 - t0, t2 - t1, t3 - t2)):
                phases[p].append(dt)
            steps.append(t3 - t0)
        else:
            t0 = time.perf_counter()
            work.step()
            work.sync()
            steps.append(time.perf_counter() - t0)
    steps = [s / per for s in steps]
    return summary(steps), ({p: summary(v) for p, v in phases.items()} if phased else {})


def reset_peak_memory() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")              # resets VmHWM to the current RSS
        return True
    except OSError:
        return False


def memory_mb(field: str) -> float | None:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if field == "VmHWM" else None


def run_job(job: dict, out_dir: str) -> dict:
    import numpy as np
    from conformance.bench import workloads
    res = {"id": job["id"], "status": "ok", "reason": ""}
    exact = reset_peak_memory()
    rss0 = memory_mb("VmRSS")
    try:
        t0 = time.perf_counter()
        work = workloads.build(job["framework"], job["model"], job["batch"], job["dtype"], job["device"])
        work.whole_step = job["framework"] in workloads.WHOLE_STEP
        res["build_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        work.step()
        work.sync()
        res["first_step_s"] = time.perf_counter() - t0
        for _ in range(WARMUP):
            work.step()
        work.sync()
        res["step"], res["phases"] = time_steps(work, job["seconds"])
        work.reset()
        losses = check_losses(work, workloads.CHECK_STEPS)
        np.savez(os.path.join(out_dir, f"{job['id']}.npz"), __loss__=np.asarray(losses, dtype=np.float64),
                 **{k: np.asarray(v) for k, v in work.weights().items()})
    except Exception as exc:  # noqa: BLE001 - one configuration's failure is its record, the run goes on
        res["status"] = "unavailable" if _unavailable(exc) else "error"
        res["reason"] = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"[:300]
        res["traceback"] = traceback.format_exc(limit=4)[-2000:]
    res["peak_rss_mb"] = memory_mb("VmHWM")
    res["rss_before_mb"] = rss0
    res["peak_memory_exact"] = exact
    return res


def check_losses(work, steps: int) -> list[float]:
    """The losses of ``steps`` updates from the initial weights (each the batch's loss before its update)."""
    if getattr(work, "mode", None) == "fit":
        hist = work.model.fit(work.data, epochs=steps, steps_per_epoch=1, verbose=0)   # one batch per epoch
        return [float(v) for v in hist.history["loss"]]
    out = []
    for _ in range(steps):
        loss = work.step()
        work.sync()
        out.append(float(loss.item() if hasattr(loss, "item") else loss))
    return out


def _unavailable(exc: Exception) -> bool:
    """Errors that mean "this framework or device cannot run here", not "it computed wrongly"."""
    text = f"{type(exc).__name__} {exc}"
    return any(s in text for s in ("ModuleNotFoundError", "No module named", "CUDA", "cuda", "GPU",
                                   "InductorError", "BackendCompilerFailed", "CppCompileError"))


def main(argv: list[str]) -> int:
    jobs_path, out_dir = argv
    with open(jobs_path) as fh:
        spec = json.load(fh)
    info: dict = {"group": spec["group"], "threads": spec["threads"]}
    try:
        set_threads(spec["group"], spec["threads"])
        from conformance.bench import peak
        info["libraries"] = peak.libraries(spec["group"])
        if spec.get("peak_seconds"):
            info["peak"] = peak.gemm_peak(spec["peak_size"], spec["peak_seconds"])
    except Exception as exc:  # noqa: BLE001 - the jobs say why each could not run
        info["error"] = f"{type(exc).__name__}: {exc}"
    with open(os.path.join(out_dir, "worker.json"), "w") as fh:
        json.dump(info, fh)
    print("ready", flush=True)
    for job in spec["jobs"]:
        res = run_job(job, out_dir) if "error" not in info else \
            {"id": job["id"], "status": "unavailable", "reason": info["error"]}
        with open(os.path.join(out_dir, f"{job['id']}.json"), "w") as fh:
            json.dump(res, fh)
        print(f"done {job['id']}", flush=True)
    sys.stdout.flush()
    os._exit(0)                         # skip the frameworks' slow teardown


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

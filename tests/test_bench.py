"""``rosetta bench``: the quick run writes the documented JSON, a configuration that computes something
else is flagged (never silently compared), bad arguments are one-line usage errors (exit 2), and a
framework that cannot run here is reported unavailable. Speed itself is never asserted."""
import json
import pathlib
import subprocess
import sys

import numpy as np
import pytest

from conformance.bench import run, workloads
from conformance.cli import main

ENV_FIELDS = ("cpu", "cpu_flags", "cores", "threads", "numpy", "python", "device")
RESULT_FIELDS = ("id", "framework", "model", "batch", "dtype", "threads", "status", "first_step_s", "step",
                 "phases", "steps_per_s", "gflops", "ratio_to_peak", "flops_per_step", "peak_rss_mb", "check")


def test_flop_count_of_the_mlp():
    # 784-256-256-10 at B = 32: forward and dW of every layer, dx of the last two (2·B·in·out each)
    pairs = [784 * 256, 256 * 256, 256 * 10]
    assert workloads.flops("mlp", 32) == 2 * 32 * (2 * sum(pairs) + pairs[1] + pairs[2])
    assert workloads.widths_of("mlp-w64") == (784, 64, 64, 10)


def test_quick_run_writes_the_documented_json(tmp_path, capsys):
    path = tmp_path / "bench.json"
    assert main(["bench", "--quick", "--json", str(path)]) == 0
    data = json.loads(path.read_text())
    assert set(ENV_FIELDS) <= set(data["environment"])
    assert data["peak"]["1"]["float32"]["gflops"] > 0 and data["peak"]["1"]["float64"]["gflops"] > 0
    assert {"numpy_blas", "numpy_blas_kernels", "numpy_simd"} <= set(data["libraries"]["numpy"])
    assert data["flop_count"]
    rows = data["results"]
    assert [r["framework"] for r in rows] == ["reference", "torch"] or [r["framework"] for r in rows] == ["reference"]
    for r in rows:
        assert set(RESULT_FIELDS) <= set(r), r["id"]
        assert r["status"] == "ok" and r["check"]["status"] == "pass", r
        assert r["steps_per_s"] > 0 and r["step"]["n"] >= 5 and r["step"]["q1_s"] <= r["step"]["median_s"]
        assert r["flops_per_step"] == workloads.flops("mlp", 32)
        assert r["ratio_to_peak"] == pytest.approx(r["gflops"] / data["peak"]["1"]["float32"]["gflops"])
        assert set(r["phases"]) == set(workloads.PHASES)          # both are eager: phases are timed
    out = capsys.readouterr().out
    assert "GEMM peak" in out and "pass" in out
    assert "\nKernels: NumPy " in out                  # what each library's worker reported computing with


def test_a_configuration_that_computes_something_else_is_flagged(tmp_path, monkeypatch, capsys):
    real = run.run_worker

    def planted(group, threads, jobs, plan, out_dir, progress=None):
        info, results = real(group, threads, jobs, plan, out_dir, progress)
        for job in jobs:                        # the reference's trajectory, its first kernel 0.1 % off
            if job["framework"] == "reference":
                path = f"{out_dir}/{job['id']}.npz"
                saved = dict(np.load(path))
                saved["0.W"] = saved["0.W"] * np.float32(1.001)
                np.savez(path, **saved)
        return info, results

    monkeypatch.setattr(run, "run_worker", planted)
    path = tmp_path / "bench.json"
    assert main(["bench", "--quick", "--framework", "reference", "--json", str(path)]) == 1
    (row,) = json.loads(path.read_text())["results"]
    assert row["check"]["status"] == "fail" and row["check"]["worst_at"] == "0.W"
    assert row["check"]["worst_ratio"] > 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "1 configuration(s) FAIL the conformance check" in out


@pytest.mark.parametrize("args, names", [
    (["--batch-sizes", "0"], "--batch-sizes='0'"),
    (["--batch-sizes", "32,x"], "--batch-sizes='x'"),
    (["--batch-sizes", ""], "--batch-sizes=''"),
    (["--framework", "jax"], "--framework='jax'"),
    (["--model", "wide"], "--model='wide'"),
    (["--dtype", "float16"], "--dtype='float16'"),
    (["--threads", "0"], "--threads='0'"),
    (["--threads", "100000"], "--threads=100000"),
    (["--seconds", "-1"], "--seconds='-1'"),
    (["--widths", "0"], "--widths='0'"),
    (["--device", "tpu"], "--device='tpu'"),
    (["--json", "/"], "--json='/'"),
])
def test_bad_arguments_are_one_line_usage_errors(args, names, capsys):
    assert main(["bench", "--quick", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and names in err and "expected" in err, err


def test_a_device_that_is_not_here_is_reported_unavailable(capsys):
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU: --device cuda runs")
    assert main(["bench", "--quick", "--framework", "torch", "--device", "cuda"]) == 1   # nothing could run
    captured = capsys.readouterr()
    assert "unavailable" in captured.out and "no configuration could run here" in captured.err


def test_reference_speed_script_interleaves_and_times_a_baseline_checkout():
    # benchmarks/mlp_reference_vs_gemms.py (README "The reference's speed"): one tiny round, the baseline
    # worker pointed at this checkout itself; every ratio is printed. Speed itself is never asserted.
    root = pathlib.Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, str(root / "benchmarks" / "mlp_reference_vs_gemms.py"), "--rounds", "2",
                          "--block", "1", "--batches", "4", "--baseline", str(root)],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    for line in ("B=4, steps/s:\n    reference ", "reference / GEMMs alone:", "reference / baseline reference:",
                 "baseline reference / torch eager:" if "torch eager" in out else "B=4"):
        assert line in out, out


def test_keras_float64_step_computes_in_float64(tmp_path):
    # Keras computes its loss in floatx and casts Python-float hyperparameters through float32: a float64
    # run left at the defaults was 400-1000x off the float64 reference's tolerance (every configuration FAIL)
    pytest.importorskip("tensorflow")
    path = tmp_path / "bench.json"
    main(["bench", "--framework", "tf_eager", "--model", "mlp", "--batch-sizes", "8", "--dtype", "float64",
          "--threads", "1", "--seconds", "0.01", "--json", str(path)])
    (row,) = json.loads(path.read_text())["results"]
    assert row["status"] == "ok" and row["check"]["status"] == "pass", row["check"]


def test_the_check_batch_keeps_clear_of_relus_kink():
    # 784-64-64-10, B=32 as first drawn has a pre-activation 1.2e-7 from 0, where float32 rounding flips the
    # ReLU in every framework (the check failed 400×); the nudged batch keeps KINK_MARGIN·RMS away at every
    # update of the check, and differs from the draw only in the nudged rows, by about NUDGE
    params, x, labels = workloads._problem64("mlp-w64", 32)
    drawn = np.random.default_rng(workloads.SEED)
    from reference.models.sequential import Sequential
    Sequential(workloads.layers("mlp-w64")).init_params(drawn, 784, np.dtype("float64"))
    x0 = drawn.standard_normal((32, 784))
    first = workloads._trajectory("mlp-w64", params, x0, labels)
    assert workloads._near_kink("mlp-w64", first, x0, labels, 1e-6).size    # the draw is that close
    trajectory = workloads._trajectory("mlp-w64", params, x, labels)
    assert not workloads._near_kink("mlp-w64", trajectory, x, labels, workloads.KINK_MARGIN).size
    moved = np.flatnonzero((x != x0).any(axis=1))
    assert 0 < moved.size <= 3 and np.abs(x - x0).max() < 10 * workloads.NUDGE


def test_timed_steps_go_back_to_the_initial_weights_every_reset_every_steps():
    from conformance.bench import measure

    class Work:
        resets, steps, steps_per_call = 0, 0, 10

        def step(self):
            self.steps += self.steps_per_call

        def sync(self):
            pass

        def reset(self):
            self.resets += 1
            assert self.steps % measure.RESET_EVERY == 0

    work = Work()
    step, _ = measure.time_steps(work, seconds=60)
    assert step["n"] == measure.MAX_REPEATS
    assert work.resets == measure.MAX_REPEATS * 10 // measure.RESET_EVERY - 1


def test_plots_dash_the_line_of_a_configuration_that_failed(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from conformance.bench import report
    figures = []
    monkeypatch.setattr(plt, "close", figures.append)                      # keep them to look at their lines
    failed = ("torch", "mlp-w64", 32)
    results = [{"framework": fw, "model": m, "batch": b, "dtype": "float32", "threads": 1, "gflops": b / 4,
                "check": {"status": "fail" if (fw, m, b) == failed else "pass"}}
               for fw in ("reference", "torch") for m in ("mlp", "mlp-w64") for b in (32, 256)]
    data = {"results": results, "peak": {"1": {"float32": {"gflops": 100.0}}}, "environment": {"cpu": "a CPU"}}
    paths = report.write_plots(data, str(tmp_path))
    assert [pathlib.Path(p).name for p in paths] == ["throughput-float32-t1.png", "width-float32-t1.png"]
    assert all(pathlib.Path(p).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in paths)
    styles = {(ax.get_title(), line.get_label()): line.get_linestyle()
              for fig in figures for ax in fig.axes for line in ax.get_lines()}
    assert styles == {
        ("mlp (784, 256, 256, 10)", "reference"): "-", ("mlp (784, 256, 256, 10)", "torch"): "-",
        ("mlp-w64 (784, 64, 64, 10)", "reference"): "-", ("mlp-w64 (784, 64, 64, 10)", "torch"): "--",
        ("batch 32", "reference"): "-", ("batch 32", "torch"): "--",                   # the width plot too
        ("batch 256", "reference"): "-", ("batch 256", "torch"): "-",
        **{(title, "GEMM peak 100"): ":" for title in ("mlp (784, 256, 256, 10)", "mlp-w64 (784, 64, 64, 10)",
                                                        "batch 32", "batch 256")}}

"""The ``rosetta`` command: output, exit statuses, one-line usage errors."""
import json
import subprocess
import sys

import pytest


def rosetta(*args):
    return subprocess.run([sys.executable, "-m", "conformance", *args], capture_output=True, text=True)


def rosetta_without(modules, *args):
    """``rosetta`` in a Python where importing each of ``modules`` raises ImportError."""
    code = (f"import sys\nfor m in {list(modules)!r}: sys.modules[m] = None\n"
            f"from conformance.cli import main\nsys.exit(main({list(args)!r}))\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def assert_usage_error(out, needle):
    assert out.returncode == 2, out.stdout + out.stderr
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("rosetta: error: ") and needle in lines[0]
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("args,needle", [
    (["check", "--only", "no_such_component"], "--only='no_such_component' matches no component"),
    (["check", "--framework", "jax"], "--framework='jax' is not allowed"),
    (["check", "--dtype", "float16"], "--dtype='float16' is not allowed"),
    (["check", "--dtype", ""], "--dtype=''"),
    (["check", "--only", ""], "--only='': expected one or more comma-separated globs"),
    (["check", "--only", " , "], "--only=' , ': expected one or more comma-separated globs"),
    (["check", "--workers", "0"], "--workers='0' is not allowed: expected a whole number"),
    (["check", "--workers", "two"], "--workers='two' is not allowed"),
    (["check", "--bogus"], "unrecognized arguments: --bogus"),
    (["check", "--torch-device", "tpu"], "--torch-device='tpu' is not allowed"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    ([], "expected a command"),
])
def test_bad_usage_is_one_line_and_exit_2(args, needle):
    assert_usage_error(rosetta(*args), needle)


def _unwritable_dir(tmp_path):
    """A directory no file can be created in; root ignores permission bits, so it gets /sys."""
    import os
    if os.geteuid() != 0:
        d = tmp_path / "locked"
        d.mkdir(mode=0o500)
        return d
    if os.path.isdir("/sys"):
        return "/sys"
    pytest.skip("running as root without /sys: no directory is unwritable here")


@pytest.mark.parametrize("where,needle", [
    ("dir", "it is an existing directory"),
    ("under_file", "is a file, not a directory"),
    ("unwritable", "cannot create a file in"),
])
def test_bad_json_path_fails_before_the_run(tmp_path, where, needle):
    (tmp_path / "file.txt").write_text("x")
    path = {"dir": tmp_path, "under_file": tmp_path / "file.txt" / "r.json",
            "unwritable": f"{_unwritable_dir(tmp_path)}/r.json"}[where]
    out = rosetta("check", "--only", "relu", "--json", str(path))
    assert_usage_error(out, f"--json={str(path)!r} is not allowed: ")
    assert needle in out.stderr


def test_a_framework_asked_for_but_not_installed_is_an_error():
    out = rosetta_without(["tensorflow", "keras"], "check", "--framework", "keras", "--only", "relu")
    assert_usage_error(out, "--framework='keras' is not allowed here: keras is not installed")


def test_a_run_where_everything_is_skipped_says_why_and_exits_1():
    out = rosetta_without(["torch", "tensorflow", "keras"], "check", "--only", "relu", "--dtype", "float64")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Nothing was checked: every check was skipped:" in out.stdout
    assert "torch is not installed" in out.stdout and "keras is not installed" in out.stdout
    quiet = rosetta_without(["torch", "tensorflow", "keras"], "check", "--only", "relu", "--quiet")
    assert quiet.returncode == 1 and "torch is not installed" in quiet.stdout


def test_check_writes_json_and_exits_0(tmp_path):
    path = tmp_path / "sub" / "report.json"
    out = rosetta("check", "--only", "relu", "--dtype", "float64", "--json", str(path))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "relu" in out.stdout and "Summary:" in out.stdout
    payload = json.loads(path.read_text())
    env = payload["environment"]
    for key in ("python", "platform", "machine", "cpu", "numpy", "scipy", "torch", "tensorflow", "keras", "dtypes",
                "dtype_settings", "TF_ENABLE_ONEDNN_OPTS", "ONEDNN_MAX_CPU_ISA", "kernel_caps", "numpy_kernels", "torch_device", "accelerator",
                "workers"):
        assert key in env
    assert " core" in env["cpu"]
    results = payload["results"]
    assert results and {r["component"] for r in results} == {"relu"}
    keys = {"component", "family", "case", "framework", "dtype", "check", "max_abs_err",
            "max_rel_err", "atol", "rtol", "status", "note", "override", "divergence", "irreducible", "detail"}
    assert all(keys <= set(r) for r in results)
    assert {r["dtype"] for r in results} == {"float64"}


def test_check_exits_1_on_failure(monkeypatch, capsys):
    from conformance import cli, harness
    from conformance.record import Record

    def failing(cases, fws, dtypes, **_):
        return [Record("relu", "activation", "relu[default]", "torch", "float64", "forward", "fail", 1.0, 1.0, 1e-12, 1e-10)]
    monkeypatch.setattr(harness, "run", failing)
    assert cli.main(["check", "--only", "relu", "--workers", "1"]) == 1
    assert "FAIL" in capsys.readouterr().out


def _fake_run(monkeypatch):
    from conformance import harness
    from conformance.record import Record

    def run(cases, fws, dtypes, **_):
        return [Record("relu", "activation", "relu[default]", "torch", "float64", "forward", "pass", 0.0, 0.0, 1e-12, 1e-10),
                Record("relu", "activation", "relu[default]", "torch", "float64", "grad_input", "fail", 1.0, 1.0, 1e-12, 1e-10)]
    monkeypatch.setattr(harness, "run", run)


def test_on_a_terminal_the_summary_comes_first_and_the_table_on_request(monkeypatch, capsys):
    from conformance import cli, terminal
    _fake_run(monkeypatch)
    monkeypatch.setattr(terminal, "is_terminal", lambda stream: True)
    assert cli.main(["check", "--only", "relu", "--workers", "1"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Summary: 1 pass, 1 fail") and "FAIL" in out and "add --details" in out
    assert "worst abs" not in out
    assert cli.main(["check", "--only", "relu", "--workers", "1", "--details"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Summary: ") and "worst abs" in out


def test_piped_output_is_plain_text_with_the_summary_last(monkeypatch, capsys):
    from conformance import cli
    _fake_run(monkeypatch)
    assert cli.main(["check", "--only", "relu", "--workers", "1"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("component") and out.rstrip().splitlines()[-1].startswith("Summary: 1 pass, 1 fail")
    assert err == ""                                    # no progress bar when not on a terminal


def test_list_json_shape():
    out = rosetta("list", "--json")
    assert out.returncode == 0, out.stderr
    entries = json.loads(out.stdout)
    assert {"name": "dense", "family": "layer", "frameworks": {"torch": "native", "keras": "native"}} in entries
    for e in entries:
        assert set(e) == {"name", "family", "frameworks"}
        assert set(e["frameworks"].values()) <= {"native", "composed", "missing", "unavailable"}


def test_list_table():
    out = rosetta("list")
    assert out.returncode == 0 and "dense" in out.stdout and "native" in out.stdout


def test_docs_divergences_is_current():
    """docs/divergences.md is `rosetta list --divergences`: regenerate it when a record changes."""
    from pathlib import Path

    from conformance.cli import divergences_markdown
    doc = Path(__file__).resolve().parent.parent / "docs" / "divergences.md"
    assert doc.read_text() == divergences_markdown(), \
        "docs/divergences.md is stale: run `rosetta list --divergences > docs/divergences.md`"


def test_machine_names_the_cpu_its_avx512_and_cores(monkeypatch):
    from conformance import environment, kernels
    monkeypatch.setattr(environment, "cpu_count", lambda: 2)
    for knob in kernels.KNOBS:
        monkeypatch.delenv(knob, raising=False)
    info = "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Processor\nflags\t\t: fpu avx2 avx512f\n\nprocessor\t: 1\n"
    assert environment.machine(info) == "Intel(R) Xeon(R) Processor, AVX-512, 2 cores"
    monkeypatch.setenv("ONEDNN_MAX_CPU_ISA", "AVX2")
    assert environment.machine(info.replace(" avx512f", "")) == \
        "Intel(R) Xeon(R) Processor, no AVX-512, 2 cores, ONEDNN_MAX_CPU_ISA=AVX2"
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")        # every knob of rosetta kernels is named
    assert environment.machine(info).endswith(", 2 cores, ONEDNN_MAX_CPU_ISA=AVX2, OPENBLAS_CORETYPE=Haswell")


def test_progress_bar_appears_only_after_its_delay():
    import io

    from rich.console import Console

    from conformance.terminal import ProgressBar
    out = io.StringIO()
    late = ProgressBar("run", show_after_s=3600, console=Console(file=out, force_terminal=True))
    late(1, 10)
    late.close()
    assert out.getvalue() == ""
    soon = ProgressBar("run", show_after_s=0, console=Console(file=out, force_terminal=True))
    soon(1, 10)
    soon.close()
    assert "1/10" in out.getvalue()

"""The ``rosetta`` command: output, exit statuses, one-line usage errors."""
import json
import subprocess
import sys

import pytest


def rosetta(*args):
    return subprocess.run([sys.executable, "-m", "conformance", *args], capture_output=True, text=True)


@pytest.mark.parametrize("args,needle", [
    (["check", "--only", "no_such_component"], "--only='no_such_component' matches no component"),
    (["check", "--framework", "jax"], "--framework='jax' is not allowed"),
    (["check", "--dtype", "float16"], "--dtype='float16' is not allowed"),
    (["check", "--dtype", ""], "--dtype=''"),
    (["check", "--bogus"], "unrecognized arguments: --bogus"),
    (["check", "--torch-device", "tpu"], "--torch-device='tpu' is not allowed"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    ([], "expected a command"),
])
def test_bad_usage_is_one_line_and_exit_2(args, needle):
    out = rosetta(*args)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("rosetta: error: ") and needle in lines[0]
    assert "Traceback" not in out.stderr


def test_check_writes_json_and_exits_0(tmp_path):
    path = tmp_path / "sub" / "report.json"
    out = rosetta("check", "--only", "relu", "--dtype", "float64", "--json", str(path))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "relu" in out.stdout and "Summary:" in out.stdout
    payload = json.loads(path.read_text())
    env = payload["environment"]
    for key in ("python", "platform", "machine", "numpy", "scipy", "torch", "tensorflow", "keras", "dtypes",
                "dtype_settings", "TF_ENABLE_ONEDNN_OPTS", "torch_device", "accelerator"):
        assert key in env
    results = payload["results"]
    assert results and {r["component"] for r in results} == {"relu"}
    keys = {"component", "family", "case", "framework", "dtype", "check", "max_abs_err",
            "max_rel_err", "atol", "rtol", "status", "note", "override", "divergence", "irreducible", "detail"}
    assert all(keys <= set(r) for r in results)
    assert {r["dtype"] for r in results} == {"float64"}


def test_check_exits_1_on_failure(monkeypatch, capsys):
    from conformance import cli, harness
    from conformance.record import Record

    def failing(cases, fws, dtypes):
        return [Record("relu", "activation", "relu[default]", "torch", "float64", "forward", "fail", 1.0, 1.0, 1e-12, 1e-10)]
    monkeypatch.setattr(harness, "run", failing)
    assert cli.main(["check", "--only", "relu"]) == 1
    assert "FAIL" in capsys.readouterr().out


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

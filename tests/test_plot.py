"""``rosetta check --plot DIR``: PNG per component and framework, and its usage errors."""
import subprocess
import sys

import pytest

from conformance import plot
from conformance.record import Record

pytestmark = pytest.mark.skipif(plot.available() is not None, reason="matplotlib is not installed")
PNG = b"\x89PNG\r\n\x1a\n"


def rosetta(*args):
    return subprocess.run([sys.executable, "-m", "conformance", *args], capture_output=True, text=True)


def _record(case, dtype, check, curve, ratio):
    return Record("sgd", "optimizer", case, "torch", dtype, check, "pass", max(curve), None, 1e-12, 1e-10,
                  detail={"per_step_max_abs": curve, "per_step_tolerance_ratio": ratio,
                          "first_step_over_tolerance": None, "final_max_abs": curve[-1]})


def test_write_one_png_per_component_and_framework(tmp_path):
    records = [_record("sgd[default]", "float64", "params", [0.0, 1e-16, 2e-16], [0.0, 1e-4, 2e-4]),
               _record("sgd[default]", "float64", "state:momentum", [0.0, 3e-16, 1e-16], [0.0, 3e-4, 1e-4]),
               _record("sgd[tiny]", "float32", "params", [1e-8, 1e-7, 1e-7], [0.01, 0.1, 0.1]),
               Record("relu", "activation", "relu[default]", "torch", "float64", "forward", "pass", 0.0)]
    paths = plot.write(records, str(tmp_path / "plots"))
    assert [p.rsplit("/", 1)[-1] for p in paths] == ["sgd-torch.png"]
    assert open(paths[0], "rb").read(8) == PNG


def test_no_trajectory_no_plot(tmp_path):
    assert plot.write([Record("relu", "activation", "relu[default]", "torch", "float64", "forward", "pass")],
                      str(tmp_path)) == []


def test_cli_plot_end_to_end(tmp_path):
    out = rosetta("check", "--only", "adadelta[default]", "--framework", "torch", "--dtype", "float64",
                  "--plot", str(tmp_path / "p"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 plot(s) written" in out.stdout and "Trajectories (100 updates" in out.stdout
    assert (tmp_path / "p" / "adadelta-torch.png").read_bytes()[:8] == PNG


def test_cli_plot_into_a_file_is_a_usage_error(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    out = rosetta("check", "--only", "relu", "--plot", str(target))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip().splitlines() == [f"rosetta: error: --plot={str(target)!r} is not allowed: "
                                               "it exists and is not a directory"]

"""Real reports of a small selection, made once per test process and shared by ``test_diff.py`` and
``test_html_report.py`` (import as ``from small_reports import ...``; pytest puts this folder on
sys.path). The selection has activations with divergences (relu, gelu), an optimizer's trajectories
with native runs (sgd) and a whole model (sequential[default]), in both frameworks and dtypes."""
from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SELECTION = "relu,gelu,sgd,sequential[default]"


def rosetta(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "conformance", *args], capture_output=True, text=True, cwd=cwd)


@functools.cache
def reports() -> dict[str, Path]:
    """{"all": one run's JSON, "html": its HTML, "shard1"/"shard2": the two halves, "float32": the
    float32 part alone}; every run in this process (--workers 1), so the numbers are comparable."""
    d = Path(tempfile.mkdtemp(prefix="rosetta-small-"))
    atexit.register(shutil.rmtree, d, True)           # removed when the test process ends
    out = {"all": d / "all.json", "html": d / "all.html", "shard1": d / "s1.json", "shard2": d / "s2.json",
           "float32": d / "f32.json"}
    runs = [("--json", str(out["all"]), "--html", str(out["html"])),
            ("--shard", "1/2", "--json", str(out["shard1"])),
            ("--shard", "2/2", "--json", str(out["shard2"])),
            ("--dtype", "float32", "--json", str(out["float32"]))]
    for extra in runs:
        proc = rosetta("check", "--only", SELECTION, "--workers", "1", *extra)
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return out

"""``reference`` depends on NumPy only: it imports and runs with torch and tensorflow blocked."""
import subprocess
import sys

BLOCKED = """
import sys
for mod in ("torch", "tensorflow", "keras", "scipy"):
    sys.modules[mod] = None          # any import of these now raises ImportError
import numpy as np
import reference
for kind in ("layer", "activation", "loss"):
    assert reference.all_names(kind), kind
y = reference.get("activation", "relu")()(np.array([[-1.0, 2.0]]))
assert y.tolist() == [[0.0, 2.0]]
assert not any(m in sys.modules and sys.modules[m] is not None for m in ("torch", "tensorflow", "keras"))
print("ok")
"""


def test_reference_imports_without_frameworks():
    out = subprocess.run([sys.executable, "-c", BLOCKED], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_harness_reports_missing_framework_as_skip():
    code = """
import sys
sys.modules["torch"] = None
from conformance import catalog, harness
recs = harness.run_case(catalog.select(["relu"])[0], "torch", "float64")
assert [r.status for r in recs] == ["skip"], recs
assert "torch is not installed" in recs[0].note
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_missing_keras_skips_keras_and_runs_torch():
    code = """
import sys
sys.modules["tensorflow"] = None
sys.modules["keras"] = None
from conformance import catalog, harness
case = catalog.select(["dense"])[0]
keras = harness.run_case(case, "keras", "float64")
assert [r.status for r in keras] == ["skip"] and "keras is not installed" in keras[0].note, keras
torch = harness.run_case(case, "torch", "float64")
assert torch and all(r.status == "pass" for r in torch), torch
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")

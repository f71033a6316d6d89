"""``rosetta kernels``: a command run with another CPU's kernels gets them from every library."""
import json
import subprocess
import sys

import pytest

from conformance import frameworks, kernels

PROBE = """
import json, os
from conformance.environment import numpy_kernels
numpy = numpy_kernels()
seen = {"env": {k: os.environ.get(k) for k in %r}, "numpy_simd": numpy["simd"], "openblas": numpy["blas_kernels"]}
if %r:
    import torch
    seen["torch"] = torch.backends.cpu.get_cpu_capability()
print(json.dumps(seen))
"""


def rosetta_kernels(*args, env=None):
    return subprocess.run([sys.executable, "-m", "conformance", "kernels", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def probe(kernel_set: str, env=None) -> dict:
    code = PROBE % (list(kernels.KNOBS), not frameworks.missing("torch"))
    done = rosetta_kernels(kernel_set, "--", sys.executable, "-c", code, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("kernel_set, numpy_off, openblas, torch_cap", [
    ("avx2", {"X86_V4", "AVX512_ICL", "AVX512_SPR"}, "Haswell", {"AVX2"}),
    ("sse41", {"X86_V3", "X86_V4", "AVX512_ICL", "AVX512_SPR"}, "Nehalem", {"DEFAULT"}),
])
def test_a_kernel_set_caps_every_library(kernel_set, numpy_off, openblas, torch_cap):
    seen = probe(kernel_set)
    assert seen["env"] == {k: kernels.SETS[kernel_set].get(k) for k in kernels.KNOBS}
    assert not numpy_off & set(seen["numpy_simd"]), "NumPy's loops are not capped: NPY_DISABLE_CPU_FEATURES's names?"
    assert seen["openblas"] == openblas
    if "torch" in seen and seen["torch"] != "DEFAULT":    # DEFAULT: a CPU without AVX2 has nothing to cap
        assert seen["torch"] in torch_cap


def test_native_unsets_the_caps_a_shell_already_had():
    import os
    env = {**os.environ, "ONEDNN_MAX_CPU_ISA": "SSE41", "OPENBLAS_CORETYPE": "Nehalem"}
    seen = probe("native", env=env)
    assert seen["env"] == dict.fromkeys(kernels.KNOBS)
    assert seen["openblas"] != "Nehalem"


def test_without_a_command_it_prints_the_settings_for_env():
    done = rosetta_kernels("avx2")
    assert done.returncode == 0
    assert dict(w.split("=", 1) for w in done.stdout.split()) == kernels.SETS["avx2"]


def test_the_command_s_exit_status_is_kept():
    assert rosetta_kernels("avx2", "--", sys.executable, "-c", "raise SystemExit(3)").returncode == 3


def test_bad_input_is_named():
    done = rosetta_kernels("avx512")
    assert done.returncode == 2
    assert "'avx512'" in done.stderr and "avx2" in done.stderr and "sse41" in done.stderr
    done = rosetta_kernels("avx2", "--", "no-such-program-here")
    assert done.returncode == 127
    assert "COMMAND='no-such-program-here' could not be run" in done.stderr


# The float32 cases whose round-off depends most on the kernels: every CPU-dependent override's case and the
# products checked against a rounding-error bound (conformance/bounds.py).
CPU_SENSITIVE = ("sgd[mlp_momentum],rmsprop[mlp],rmsprop[momentum_schedule],sequential[tutorial_adam],"
                 "dense,conv2d,maxout")


@pytest.mark.skipif(bool(frameworks.missing("torch") or frameworks.missing("keras")), reason="needs torch and keras")
@pytest.mark.parametrize("kernel_set", ["avx2", "sse41"])
def test_the_cpu_sensitive_cases_pass_with_another_cpu_s_kernels(kernel_set):
    """What CI on one machine can show of another: these cases pass with an AVX2 and an SSE4.1 machine's
    kernels too (the whole report: ``make report KERNELS=avx2``, then ``rosetta diff``)."""
    done = rosetta_kernels(kernel_set, "--", sys.executable, "-m", "conformance", "check", "--only", CPU_SENSITIVE,
                           "--dtype", "float32", "--quiet", "--workers", "1")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " pass, 0 fail, 0 error, 0 skip," in done.stdout

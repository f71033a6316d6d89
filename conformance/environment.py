"""What a report ran with: versions, settings, and the machine (``machine()``)."""
from __future__ import annotations

import os
import platform
import sys

from conformance import frameworks, kernels

CPUINFO = "/proc/cpuinfo"


def describe(dtypes: list[str], device: str = "cpu") -> dict:
    """What a run with ``dtypes`` and torch on ``device`` ran with, for the JSON report."""
    env = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": machine(),
        **frameworks.versions(),
        "dtypes": list(dtypes),
        "dtype_settings": {
            "torch": "torch.set_default_dtype(<dtype>) before each module is built",
            "keras": "keras.config.set_floatx(<dtype>) and set_dtype_policy(<dtype>) before each layer is built",
        },
        "TF_ENABLE_ONEDNN_OPTS": os.environ.get("TF_ENABLE_ONEDNN_OPTS", "(unset: oneDNN on)"),
        "ONEDNN_MAX_CPU_ISA": os.environ.get("ONEDNN_MAX_CPU_ISA", "(unset: the best the CPU has)"),
        "kernel_caps": kernels.caps_in_effect(),     # every knob that caps a library's kernels ({}: none)
        "numpy_kernels": numpy_kernels(),
        **_torch_device(device),
    }
    return env


def numpy_kernels() -> dict:
    """What NumPy computes with here (float32 round-off depends on it): its BLAS (name and version), the
    kernels that BLAS picked for this CPU (OpenBLAS's core type, e.g. SkylakeX or Haswell, read through
    threadpoolctl; ``OPENBLAS_CORETYPE`` sets it) and the SIMD targets of NumPy's own loops in use
    (``NPY_DISABLE_CPU_FEATURES`` removes some)."""
    import numpy as np
    info: dict = {"blas": "unknown", "blas_kernels": None, "simd": []}
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg.get("Build Dependencies", {}).get("blas", {})
        info["blas"] = f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
        info["simd"] = list(cfg.get("SIMD Extensions", {}).get("found", []))
    except Exception as exc:  # noqa: BLE001 - an older NumPy without show_config(mode=): say so
        info["blas"] = f"unknown ({type(exc).__name__})"
    from threadpoolctl import threadpool_info
    numpy_dir = os.path.dirname(os.path.dirname(np.__file__))       # site-packages: numpy/ and numpy.libs/
    mine = [i for i in threadpool_info() if i.get("filepath", "").startswith(os.path.join(numpy_dir, "numpy"))]
    if mine:
        info["blas_kernels"] = mine[0].get("architecture") or mine[0].get("internal_api")
    return info


def _torch_device(device: str) -> dict:
    """The device torch ran on (``--torch-device``) and, for CUDA, its name (the only reason to
    import torch here)."""
    if frameworks.missing("torch"):
        return {"torch_device": None, "accelerator": None}
    if device == "cpu":
        return {"torch_device": device, "accelerator": None}
    try:
        import torch
        name = torch.cuda.get_device_name(torch.device(device))
    except Exception as exc:  # noqa: BLE001 - a broken torch or driver: say so, keep the report
        name = f"unknown ({type(exc).__name__})"
    return {"torch_device": device, "accelerator": name}


def cpu_count() -> int:
    """The CPUs this process may run on (its affinity mask where the OS has one), else the count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:           # macOS, Windows
        return os.cpu_count() or 1


def machine(cpuinfo: str | None = None) -> str:
    """One line naming the CPU, e.g. "Intel(R) Xeon(R) Processor, AVX-512, 2 cores": the model,
    whether it has AVX-512 (the ``avx512f`` flag; oneDNN and MKL pick their kernels by it, so
    float32 residuals can differ between machines that differ here), the CPUs this process may
    use, and each setting that caps a library's kernels when set (``conformance.kernels.KNOBS``:
    ``rosetta kernels avx2`` sets them to show an AVX2 machine's kernels).
    ``cpuinfo``: the text of /proc/cpuinfo (read when None; absent off Linux)."""
    if cpuinfo is None:
        try:
            with open(CPUINFO) as fh:
                cpuinfo = fh.read()
        except OSError:
            cpuinfo = ""
    fields: dict[str, str] = {}
    for line in cpuinfo.splitlines():          # the first processor's block is enough
        if not line.strip():
            break
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    model = fields.get("model name") or platform.processor() or platform.machine() or "unknown CPU"
    parts = [model]
    if "flags" in fields:
        parts.append("AVX-512" if "avx512f" in fields["flags"].split() else "no AVX-512")
    n = cpu_count()
    parts.append(f"{n} core{'s' if n != 1 else ''}")
    return ", ".join(parts + ([kernels.named(caps)] if (caps := kernels.caps_in_effect()) else []))

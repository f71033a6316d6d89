"""The machine's measured limit and what each library computes with.

``gemm_peak(n, seconds)``: GFLOP/s of an (n, n) @ (n, n) product with NumPy's BLAS, per dtype, in the
worker's own thread setting (2·n³ FLOPs per product; median of repeated products after one warm-up).
It is measured in the same run as the benchmarks, in the numpy worker of each thread count.

``libraries(group)``: the BLAS and the CPU features each library reports it uses: NumPy's BLAS (name,
version, the kernels it picked: OpenBLAS's core type) and the SIMD targets of its own loops in use, torch's
BLAS (MKL or not), oneDNN (mkldnn) and CPU capability (AVX512, AVX2, ...), TensorFlow's oneDNN setting and
build. ``cpu_flags()`` is the CPU's own.
"""
from __future__ import annotations

import os
import time

VECTOR_FLAGS = ("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16",
                "amx_tile", "amx_bf16")


def gemm_peak(n: int, seconds: float) -> dict:
    import numpy as np
    out = {}
    for dtype in ("float32", "float64"):
        rng = np.random.default_rng(0)
        a = rng.standard_normal((n, n)).astype(dtype)
        b = rng.standard_normal((n, n)).astype(dtype)
        a @ b                                                    # warm-up (the BLAS's threads, its buffers)
        times, start = [], time.perf_counter()
        while len(times) < 3 or (time.perf_counter() - start < seconds and len(times) < 200):
            t0 = time.perf_counter()
            a @ b
            times.append(time.perf_counter() - t0)
        med = float(np.median(times))
        out[dtype] = {"gflops": 2 * n ** 3 / med / 1e9, "n": n, "median_s": med, "repeats": len(times)}
    return out


def cpu_flags(cpuinfo: str | None = None) -> list[str]:
    """The vector-instruction flags of the first CPU in /proc/cpuinfo (``VECTOR_FLAGS`` only)."""
    if cpuinfo is None:
        try:
            with open("/proc/cpuinfo") as fh:
                cpuinfo = fh.read()
        except OSError:
            return []
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            have = set(line.partition(":")[2].split())
            return [f for f in VECTOR_FLAGS if f in have]
    return []


def numpy_info() -> dict:
    import numpy as np

    from conformance.environment import numpy_kernels
    kernels = numpy_kernels()
    return {"numpy": np.__version__, "numpy_blas": kernels["blas"], "numpy_blas_kernels": kernels["blas_kernels"],
            "numpy_simd": kernels["simd"]}


def torch_info() -> dict:
    import torch
    cfg = torch.__config__.show()
    blas = next((part.split("=")[1] for part in cfg.replace(",", " ").split() if part.startswith("BLAS_INFO=")), "?")
    return {"torch": torch.__version__, "blas": blas, "mkl": torch.backends.mkl.is_available(),
            "onednn": torch.backends.mkldnn.is_available(), "cpu_capability": torch.backends.cpu.get_cpu_capability(),
            "threads": torch.get_num_threads(), "interop_threads": torch.get_num_interop_threads(),
            "cuda": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None}


def tensorflow_info() -> dict:
    import keras
    import tensorflow as tf
    build = tf.sysconfig.get_build_info()
    onednn = os.environ.get("TF_ENABLE_ONEDNN_OPTS", "1") != "0"
    return {"tensorflow": tf.__version__, "keras": keras.__version__,
            "onednn": onednn, "onednn_max_cpu_isa": os.environ.get("ONEDNN_MAX_CPU_ISA", "(the best the CPU has)"),
            "blas": "Eigen (matmul through oneDNN when onednn is on)",
            "intra_op_threads": tf.config.threading.get_intra_op_parallelism_threads(),
            "inter_op_threads": tf.config.threading.get_inter_op_parallelism_threads(),
            "cuda_build": bool(build.get("is_cuda_build")), "gpus": len(tf.config.list_physical_devices("GPU"))}


def libraries(group: str) -> dict:
    info = numpy_info()
    if group == "torch":
        info.update(torch_info())
    elif group == "tensorflow":
        info.update(tensorflow_info())
    return info

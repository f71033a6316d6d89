"""``rosetta kernels SET [-- COMMAND ...]``: run COMMAND with the kernels another CPU would use.

NumPy, its OpenBLAS, torch (its own kernels and MKL) and TensorFlow (oneDNN) each pick their float32
kernels by the vector instructions of the CPU they run on, so the same code rounds differently on an
AVX-512 machine and on an AVX2 one, and a verdict (or a speed figure) measured on one need not hold on
the other. Each library has its own setting that caps what it dispatches to; a kernel set below is
all of them at once, so that one machine shows another class of machine's kernels. The settings are
read when each library loads, so they are set for a new process: ``rosetta kernels avx2 -- make test``,
``rosetta kernels avx2 -- rosetta check``; without a command, the settings are printed as
``NAME=value`` words for ``env $(rosetta kernels avx2) COMMAND``. ``native`` unsets them all.

What a cap cannot change: the machine's caches, memory and clock (speed figures under a cap are this
machine's, with the other kernels) and NumPy's build baseline (X86_V2, SSE4.2 and POPCNT: no NumPy
loop below it).
"""
from __future__ import annotations

import os
import sys

# knob -> what it caps (the order of ``rosetta kernels`` output)
KNOBS = {
    "ONEDNN_MAX_CPU_ISA": "TensorFlow's oneDNN",
    "MKL_ENABLE_INSTRUCTIONS": "MKL, torch's matrix products",
    "ATEN_CPU_CAPABILITY": "torch's own kernels",
    "OPENBLAS_CORETYPE": "NumPy's OpenBLAS",
    "NPY_DISABLE_CPU_FEATURES": "NumPy's own loops",      # the names of NumPy ≥ 2.3's dispatch targets
}

SETS = {
    "avx2": {       # AVX2 and FMA, no AVX-512: e.g. AMD EPYC (Zen 2/3), Intel Haswell to Comet Lake
        "ONEDNN_MAX_CPU_ISA": "AVX2",
        "MKL_ENABLE_INSTRUCTIONS": "AVX2",
        "ATEN_CPU_CAPABILITY": "avx2",
        "OPENBLAS_CORETYPE": "Haswell",
        "NPY_DISABLE_CPU_FEATURES": "X86_V4,AVX512_ICL,AVX512_SPR",
    },
    "sse41": {      # no AVX at all: SSE4.1/4.2 kernels everywhere (NumPy: its SSE4.2 baseline)
        "ONEDNN_MAX_CPU_ISA": "SSE41",
        "MKL_ENABLE_INSTRUCTIONS": "SSE4_2",
        "ATEN_CPU_CAPABILITY": "default",
        "OPENBLAS_CORETYPE": "Nehalem",
        "NPY_DISABLE_CPU_FEATURES": "X86_V3,X86_V4,AVX512_ICL,AVX512_SPR",
    },
    "native": {},   # none: the best the CPU has (unsets every knob above)
}


def environ(name: str, base: dict[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) with kernel set ``name``'s settings: every knob
    of ``KNOBS`` unset first, so that a set never mixes with caps already in the environment."""
    env = {k: v for k, v in (os.environ if base is None else base).items() if k not in KNOBS}
    env.update(SETS[name])
    return env


def caps_in_effect(env: dict[str, str] | None = None) -> dict[str, str]:
    """The knobs of ``KNOBS`` set (non-empty) in ``env`` (default: this process's environment)."""
    env = os.environ if env is None else env
    return {k: env[k] for k in KNOBS if env.get(k)}


def named(caps: dict[str, str]) -> str:
    """Caps as the machine line names them: "ONEDNN_MAX_CPU_ISA=AVX2, ..." (``named(SETS["avx2"])`` is the
    suffix a ``Measured`` taken under ``rosetta kernels avx2`` carries)."""
    return ", ".join(f"{k}={v}" for k, v in caps.items())


def add_parser(sub) -> None:
    p = sub.add_parser("kernels", help="run a command with another CPU's kernels (AVX2, SSE4.1) on this one",
                       description="Run COMMAND with the kernels an AVX2 (or SSE4.1) machine would use, in every "
                                   "library: " + "; ".join(f"{knob} ({what})" for knob, what in KNOBS.items()) +
                                   ". Without COMMAND, print the settings as NAME=value words for env.")
    p.add_argument("set", metavar="SET", choices=tuple(SETS), help=f"the kernel set: {', '.join(SETS)}")
    p.add_argument("argv", nargs="...", metavar="-- COMMAND",
                   help="the command to run with it (without one: print the settings)")


def cmd_kernels(args) -> int:
    command = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    env = environ(args.set)
    if not command:
        print(" ".join(f"{k}={v}" for k, v in SETS[args.set].items()))
        return 0
    sys.stdout.flush()
    try:
        os.execvpe(command[0], command, env)        # the command's exit status is ours
    except OSError as exc:
        print(f"rosetta: error: kernels: COMMAND={command[0]!r} could not be run ({exc.strerror}): "
              "expected a program on PATH or a path to one", file=sys.stderr)
        return 127

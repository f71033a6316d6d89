"""Tolerances: one table row per dtype, per-check overrides with their measurements, and the
rounding-error allowance of products and reductions.

A check passes when, element by element,

    |framework − reference| ≤ atol + rtol·|reference| + bound

``bound`` is 0 unless the checker computes one alongside the reference (``Check.bound``): the
standard rounding-error bound of a product or reduction in the run's dtype. For y = x·W over n
terms, any summation order gives |fl(y) − y| ≤ γₙ·(|x|·|W|) elementwise, γₙ = n·u/(1 − n·u), u the
unit round-off (2⁻²⁴ in float32, 2⁻⁵³ in float64). The reference and a framework each sit within
that of the exact value, so they may differ by 2·γₙ·(|x|·|W|) whatever kernels a CPU picks
(oneDNN chooses AVX2 or AVX-512 float32 kernels by machine, OpenBLAS too): a verdict from that
bound is the same on every machine. ``rounding_bound`` computes it.

The rule for everything else: the table row holds for round-off of elementwise math; a case that
needs more carries an ``Override`` keyed ``"<framework>:<dtype>"`` (or ``"<dtype>"`` for both) that
names the checks it loosens (``forward``, ``grad_input``, ``grad_param:W``, ``params``, ``state:``
for every state slot, ...), says why, and records what it was measured at (``Measured``: the
check's worst ratio |Δ| / (atol + rtol·|ref|) under the table and under the override, and the
machine). ``tests/test_honesty.py`` holds each override to its data: needed (the table ratio is
above 1 where it was measured), tight (the override ratio is at least 1/4: at most ~4× the residual)
and, when the residual does not depend on the CPU, the same ratios again on the machine running
the test. A CPU-dependent override (``cpu_dependent=True``: summation order inside a framework's
kernels) is re-measured and must still show its cause (its table ratio at least a quarter of the
smallest recorded one), so an override whose cause has gone is caught on every machine.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from conformance.kernels import SETS, named


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float
    reason: str = ""          # empty for the table's own rows


TOLERANCES = {
    # float64: both frameworks agree with the reference at round-off (measured ≤ 1e-14 abs
    # on the whole catalog); 1e-10 relative leaves room for summation order only.
    "float64": Tolerance(rtol=1e-10, atol=1e-12),
    # float32: a few ulps of float32 (eps 1.2e-7) through elementwise math; products and
    # reductions add their rounding bound (``rounding_bound``).
    "float32": Tolerance(rtol=1e-5, atol=1e-6),
}


TRANSITION = False


@dataclass(frozen=True)
class Measured:
    """One measurement of an override's checks: the worst ratio |Δ| / (atol + rtol·|ref|) under the
    table row (above 1: the table fails) and under the override (at most 1: it passes), on ``machine``
    (CPU model, AVX-512 or not, cores; the kernel caps that were set: ``conformance.kernels``)."""
    table_ratio: float
    override_ratio: float
    machine: str


# The machines (and kernel sets) the overrides were measured on, as ``environment.machine()`` names them.
XEON = "Intel(R) Xeon(R) Processor, AVX-512, 2 cores"
XEON_AVX2, XEON_SSE41 = (f"{XEON}, {named(SETS[k])}" for k in ("avx2", "sse41"))     # rosetta kernels avx2, sse41


@dataclass(frozen=True)
class Override(Tolerance):
    """A per-case tolerance for the checks it names, with its reason and its measurements."""
    checks: tuple[str, ...] = ()
    measured: tuple[Measured, ...] = ()
    cpu_dependent: bool = False

    def __post_init__(self):
        if not self.reason.strip():
            raise ValueError("reason='' is not allowed: a tolerance override must say why")
        if TRANSITION:
            return
        if not self.checks or not all(isinstance(c, str) and c for c in self.checks):
            raise ValueError(f"checks={self.checks!r} is not allowed: name the checks the override loosens, "
                             "e.g. ('grad_input',) or ('params', 'state:')")
        if not self.measured:
            raise ValueError(f"measured=() is not allowed: record what the override was measured at "
                             f"(Measured(table_ratio, override_ratio, machine)); reason: {self.reason[:60]!r}")

    def covers(self, check: str) -> bool:
        return not self.checks or any(check == c or (c.endswith(":") and check.startswith(c)) for c in self.checks)


def tolerance_for(dtype: str, overrides: dict[str, Tolerance] | None = None, framework: str | None = None,
                  check: str | None = None) -> Tolerance:
    """The override for (framework, dtype, check) when one covers the check, else the table's row."""
    for key in (f"{framework}:{dtype}", dtype):
        o = (overrides or {}).get(key)
        if o is not None and (check is None or not isinstance(o, Override) or o.covers(check)):
            return o
    return TOLERANCES[dtype]


def for_check(dtype: str, overrides: dict[str, Tolerance] | None, framework: str, check: str,
              atol_scale: float = 1.0) -> Tolerance:
    """The tolerance a check is held to: ``tolerance_for``'s, its atol times the check's ``atol_scale``
    (``Check.atol_scale``, in (0, 1]: a quantity smaller than atol is held to its own size)."""
    if not 0 < atol_scale <= 1:
        raise ValueError(f"{check}: atol_scale={atol_scale!r} is not allowed: expected a number in (0, 1]")
    tol = tolerance_for(dtype, overrides, framework, check)
    return replace(tol, atol=tol.atol * atol_scale) if atol_scale != 1 else tol


UNIT_ROUNDOFF = {"float32": 2.0 ** -24, "float64": 2.0 ** -53}


def gamma(n: int, dtype: str) -> float:
    """γₙ = n·u / (1 − n·u): the relative error bound of a sum or dot product of n terms."""
    nu = n * UNIT_ROUNDOFF[str(np.dtype(dtype))]
    if nu >= 1:
        raise ValueError(f"n={n} is too large for a {dtype} rounding bound (n·u = {nu:.2g} ≥ 1)")
    return nu / (1 - nu)


def rounding_bound(a: np.ndarray, b: np.ndarray, dtype: str) -> np.ndarray:
    """2·γₙ·(|a|·|b|) for the product a @ b (n = the contracted length): how far two correctly
    implemented products in ``dtype`` may lie apart, whatever their summation order."""
    a, b = np.abs(np.asarray(a, dtype=np.float64)), np.abs(np.asarray(b, dtype=np.float64))
    return 2 * gamma(a.shape[-1], dtype) * (a @ b)

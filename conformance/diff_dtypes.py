"""``rosetta diff A.json B.json --pair-dtypes``: each check of A in float64 beside the same check of B in float32
(the same file twice when one report ran both), so that a user sees float32's error budget: how far each
framework is from the reference in each dtype, and how much of float32's tolerance that uses.

Both dtypes are measured against the reference computed in the same dtype, so a pair says how much more
float32 departs than float64 (the ratio of the two max |Δ|) and how close float32 comes to its own allowance
(max |Δ| / allowed, the record's ``tolerance_ratio``). Checks are matched by family, case, framework, check
and, for divergence records, what differs (``reports.key`` without the dtype). Listed:
  verdicts   pairs whose status differs between the dtypes (passes in float64, fails in float32: *worse*);
  budget     every pair with a float32 tolerance ratio, largest first: the checks nearest float32's limit
             (divergence records are documented effects, not round-off: counted, not listed);
  unpaired   the count of checks in one dtype only.
Exit status of the command: 1 when a check that passes in float64 fails or errors in float32, else 0.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from conformance.diff import SEVERITY, TINY, _fmt
from conformance.record import Record
from conformance.reports import finite, keyed

WIDE, NARROW = "float64", "float32"


class NoPairs(ValueError):
    """A report lacks the dtype its side stands for (bad usage, exit 2)."""


@dataclass
class Pair:
    wide: Record                       # float64
    narrow: Record                     # float32

    def where(self) -> str:
        r = self.narrow
        return f"{r.case} {r.framework} {r.check}" + (" [divergence]" if r.status == "divergence" else "")

    @property
    def ratio(self) -> float | None:
        """float32's max |Δ| over float64's (float64's floored at TINY), or None."""
        a, b = self.wide.max_abs_err, self.narrow.max_abs_err
        return b / max(a, TINY) if finite(a) and finite(b) else None


@dataclass
class DtypePairs:
    a_path: str
    b_path: str
    pairs: list[Pair] = field(default_factory=list)
    only_wide: int = 0
    only_narrow: int = 0

    @property
    def worse(self) -> list[Pair]:
        return [p for p in self.pairs if SEVERITY.get(p.narrow.status, 0) > SEVERITY.get(p.wide.status, 0)]

    @property
    def changed(self) -> list[Pair]:
        return [p for p in self.pairs if p.narrow.status != p.wide.status]

    @property
    def budget(self) -> list[Pair]:
        return sorted((p for p in self.pairs if finite(p.narrow.tolerance_ratio) and p.narrow.status != "divergence"),
                      key=lambda p: -p.narrow.tolerance_ratio)

    @property
    def status(self) -> int:
        return 1 if self.worse else 0


def _undtyped(results: list[Record], dtype: str) -> dict[tuple, Record]:
    """key (without the dtype) -> record, for the records of ``dtype``."""
    return {k[:3] + k[4:]: r for k, r in keyed([r for r in results if r.dtype == dtype]).items()}


def pair(a: dict, b: dict) -> DtypePairs:
    """A's float64 checks against B's float32 checks (``a``, ``b``: loaded reports, ``reports.load``)."""
    for rep, dtype, side in ((a, WIDE, "A"), (b, NARROW, "B")):
        if not any(r.dtype == dtype for r in rep["results"]):
            raise NoPairs(f"--pair-dtypes compares A's float64 checks with B's float32 checks: {side} "
                          f"({rep['path']}) has no {dtype} check")
    wide, narrow = _undtyped(a["results"], WIDE), _undtyped(b["results"], NARROW)
    out = DtypePairs(a["path"], b["path"], [Pair(wide[k], narrow[k]) for k in wide if k in narrow])
    out.only_wide = sum(k not in narrow for k in wide)
    out.only_narrow = sum(k not in wide for k in narrow)
    return out


def headline(d: DtypePairs) -> str:
    ratios = [p.ratio for p in d.budget if p.ratio is not None and p.wide.max_abs_err]
    top = d.budget[0] if d.budget else None
    parts = [f"{len(d.pairs)} check(s) in both dtypes", f"{len(d.changed)} with another verdict in float32"]
    if top is not None:
        parts.append(f"float32 uses at most {top.narrow.tolerance_ratio:.3g} of its tolerance ({top.where()})")
    if ratios:
        parts.append(f"median |Δ| float32 / float64 {statistics.median(ratios):.3g}×")
    return ("FLOAT32 WORSE: " if d.worse else "float32 within its tolerances: ") + ", ".join(parts)


def render(d: DtypePairs, limit: int = 50) -> str:
    out = [f"rosetta diff --pair-dtypes: float64 from A = {d.a_path}, float32 from B = {d.b_path}", headline(d), ""]
    if d.changed:
        out.append(f"Verdicts that differ between the dtypes ({len(d.changed)}):")
        out += [f"  {p.wide.status} (float64) → {p.narrow.status.upper() if p in d.worse else p.narrow.status} "
                f"(float32)  {p.where()}  |Δ| {_fmt(p.wide.max_abs_err)} → {_fmt(p.narrow.max_abs_err)}"
                for p in d.changed[:limit]]
        out.append("")
    budget = d.budget
    out.append(f"float32's error budget, nearest its limit first ({len(budget)} check(s) with a tolerance):")
    out.append(f"  {'check':60} {'|Δ| float64':>11} {'of tol':>7} {'|Δ| float32':>11} {'of tol':>7} {'f32/f64':>9}")
    for p in budget[:limit]:
        ratio = "-" if p.ratio is None else f"{p.ratio:.3g}×"
        out.append(f"  {p.where()[:60]:60} {_fmt(p.wide.max_abs_err):>11} {_fmt(p.wide.tolerance_ratio):>7} "
                   f"{_fmt(p.narrow.max_abs_err):>11} {_fmt(p.narrow.tolerance_ratio):>7} {ratio:>9}")
    if len(budget) > limit:
        out.append(f"  ... {len(budget) - limit} more (--limit to show more)")
    divergences = sum(p.narrow.status == "divergence" for p in d.pairs)
    if divergences:
        out += ["", f"{divergences} divergence record(s) paired: documented effects, not in the budget"]
    if d.only_wide or d.only_narrow:
        out += ["", f"Unpaired: {d.only_wide} check(s) in float64 only (A), {d.only_narrow} in float32 only (B)"]
    return "\n".join(out)

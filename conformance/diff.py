"""``rosetta diff A.json B.json``: what changed from report A (before) to report B (after).

Checks are matched by (family, case, framework, dtype, check) and, for divergence records, what
differs (``reports.key``). The comparison says:
  verdicts     every matched check whose status changed; *worse* when its severity rose
               (pass < skip < fail = error: a check that stopped passing, or stopped running);
  errors       matched checks whose max |Δ| grew by more than ``factor`` (default 10): B > factor·A,
               with A floored at ``FLOOR_FRACTION``·atol (an exact 0 that becomes 1e-16 is round-off,
               not growth); divergence records included: a documented effect that grew is news;
  divergences  divergence records (case, framework, dtype, what) present in one report only, where the
               other report ran that framework and dtype at all;
  checks       counted when present in one report only (a different selection, dtype or framework;
               a divergence record of a framework × dtype the other report did not run counts here);
  environment  every field of both, side by side, the differing ones marked.
Exit status of the command: 1 when a verdict got worse, else 0 (2: bad input).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from conformance.record import Record
from conformance.reports import finite, keyed

SEVERITY = {"pass": 0, "skip": 1, "fail": 2, "error": 2}
FACTOR = 10.0
FLOOR_FRACTION = 1e-3      # of the record's atol: A's error is taken as at least this
TINY = 1e-300


@dataclass
class Change:
    a: Record | None
    b: Record | None

    @property
    def r(self) -> Record:
        return self.b or self.a

    def where(self) -> str:
        r = self.r
        return f"{r.case} {r.framework} {r.dtype} {r.check}"


@dataclass
class Diff:
    a_path: str
    b_path: str
    env: list[tuple[str, object, object]]                 # (field, A, B)
    worse: list[Change] = field(default_factory=list)
    better: list[Change] = field(default_factory=list)     # or sideways (fail <-> error)
    grown: list[tuple[Change, float]] = field(default_factory=list)   # (change, factor B/A)
    appeared: list[Record] = field(default_factory=list)   # divergence records only in B
    vanished: list[Record] = field(default_factory=list)   # divergence records only in A
    only_a: list[Record] = field(default_factory=list)     # other checks only in A
    only_b: list[Record] = field(default_factory=list)
    summary_a: dict = field(default_factory=dict)
    summary_b: dict = field(default_factory=dict)
    factor: float = FACTOR

    @property
    def status(self) -> int:
        return 1 if self.worse else 0


def compare(a: dict, b: dict, factor: float = FACTOR) -> Diff:
    """``a`` and ``b``: loaded reports (``reports.load``)."""
    ka, kb = keyed(a["results"]), keyed(b["results"])
    keys = list(dict.fromkeys([*ka, *kb]))
    env_keys = list(dict.fromkeys([*a["environment"], *b["environment"]]))
    d = Diff(a["path"], b["path"], [(k, a["environment"].get(k), b["environment"].get(k)) for k in env_keys],
             summary_a=a["summary"], summary_b=b["summary"], factor=factor)
    runs_a = {(r.framework, r.dtype) for r in a["results"]}
    runs_b = {(r.framework, r.dtype) for r in b["results"]}
    for k in keys:
        ra, rb = ka.get(k), kb.get(k)
        if ra is None or rb is None:
            r = ra or rb
            other_ran = (r.framework, r.dtype) in (runs_b if rb is None else runs_a)
            if r.status == "divergence" and other_ran:
                (d.vanished if rb is None else d.appeared).append(r)
            else:
                (d.only_a if rb is None else d.only_b).append(r)
            continue
        if ra.status != rb.status:
            sa, sb = SEVERITY.get(ra.status, 0), SEVERITY.get(rb.status, 0)
            (d.worse if sb > sa else d.better).append(Change(ra, rb))
        grew = growth(ra, rb)
        if grew is not None and grew > factor:
            d.grown.append((Change(ra, rb), grew))
    d.grown.sort(key=lambda x: -x[1])
    return d


def growth(a: Record, b: Record) -> float | None:
    """B's max |Δ| over A's (A floored, see the module docstring); inf when B is not finite and A
    is; None when there is nothing to compare."""
    if a.max_abs_err is None or b.max_abs_err is None or not finite(a.max_abs_err):
        return None
    if not finite(b.max_abs_err):
        return math.inf
    floor = FLOOR_FRACTION * (b.atol or a.atol or 0.0)
    return b.max_abs_err / max(a.max_abs_err, floor, TINY)


def _fmt(x) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.2e}" if math.isfinite(x) else str(x)
    return str(x)


def _short(v, width: int = 48) -> str:
    s = "-" if v is None else str(v)
    return s if len(s) <= width else s[: width - 1] + "…"


def render(d: Diff, limit: int = 50) -> str:
    """The plain-text diff: the verdict line first, then each section (at most ``limit`` lines each)."""
    out = [f"rosetta diff: A = {d.a_path}, B = {d.b_path}", headline(d), ""]

    def section(title: str, lines: list[str]) -> None:
        if not lines:
            return
        out.append(f"{title} ({len(lines)}):")
        out.extend(lines[:limit])
        if len(lines) > limit:
            out.append(f"  ... {len(lines) - limit} more (--limit to show more; --html has them all)")
        out.append("")

    section("Verdicts that got worse", [f"  {c.a.status} → {c.b.status.upper()}  {c.where()}  "
                                        f"|Δ| {_fmt(c.a.max_abs_err)} → {_fmt(c.b.max_abs_err)}"
                                        + (f"  {c.b.note}" if c.b.note else "") for c in d.worse])
    section("Verdicts that got better (or changed between fail and error)",
            [f"  {c.a.status} → {c.b.status}  {c.where()}" for c in d.better])
    section(f"Errors grown more than {d.factor:g}×",
            [f"  {c.where()}{' [divergence]' if c.r.status == 'divergence' else ''}: "
             f"|Δ| {_fmt(c.a.max_abs_err)} → {_fmt(c.b.max_abs_err)} ({g:.3g}×)" for c, g in d.grown])
    section("Divergences that appeared (in B only)",
            [f"  {r.case} {r.framework} {r.dtype} {r.check}: {r.divergence} (|Δ| {_fmt(r.max_abs_err)})"
             for r in d.appeared])
    section("Divergences that vanished (in A only)",
            [f"  {r.case} {r.framework} {r.dtype} {r.check}: {r.divergence}" for r in d.vanished])
    for name, recs in (("A", d.only_a), ("B", d.only_b)):
        if recs:
            groups: dict[tuple, int] = {}
            for r in recs:
                groups[(r.framework, r.dtype)] = groups.get((r.framework, r.dtype), 0) + 1
            out.append(f"Checks only in {name}: {len(recs)} ("
                       + ", ".join(f"{fw} {dt}: {n}" for (fw, dt), n in groups.items()) + ")")
    if d.only_a or d.only_b:
        out.append("")
    out.append("Environment (* differs):")
    w = max(len(k) for k, _, _ in d.env) if d.env else 0
    for k, va, vb in d.env:
        out.append(f" {'*' if va != vb else ' '} {k.ljust(w)}  {_short(va):48}  {_short(vb)}")
    out.append("")
    counts = ("pass", "fail", "error", "skip", "divergence")
    out.append("Summary A: " + ", ".join(f"{d.summary_a.get(s, 0)} {s}" for s in counts))
    out.append("Summary B: " + ", ".join(f"{d.summary_b.get(s, 0)} {s}" for s in counts))
    return "\n".join(out)


def headline(d: Diff) -> str:
    parts = [f"{len(d.worse)} verdict(s) worse", f"{len(d.better)} better or changed",
             f"{len(d.grown)} error(s) grown > {d.factor:g}×", f"{len(d.appeared)} divergence(s) appeared",
             f"{len(d.vanished)} vanished"]
    return ("REGRESSION: " if d.worse else "No verdict got worse: ") + ", ".join(parts)

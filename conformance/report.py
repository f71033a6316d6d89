"""Turn records into the terminal table and the JSON report."""
from __future__ import annotations

import json
import math
import os
import uuid
from collections import OrderedDict
from typing import Iterable

import numpy as np

from conformance.record import Record
from conformance.tolerances import TOLERANCES

# Worst status first; the row status is the worst of its checks (divergence rows aside).
_SEVERITY = {"error": 0, "fail": 1, "pass": 2, "skip": 3}


def _fmt(x: float | None) -> str:
    if x is None:
        return "-"
    if math.isinf(x) or math.isnan(x):
        return str(x)
    return f"{x:.1e}"


def rows(records: Iterable[Record]) -> list[dict]:
    """One row per component × framework × dtype."""
    groups: "OrderedDict[tuple, list[Record]]" = OrderedDict()
    for r in records:
        groups.setdefault((r.component, r.family, r.framework, r.dtype), []).append(r)
    out = []
    for (component, family, framework, dtype), recs in groups.items():
        checked = [r for r in recs if r.status != "divergence"]
        status = min((r.status for r in checked), key=_SEVERITY.__getitem__,
                     default="divergence" if recs else "pass")
        errs = [r.max_abs_err for r in checked if r.max_abs_err is not None]
        rels = [r.max_rel_err for r in checked if r.max_rel_err is not None]
        table_tol = TOLERANCES.get(dtype)
        overridden = any(r.override for r in checked)
        out.append({
            "component": component, "family": family, "framework": framework, "dtype": dtype,
            "status": status, "checks": len(checked),
            "worst_abs": max(errs, default=None), "worst_rel": max(rels, default=None),
            "tolerance": (f"{table_tol.rtol:.0e}/{table_tol.atol:.0e}" if table_tol else "-") + (" *" if overridden else ""),
            "divergences": sum(r.status == "divergence" for r in recs),
            "cases": len({r.case for r in recs}),
        })
    return out


def collapse(table_rows: list[dict]) -> list[dict]:
    """The table's rows with each family's all-pass rows folded into one row (``collapsed``: how
    many rows it stands for, with their worst errors and divergence count); every row that is not
    ``pass`` stays, in place. ``rosetta check --details`` on a terminal shows this; ``--verbose`` and
    piped output show every row."""
    out: list[dict] = []
    folded: "OrderedDict[str, dict]" = OrderedDict()
    for row in table_rows:
        if row["status"] != "pass":
            out.append(row)
            continue
        f = folded.get(row["family"])
        if f is None:
            f = folded[row["family"]] = {"family": row["family"], "collapsed": 0, "components": set(), "checks": 0,
                                         "worst_abs": None, "worst_rel": None, "divergences": 0, "status": "pass"}
            out.append(f)
        f["collapsed"] += 1
        f["components"].add(row["component"])
        f["checks"] += row["checks"]
        f["divergences"] += row["divergences"]
        for k in ("worst_abs", "worst_rel"):
            if row[k] is not None:
                f[k] = row[k] if f[k] is None else max(f[k], row[k])
    return out


def summary(records: list[Record]) -> dict:
    counts = {s: 0 for s in ("pass", "fail", "error", "skip", "divergence")}
    for r in records:
        counts[r.status] += 1
    return counts


def table(records: list[Record], collapsed: bool = False) -> str:
    """The per-component table; ``collapsed``: each family's all-pass rows as one line (``collapse``)."""
    header = ("component", "family", "framework", "dtype", "status", "cases", "checks",
              "worst abs", "worst rel", "rtol/atol", "diverg.")
    all_rows = rows(records)
    shown = collapse(all_rows) if collapsed else all_rows
    body = [(f"({len(r['components'])} component{'s' if len(r['components']) != 1 else ''})", r["family"], "", "", "all pass", "", str(r["checks"]),
             _fmt(r["worst_abs"]), _fmt(r["worst_rel"]), f"{r['collapsed']} rows", str(r["divergences"]) if r["divergences"] else "")
            if "collapsed" in r else
            (r["component"], r["family"], r["framework"], r["dtype"], r["status"].upper() if r["status"] in ("fail", "error") else r["status"],
             str(r["cases"]), str(r["checks"]), _fmt(r["worst_abs"]), _fmt(r["worst_rel"]), r["tolerance"],
             str(r["divergences"]) if r["divergences"] else "") for r in shown]
    widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(header), line(["-" * w for w in widths]), *map(line, body)]
    folded = [r for r in shown if "collapsed" in r]
    if folded:
        out.append(f"({sum(r['collapsed'] for r in folded)} all-pass rows folded into {len(folded)} family line(s); "
                   "--verbose shows every row)")
    return "\n".join(out)


def problems(records: list[Record]) -> str:
    bad = [r for r in records if r.status in ("fail", "error")]
    if not bad:
        return ""
    lines = ["Failures and errors:"]
    for r in bad:
        err = f" max|Δ|={_fmt(r.max_abs_err)} (rtol {r.rtol:g}, atol {r.atol:g})" if r.max_abs_err is not None else ""
        lines.append(f"  {r.status.upper():5} {r.case} {r.framework} {r.dtype} {r.check}:{err} {r.note}".rstrip())
    return "\n".join(lines)


def divergence_section(records: list[Record]) -> str:
    """One line per documented divergence (component, framework, what): its largest effect in
    each dtype over the cases it was measured on, and for trajectories the first update over
    tolerance. The full framework/reference values and mapping are in each record's note."""
    groups: "OrderedDict[tuple, list[Record]]" = OrderedDict()
    for r in records:
        if r.status == "divergence":
            groups.setdefault((r.component, r.framework, r.divergence), []).append(r)
    if not groups:
        return ""
    header = ("component", "framework", "float64 |Δ|", "float32 |Δ|", "first update over", "what (cases)")
    body = []
    for (component, framework, what), recs in groups.items():
        def effect(dtype):
            errs = [r.max_abs_err for r in recs if r.dtype == dtype and r.max_abs_err is not None]
            unmeasured = any(r.dtype == dtype and r.max_abs_err is None for r in recs)
            return _fmt(max(errs)) if errs else ("n/a" if unmeasured else "-")
        firsts = [r.detail["first_step_over_tolerance"] for r in recs
                  if r.detail and r.detail.get("first_step_over_tolerance")]
        cases = ", ".join(dict.fromkeys(r.case.split("[", 1)[1].rstrip("]") for r in recs))
        unmapped = " [no mapping exists]" if any(r.irreducible for r in recs) else ""
        body.append((component, framework, effect("float64"), effect("float32"),
                     str(min(firsts)) if firsts else "", f"{what}{unmapped} ({cases})"))
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(header[:-1])]
    line = lambda cells: "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths + [0])).rstrip()  # noqa: E731
    return "\n".join(["Documented divergences: each framework's own default or convention, unmapped, against the",
                      "reference; |Δ| is the largest effect over the cases listed (not failures: the mapped",
                      "comparison is in the table above; values, mapping and source are in the JSON notes;",
                      "n/a: no number, e.g. a different shape, see the note):",
                      line(header), line(["-" * w for w in widths] + ["-" * 12]), *map(line, body)])


def overrides_section(records: list[Record]) -> str:
    """Each override reason once, with the (case, framework, dtype) runs it loosens, the checks it
    loosened there and their worst |Δ| / (the override's tolerance) here (at most 1: passing)."""
    reasons: "OrderedDict[str, OrderedDict[str, list[Record]]]" = OrderedDict()
    for r in records:
        if r.override:
            reasons.setdefault(r.override, OrderedDict()).setdefault(f"{r.case} {r.framework} {r.dtype}", []).append(r)
    if not reasons:
        return ""
    lines = ["Tolerance overrides (marked * above), each with its measured reason (conformance/tolerances.py):"]
    for why, runs in reasons.items():
        for where, recs in runs.items():
            checks = ", ".join(r.check for r in recs)
            lines.append(f"  - {where} ({checks}; worst ratio to the override's tolerance here "
                         f"{max((r.tolerance_ratio or 0.0) for r in recs):.2f}):")
        lines.append(f"      {why}")
    return "\n".join(lines)


def is_trajectory(r: Record) -> bool:
    return bool(r.detail) and "per_step_max_abs" in r.detail


def trajectory_section(records: list[Record], closest: int = 5) -> str:
    """Trajectory records (optimizers, schedules, clipping), read per update: the first update over
    tolerance, the final |Δ| and the worst |Δ|. Mapped runs: a count, every one that went over,
    and the few closest to their tolerance; native runs of divergences: one line each (params)."""
    runs = [r for r in records if is_trajectory(r)]
    if not runs:
        return ""
    mapped = [r for r in runs if r.status in ("pass", "fail")]
    native = [r for r in runs if r.status == "divergence" and r.check == "params"]
    steps = sorted({len(r.detail["per_step_max_abs"]) for r in runs})
    over = [r for r in mapped if r.detail.get("first_step_over_tolerance") is not None]

    def line(r: Record, extra: str = "") -> str:
        first = r.detail.get("first_step_over_tolerance")
        return (f"  {r.case:32} {r.framework:5} {r.dtype:7} {r.check:18} first over: {first if first else '-':>4}  "
                f"final {_fmt(r.detail.get('final_max_abs')):8} worst {_fmt(r.max_abs_err):8}{extra}")

    span = f"{steps[0]}" if len(steps) == 1 else f"{steps[0]}-{steps[-1]}"
    lines = [f"Trajectories ({span} updates; per update |Δ| = max |framework − reference|; "
             "first update over tolerance, final and worst |Δ|):",
             f" mapped: {len(mapped)} checks, {len(over)} with an update over tolerance"]
    lines += [line(r) for r in over]
    ratio = [(max(r.detail.get("per_step_tolerance_ratio") or [0.0]), r) for r in mapped if r not in over]
    if ratio and closest:
        lines.append(" closest to tolerance (worst |Δ| / allowed, per element):")
        lines += [line(r, f"  at {q:.2f} of tolerance") for q, r in sorted(ratio, key=lambda x: -x[0])[:closest]]
    if native:
        lines.append(f" native runs of divergences: {len(native)} (in the divergence table above, "
                     "with the first update over tolerance)")
    return "\n".join(lines)


def localization_section(records: list[Record]) -> str:
    """Whole models whose training departed from the reference: for each failing run, the first update,
    layer and quantity where it departs, its errors and the candidate divergence records
    (``conformance/localize.py``; the structured result is the record's ``detail``). Native runs of
    divergences are localized too; those records (status "divergence") are in the JSON only."""
    failing = [r for r in records if r.check == "localization" and r.status in ("fail", "error")]
    if not failing:
        return ""
    lines = ["Localization (first update, layer and quantity where a model's training departs from the reference):"]
    for r in failing:
        d = r.detail or {}
        if r.status == "error" or "quantity" not in d:
            lines.append(f"  {r.case} {r.framework} {r.dtype}: {r.note}")
            continue
        where = (f"layer {d['layer']} ({d['component']})" if d.get("layer") is not None
                 else f"{d['family']} {d['component']}")
        ratio = f" ({d['tolerance_ratio']:.3g}× tolerance)" if d.get("tolerance_ratio") is not None else ""
        lines.append(f"  {r.case} {r.framework} {r.dtype}: update {d['step']}, {where}, {d['quantity']} "
                     f"[{d['what']}]: |Δ| {_fmt(d['max_abs'])}, rel {_fmt(d['max_rel'])}{ratio}")
        lines.append("      candidates: " + (" | ".join(d["candidates"]) if d.get("candidates") else
                                             "no divergence record of that component"))
    return "\n".join(lines)


def skipped_section(records: list[Record]) -> str:
    """Why checks were skipped: each reason once (e.g. a framework that is not installed), with
    its count. A run where everything was skipped checked nothing; this says why."""
    reasons: "OrderedDict[str, int]" = OrderedDict()
    for r in records:
        if r.status == "skip":
            reasons[r.note] = reasons.get(r.note, 0) + 1
    if not reasons:
        return ""
    head = ("Nothing was checked: every check was skipped:" if len(records) == sum(reasons.values())
            else "Skipped:")
    return "\n".join([head, *(f"  {n} check(s): {why}" for why, n in reasons.items())])


def summary_line(records: list[Record], elapsed: float | None = None) -> str:
    counts = summary(records)
    line = "Summary: " + ", ".join(f"{n} {s}" for s, n in counts.items()) + f" ({len(records)} checks)"
    if elapsed is not None:
        line += f" in {elapsed:.1f}s"
    return line


def detail_sections(records: list[Record]) -> list[str]:
    """The long part of the report, in order: the table, overrides, divergences, trajectories,
    localizations."""
    return [s for s in (table(records), overrides_section(records), divergence_section(records),
                        trajectory_section(records), localization_section(records)) if s]


def render(records: list[Record], elapsed: float | None = None) -> str:
    """The plain-text report (what a pipe gets): the detail, skips and problems, the summary last."""
    parts = detail_sections(records) + [s for s in (skipped_section(records), problems(records)) if s]
    return "\n\n".join(parts + [summary_line(records, elapsed)])


def render_quiet(records: list[Record], elapsed: float | None = None) -> str:
    """``--quiet``: skips and problems, then the summary line."""
    parts = [s for s in (skipped_section(records), problems(records)) if s]
    return "\n\n".join(parts + [summary_line(records, elapsed)])


def to_json(records: list[Record], environment: dict, elapsed: float | None = None) -> dict:
    return {
        "environment": environment,
        "summary": {**summary(records), "elapsed_s": None if elapsed is None else round(elapsed, 2)},
        "results": [_json_safe(r.to_json()) for r in records],
    }


def _json_safe(v):
    """Strict JSON has no NaN/Infinity: non-finite numbers are written as the strings "nan",
    "inf", "-inf", at any depth (top-level errors and the per-step curves in ``detail`` alike);
    NumPy scalars become Python numbers."""
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float):
        return v if math.isfinite(v) else str(v)
    if isinstance(v, dict):
        return {k: _json_safe(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_json_safe(x) for x in v]
    return v


def check_writable(path: str) -> str | None:
    """Why the report cannot be written to ``path``, or None. Checked before a run, so that a bad
    path costs nothing: the path must not be a directory, the nearest existing folder above it must
    be a directory, and a file can be created there (tried, not guessed from permission bits)."""
    if not path.strip():
        return "expected a file path"
    target = os.path.abspath(path)
    if os.path.isdir(target):
        return "it is an existing directory; expected a file path"
    parent = os.path.dirname(target)
    while not os.path.exists(parent):
        parent = os.path.dirname(parent)
    if not os.path.isdir(parent):
        return f"{parent} is a file, not a directory; expected a path in a writable directory"
    probe = os.path.join(parent, f".rosetta-probe-{uuid.uuid4().hex}")
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.unlink(probe)
    except OSError as exc:
        return f"cannot create a file in {parent} ({exc.strerror}); expected a path in a writable directory"
    return None


def write_text(path: str, text: str) -> None:
    """Write atomically (a temporary file in the same folder, renamed over ``path``): nothing
    half-written is ever left at ``path``. The file is readable by others as the umask allows
    (0644 under the usual umask 022), like any file the user creates."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    tmp = os.path.join(directory, f".{os.path.basename(path)}.{uuid.uuid4().hex[:12]}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)   # the umask applies here
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_json(path: str, payload: dict) -> None:
    """The report as JSON, atomically (``write_text``); non-finite numbers as strings."""
    write_text(path, json.dumps(_json_safe(payload), indent=1, allow_nan=False))

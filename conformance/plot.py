"""``rosetta check --plot DIR``: per-update error curves of the trajectory records, as PNGs.

One file per component and framework, ``<component>-<framework>.png``, one column per dtype:
  top     max |Δ| of the parameters at each update, one curve per case, log scale, with that
          record's own atol (the table's, overridden or scaled to the parameters' size) as a dashed
          line of the same colour;
  bottom  max over the run's checks (parameters and optimizer state) of |Δ| / (atol + rtol·|ref|)
          at each update, with the tolerance at 1: a curve above the line is over tolerance.
Only mapped comparisons are drawn (the native runs of divergences are in the text report).
matplotlib is optional: ``available()`` says whether it can be imported.
"""
from __future__ import annotations

import os
from collections import OrderedDict

from conformance.record import Record
from conformance.report import is_trajectory

FLOOR = 1e-18          # exact zeros on a log axis


def available() -> str | None:
    """None when matplotlib can be imported, else the reason."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as exc:
        return f"--plot needs matplotlib ({exc})"
    return None


def trajectory_records(records: list[Record]) -> list[Record]:
    """The mapped trajectory records (the report's predicate, pass or fail)."""
    return [r for r in records if r.status in ("pass", "fail") and is_trajectory(r)]


def _group(records: list[Record]) -> "OrderedDict[tuple[str, str], list[Record]]":
    groups: "OrderedDict[tuple[str, str], list[Record]]" = OrderedDict()
    for r in trajectory_records(records):
        groups.setdefault((r.component, r.framework), []).append(r)
    return groups


def _curves(recs: list[Record], dtype: str):
    """case -> (params |Δ| per update, the params record's atol); case -> worst tolerance ratio per update."""
    params, ratio = OrderedDict(), OrderedDict()
    for r in recs:
        if r.dtype != dtype:
            continue
        if r.check == "params":
            params[r.case] = ([max(v, FLOOR) for v in r.detail["per_step_max_abs"]], r.atol)
        curve = r.detail.get("per_step_tolerance_ratio")
        if curve:
            old = ratio.get(r.case)
            ratio[r.case] = curve if old is None else [max(a, b) for a, b in zip(old, curve)]
    return params, {k: [max(v, FLOOR) for v in c] for k, c in ratio.items()}


def write(records: list[Record], directory: str) -> list[str]:
    """Write the PNGs; return their paths (none when no record is a trajectory)."""
    groups = _group(records)
    if not groups:
        return []
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(directory, exist_ok=True)
    paths = []
    for (component, framework), recs in groups.items():
        dtypes = [d for d in ("float32", "float64") if any(r.dtype == d for r in recs)]
        fig, axes = plt.subplots(2, len(dtypes), figsize=(6.5 * len(dtypes), 7.5), squeeze=False, sharex="col")
        for col, dtype in enumerate(dtypes):
            params, ratio = _curves(recs, dtype)
            top, bottom = axes[0][col], axes[1][col]
            for case, (curve, atol) in params.items():
                line, = top.plot(range(1, len(curve) + 1), curve, label=case)
                if atol:
                    top.axhline(atol, color=line.get_color(), linestyle="--", linewidth=0.8)
            top.set(yscale="log", title=f"{component} · {framework} · {dtype}",
                    ylabel="params max |Δ| (dashed: its atol)")
            for case, curve in ratio.items():
                bottom.plot(range(1, len(curve) + 1), curve, label=case)
            bottom.axhline(1.0, color="red", linestyle="--", linewidth=1.2, label="tolerance")
            bottom.set(yscale="log", xlabel="update", ylabel="max |Δ| / (atol + rtol·|ref|)")
            top.legend(fontsize=7, loc="best")
            bottom.legend(fontsize=7, loc="best")
        fig.tight_layout()
        path = os.path.join(directory, f"{component}-{framework}.png")
        fig.savefig(path, dpi=80)
        plt.close(fig)
        paths.append(path)
    return paths

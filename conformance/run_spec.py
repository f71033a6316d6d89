"""``rosetta run SPEC``: train a spec's model (``conformance/spec.py``) in each framework, training style and
dtype it names, through the model checker (``harness.run_case``: every check, divergence mapping and
localization of the model family applies unchanged), and summarize each run.

Per run (framework × loop × dtype): the status, the loss curve (the reference's and the framework's, first and
last), the metrics after training, the final parameters' worst |Δ|, the worst tolerance ratio of each update
over every per-update check, the first departure (the ``localization`` record) and the divergence records in
play (those of the spec's components, marked where their mapping changes this spec's arguments).

The values themselves (not only their errors) come from the model checker's records: the loss curves in
the ``loss`` record's ``detail`` (``loss_curve``, ``reference_loss_curve``), the validation loss likewise, each
evaluated metric in its ``evaluate:*`` record (``value``, ``reference_value``). A spec's explicit initial
weights are the case's ``setup["params"]``.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from conformance import divergences as divs
from conformance import harness
from conformance.record import Record
from conformance.spec import Spec

_SEVERITY = ("error", "fail", "divergence", "pass", "skip")


@dataclass
class RunResult:
    framework: str
    loop: str
    dtype: str
    case: str
    records: list[Record]
    seen: dict = field(default_factory=dict)   # check -> (framework values, reference values)
    elapsed_s: float = 0.0

    @property
    def status(self) -> str:
        mapped = [r.status for r in self.records if r.status != "divergence"] or ["skip"]
        return min(mapped, key=_SEVERITY.index)

    def summary(self, spec: Spec) -> dict:
        recs = [r for r in self.records if r.status != "divergence"]
        loss = self.seen.get("loss")
        curve = _worst_per_step(recs)
        final = [r.detail["final_max_abs"] if r.detail and "final_max_abs" in r.detail else r.max_abs_err
                 for r in recs if r.check.startswith("param:")]
        final = [f for f in final if f is not None]
        located = next((r for r in recs if r.check == "localization"), None)
        metrics = {name.split(":", 1)[1]: {"framework": _scalar(got), "reference": _scalar(want)}
                   for name, (got, want) in self.seen.items() if name.startswith("evaluate:")}
        return {
            "framework": self.framework, "loop": self.loop, "dtype": self.dtype, "case": self.case,
            "status": self.status, "elapsed_s": round(self.elapsed_s, 3),
            "checks": len(recs), "failed": [_failure(r) for r in recs if r.status in ("fail", "error")],
            "loss": None if loss is None else {
                "framework": _floats(loss[0]), "reference": _floats(loss[1]),
                "first": {"framework": _first(loss[0]), "reference": _first(loss[1])},
                "last": {"framework": _last(loss[0]), "reference": _last(loss[1])}},
            "val_loss": None if "val_loss" not in self.seen else {
                "framework": _floats(self.seen["val_loss"][0]), "reference": _floats(self.seen["val_loss"][1])},
            "metrics": metrics,
            "final_param_max_abs": max(final) if final else None,
            "per_step_worst_ratio": curve,
            "worst_ratio": max(curve) if curve else None,
            "localization": None if located is None else {"status": located.status, "note": located.note,
                                                          "detail": located.detail},
            "divergences_in_play": in_play(spec, self.framework, self.records),
        }


def _failure(r: Record) -> str:
    ratio = f"{r.tolerance_ratio:.3g}× tolerance" if r.tolerance_ratio is not None else ""
    first = (r.detail or {}).get("first_step_over_tolerance")
    where = f" from update {first}" if first else ""
    return f"{r.check}: " + "; ".join(x for x in (ratio + where, r.note) if x)


def _floats(v) -> list[float] | None:
    return None if v is None else [float(x) for x in np.asarray(v, dtype=np.float64).ravel()]


def _first(v):
    return None if v is None or not np.size(v) else float(np.asarray(v, dtype=np.float64).ravel()[0])


def _last(v):
    return None if v is None or not np.size(v) else float(np.asarray(v, dtype=np.float64).ravel()[-1])


def _scalar(v):
    return None if v is None else float(np.asarray(v, dtype=np.float64).ravel()[0])


def _worst_per_step(records: list[Record]) -> list[float]:
    """The worst |Δ| / tolerance at each update over every per-update check (loss, param:*, state:*, ...)."""
    curves = [r.detail["per_step_tolerance_ratio"] for r in records
              if r.detail and r.detail.get("per_step_tolerance_ratio") and r.check != "val_loss"]
    if not curves:
        return []
    n = max(len(c) for c in curves)
    return [max(c[i] for c in curves if i < len(c)) for i in range(n)]


def in_play(spec: Spec, framework: str, records: list[Record] = ()) -> list[dict]:
    """The divergence records of the spec's components and of its model in ``framework``; ``mapped``: its
    mapping changes the arguments this spec gives (it is applied to the reference in this run); ``measured``:
    the effect of its native run on this spec, where it ran (the worst |Δ| over its checks, the first update over
    tolerance, how many checks it changed)."""
    out = []
    network = [("model", spec.component, {})] if spec.component in ("sequential", "functional") else []
    for family, name, kwargs in [*spec.components, *network]:
        if family == "merge":
            continue
        for d in divs.for_component(family, name, framework):
            mapped = d.reference_map is not None and divs.mapped_reference_kwargs(kwargs, [d]) != kwargs
            native = [r for r in records if r.status == "divergence" and r.divergence == d.what]
            if (family, name, kwargs) in network and not native:
                continue                        # a network's record is in play where its native run applied
            out.append({"component": f"{family}/{name}", "what": d.what, "mapping": d.mapping,
                        "irreducible": d.irreducible, "mapped": mapped, "measured": _measured(native)})
    return out


def _measured(records: list[Record]) -> dict | None:
    if not records:
        return None
    errs = [r.max_abs_err for r in records if r.max_abs_err is not None]
    firsts = [(r.detail or {}).get("first_step_over_tolerance") for r in records]
    firsts = [f for f in firsts if f]
    changed = [r.check for r in records if "(no effect on this case)" not in (r.note or "")]
    return {"max_abs_err": max(errs) if errs else None, "first_step_over_tolerance": min(firsts) if firsts else None,
            "checks_changed": changed}


def values_of(records: list[Record]) -> dict:
    """check -> (framework values, reference values) of the loss curve, the validation loss curve and each
    ``evaluate:*`` value, as the model checker records them in ``detail`` (the first, mapped, record of each);
    of a classic algorithm (``conformance/checkers/classic.py``) the closed form's loss and the perceptron's
    mistakes in its last epoch."""
    seen: dict = {}
    for r in records:
        d = r.detail or {}
        if r.check in seen:
            continue
        if r.check == "loss" and "loss_curve" in d:
            seen["loss"] = (d["loss_curve"], d["reference_loss_curve"])
        elif r.check == "loss" and "value" in d:                     # a closed-form solution's loss
            seen["loss"] = ([d["value"]], [d["reference_value"]])
        elif r.check == "mistakes" and "value" in d:                 # the perceptron's last epoch
            seen["evaluate:mistakes"] = (d["value"], d["reference_value"])
        elif r.check == "val_loss" and "val_loss_curve" in d:
            seen["val_loss"] = (d["val_loss_curve"], d["reference_val_loss_curve"])
        elif r.check.startswith("evaluate:") and "value" in d:
            seen[r.check] = (d["value"], d["reference_value"])
    return seen


# When a model-level divergence record applies to a spec's run, by the runner setting its native run changes
# (``RUN_SWITCHES`` of conformance/checkers/model.py): that run trains the way the record says a user of the
# framework does, and its records (status "divergence") measure the effect on this spec.
APPLIES = {
    "loss_from": lambda spec, fw, loop, value: loop == "fit",                  # Keras fit's logs
    "evaluate_penalties": lambda spec, fw, loop, value: bool(spec.setup.get("regularizers")),
    "loss_variant": lambda spec, fw, loop, value: value in _loss_variants(fw, spec.setup["loss"][0]),
}


def _loss_variants(framework: str, loss: str) -> set[str]:
    from conformance import frameworks
    return set(frameworks.load(framework).registry.get("loss", loss).variants)


def natives(spec: Spec, framework: str, loop: str) -> tuple:
    """The model-level divergence records of ``framework`` whose native run applies to this spec and loop."""
    if spec.component not in ("sequential", "functional"):
        return ()
    return tuple(d for d in divs.for_component("model", spec.component, framework)
                 if not d.irreducible and d.native and set(d.native) <= set(APPLIES)
                 and all(APPLIES[k](spec, framework, loop, v) for k, v in d.native.items()))


def run(spec: Spec, progress: Callable[[int, int], None] | None = None, device: str = "cpu") -> list[RunResult]:
    """Every framework × loop × dtype of ``spec``, in order, with the native runs of the model-level divergence
    records that apply (``natives``); one failing run never stops the others."""
    todo = [(fw, loop, case, dtype) for fw, loop, case in spec.cases() for dtype in spec.dtypes]
    results = []
    for done, (fw, loop, case, dtype) in enumerate(todo, 1):
        start = time.perf_counter()
        records = harness.run_case(case, fw, dtype, device=device,      # the spec's weights: setup["params"]
                                   natives=natives(spec, fw, loop))
        results.append(RunResult(fw, loop, dtype, case.id, records, values_of(records), time.perf_counter() - start))
        if progress is not None:
            progress(done, len(todo))
    return results


# --- output -----------------------------------------------------------------------------------------------

def _fmt(x) -> str:
    return "-" if x is None else f"{x:.4g}"


def rows(spec: Spec, results: list[RunResult]) -> list[dict]:
    return [r.summary(spec) for r in results]


def text(spec: Spec, summaries: list[dict], elapsed: float) -> str:
    """The plain-text report (piped output; the terminal's is ``show``)."""
    lines = [f"rosetta run {spec.name}" + (f": {spec.description}" if spec.description else ""),
             f"model {spec.component}, data {spec.data_name}, seed {spec.seed}"
             + (", explicit initial weights" if spec.params is not None else ""), ""]
    head = ["framework", "loop", "dtype", "status", "loss first", "loss last (ref)", "final |Δθ|", "worst ratio",
            "metrics"]
    table = [head] + [_row(s) for s in summaries]
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in table]
    for s in summaries:
        extra = []
        if s["failed"]:
            extra += [f"    {f}" for f in s["failed"][:8]]
        loc = s["localization"]
        if loc is not None:
            extra.append(f"    first departure: {_where(loc)}")
        if extra:
            lines += ["", f"{s['framework']} {s['loop']} {s['dtype']}: {s['status'].upper()}", *extra]
    in_play_lines = _in_play_lines(summaries)
    if in_play_lines:
        lines += ["", "Divergence records in play (mapped: its mapping changes this spec's reference arguments; "
                         "recorded: it does not here):", *in_play_lines]
    counts = {k: sum(s["status"] == k for s in summaries) for k in ("pass", "fail", "error", "skip")}
    lines += ["", f"{len(summaries)} run(s): " + ", ".join(f"{v} {k}" for k, v in counts.items() if v)
              + f" in {elapsed:.1f} s"]
    return "\n".join(lines)


def _row(s: dict) -> list[str]:
    loss = s["loss"] or {"first": {}, "last": {}}
    metrics = ", ".join(f"{k} {_fmt(v['framework'])}" for k, v in s["metrics"].items())
    return [s["framework"], s["loop"], s["dtype"], s["status"], _fmt(loss["first"].get("framework")),
            f"{_fmt(loss['last'].get('framework'))} ({_fmt(loss['last'].get('reference'))})",
            _fmt(s["final_param_max_abs"]), _fmt(s["worst_ratio"]), metrics or "-"]


def _where(loc: dict) -> str:
    d = loc.get("detail") or {}
    if "quantity" not in d:
        return loc["note"]
    place = f"layer {d['layer']} ({d['component']})" if d.get("layer") is not None else f"{d.get('family')} {d['component']}"
    return (f"update {d['step']}, {place}, {d['quantity']}: |Δ| {_fmt(d.get('max_abs'))}, "
            f"{_fmt(d.get('tolerance_ratio'))}× tolerance; candidates: " + (" | ".join(d.get("candidates") or [])
                                                                              or "none recorded"))


def _in_play_lines(summaries: list[dict]) -> list[str]:
    seen, out = set(), []
    for s in summaries:
        for d in s["divergences_in_play"]:
            key = (s["framework"], d["component"], d["what"])
            if key in seen:
                continue
            seen.add(key)
            tag = "irreducible" if d["irreducible"] else ("mapped" if d["mapped"] else "recorded")
            m = d.get("measured")
            effect = "" if m is None else (
                f" [native run here: |Δ| {_fmt(m['max_abs_err'])}" +
                (f", from update {m['first_step_over_tolerance']}" if m["first_step_over_tolerance"] else "") +
                (f", in {', '.join(m['checks_changed'][:4])}" if m["checks_changed"] else ", no effect") + "]")
            out.append(f"  {s['framework']:6} {d['component']:28} {tag:11} {d['what']}{effect}")
    return out


def show(spec: Spec, summaries: list[dict], elapsed: float) -> None:
    """The terminal report: a coloured table first, then failures, departures and divergences (rich)."""
    from rich.console import Console
    from rich.table import Table

    style = {"pass": "green", "fail": "bold red", "error": "bold red", "skip": "yellow"}
    console = Console()
    console.print(f"[bold]rosetta run {spec.name}[/bold]" + (f": {spec.description}" if spec.description else ""))
    table = Table(show_edge=False)
    for col in ("framework", "loop", "dtype", "status", "loss first", "loss last (ref)", "final |Δθ|",
                "worst ratio", "metrics"):
        table.add_column(col)
    for s in summaries:
        row = _row(s)
        row[3] = f"[{style.get(s['status'], '')}]{row[3]}[/]"
        table.add_row(*row)
    console.print(table)
    rest = text(spec, summaries, elapsed).split("\n")
    start = 3 + 1 + len(summaries)          # past the title, the model line, the blank line and the table
    console.print("\n".join(rest[start:]), markup=False, highlight=False)


def to_json(spec: Spec, results: list[RunResult], summaries: list[dict], environment: dict, elapsed: float) -> dict:
    """The check report's format (environment, summary, results: one record per check) plus ``spec`` and
    ``runs`` (one summary per framework × loop × dtype)."""
    from conformance import report
    records = [r for res in results for r in res.records]
    payload = report.to_json(records, environment, elapsed)
    payload["spec"] = {"name": spec.name, "path": spec.path, "description": spec.description, "source": spec.raw}
    payload["runs"] = summaries
    return payload


def plot(spec: Spec, summaries: list[dict], directory: str) -> list[str]:
    """One PNG per framework, ``<spec>-<framework>.png``: the loss per update (framework solid, reference
    dashed; one colour per loop and dtype), and the worst tolerance ratio per update (log scale, 1 dashed)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(directory, exist_ok=True)
    paths = []
    for fw in dict.fromkeys(s["framework"] for s in summaries):
        runs = [s for s in summaries if s["framework"] == fw and (s["loss"] or s["per_step_worst_ratio"])]
        if not runs:
            continue
        fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.5, 7.5), sharex=True)
        for s in runs:
            label = f"{s['loop']} · {s['dtype']}"
            if s["loss"] and s["loss"]["framework"]:
                line, = top.plot(range(1, len(s["loss"]["framework"]) + 1), s["loss"]["framework"], label=label)
                top.plot(range(1, len(s["loss"]["reference"]) + 1), s["loss"]["reference"], linestyle="--",
                         color=line.get_color(), linewidth=0.9)
            if s["per_step_worst_ratio"]:
                curve = [max(v, 1e-18) for v in s["per_step_worst_ratio"]]
                bottom.plot(range(1, len(curve) + 1), curve, label=label)
        top.set(title=f"{spec.name} · {fw}: loss per update (dashed: reference)", ylabel="loss")
        bottom.axhline(1.0, color="black", linestyle="--", linewidth=0.8)
        bottom.set(yscale="log", xlabel="update", ylabel="worst |Δ| / tolerance",
                   title="worst error per update over every per-update check (above 1: over tolerance)")
        top.legend(fontsize=8)
        bottom.legend(fontsize=8)
        fig.tight_layout()
        path = os.path.join(directory, f"{spec.name}-{fw}.png")
        tmp = os.path.join(directory, f".{spec.name}-{fw}.tmp.png")
        fig.savefig(tmp, dpi=90)
        plt.close(fig)
        os.replace(tmp, path)
        paths.append(path)
    return paths

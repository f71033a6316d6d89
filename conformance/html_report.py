"""``rosetta check --html PATH`` and ``rosetta diff --html PATH``: one self-contained HTML file.

Everything is inlined (style, script, plots as SVG drawn here), so the page works offline and makes no
network request. The page (``templates/report.html.j2``, with ``report.css`` and ``report.js``):
  summary       counts, failures and errors first, skips with their reasons, a family × status table;
  checks        every check, filterable (status, family, framework, dtype, free text) and sortable
                (click a column);
  divergences   every divergence record with its measured effect; "with effect only" hides the records
                whose note says "no effect on this case";
  per-update    for each trajectory/model run (case × framework × dtype): |Δ| / tolerance per update of
                the mapped run and of each native (divergent) run, on a log scale with the tolerance at 1;
  loss curves   of model runs whose records carry them (``detail["loss_curve"]`` with
                ``detail["reference_loss_curve"]`` on the ``loss`` check);
  environment   what the run ran with.
The filter state lives in the URL hash (``#status=fail&framework=keras&q=adam&effect=1&sort=max_abs:desc``),
so a filtered view can be shared as a link. Jinja2 renders the template (extra ``html``).
"""
from __future__ import annotations

import datetime as _dt
import html
import math
import os
from collections import OrderedDict

from conformance import report
from conformance.record import Record

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
NO_EFFECT = "no effect on this case"
DECADES = 12                  # a log axis spans at most this many decades below its top
MAX_POINTS = 200              # per series; longer curves are max-pooled (peaks kept)
COLOURS = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#bcbd22", "#7f7f7f")
NATIVE_COLOURS = ("#ff7f0e", "#e377c2", "#a0522d", "#6b6ecf", "#d62728")
DASHES = ("6 3", "2 2")       # a native run's params and its second quantity


def available() -> str | None:
    """None when Jinja2 can be imported, else what to install."""
    try:
        import jinja2  # noqa: F401
    except ImportError as exc:
        return f"--html needs Jinja2 ({exc}); install the extra: pip install -e '.[html]'"
    return None


def _env():
    import jinja2
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                             autoescape=jinja2.select_autoescape(["html", "j2"]),
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = _num
    env.filters["tol"] = _tol
    return env


def _num(x) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        if math.isnan(x) or math.isinf(x):
            return str(x)
        return f"{x:.2e}"
    return str(x)


def _sort_value(x: float | None) -> str:
    """What the table sorts by: missing values sort below every number."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-Infinity"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"          # what JavaScript's parseFloat reads
    return repr(float(x))


# --- the page ---------------------------------------------------------------------------------

def render(records: list[Record], environment: dict, elapsed: float | None = None,
           title: str = "nn-rosetta conformance report") -> str:
    counts = report.summary(records)
    families = list(dict.fromkeys(r.family for r in records))
    by_family = OrderedDict((f, {s: 0 for s in counts}) for f in families)
    for r in records:
        by_family[r.family][r.status] += 1
    skips: "OrderedDict[str, int]" = OrderedDict()
    for r in records:
        if r.status == "skip":
            skips[r.note] = skips.get(r.note, 0) + 1
    divergences = [r for r in records if r.status == "divergence"]
    with_effect = sum(NO_EFFECT not in r.note for r in divergences)
    context = {
        "title": title,
        "generated": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "elapsed": elapsed,
        "counts": counts,
        "total": len(records),
        "problems": [r for r in records if r.status in ("fail", "error")],
        "skips": list(skips.items()),
        "by_family": by_family,
        "rows": [_row(r) for r in records],
        "divergences": [_divergence_row(r) for r in divergences],
        "with_effect": with_effect,
        "options": {"status": list(counts), "family": families,
                    "framework": list(dict.fromkeys(r.framework for r in records)),
                    "dtype": list(dict.fromkeys(r.dtype for r in records))},
        "plots": trajectory_plots(records),
        "losses": loss_plots(records),
        "environment": [(k, _env_value(v)) for k, v in environment.items()],
    }
    return _env().get_template("report.html.j2").render(**context)


def _row(r: Record) -> dict:
    return {"r": r, "abs": _sort_value(r.max_abs_err), "rel": _sort_value(r.max_rel_err),
            "ratio": _sort_value(r.tolerance_ratio),
            "tol": _tol(r)}


def _tol(r: Record) -> str:
    """rtol/atol as the terminal table writes them; "–" for one that does not apply."""
    if r.atol is None and r.rtol is None:
        return "–"
    return "/".join("–" if v is None else f"{v:.0e}" for v in (r.rtol, r.atol))


def _divergence_row(r: Record) -> dict:
    first = (r.detail or {}).get("first_step_over_tolerance")
    note = r.note[len(r.divergence) + 2:] if r.divergence and r.note.startswith(r.divergence + "; ") else r.note
    return {"r": r, "abs": _sort_value(r.max_abs_err), "effect": NO_EFFECT not in r.note,
            "first": "" if first is None else str(first), "note": note}


def _env_value(v) -> str:
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_env_value(x)}" for k, x in v.items()) or "–"     # {}: e.g. no kernel caps
    if isinstance(v, list):
        return ", ".join(_env_value(x) for x in v) or "–"
    return "–" if v is None else str(v)


# --- per-update plots -------------------------------------------------------------------------

def _curve(r: Record) -> list[float] | None:
    d = r.detail or {}
    curve = d.get("per_step_tolerance_ratio") or None
    return None if curve is None else [_float(v) for v in curve]


def _float(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return math.nan


def _series_of(recs: list[Record]) -> list[tuple[str, list[float], float | None]]:
    """(label, per-update worst ratio, worst |Δ|) of a run's checks, parameters and state folded:
    param:* -> "params", state:* -> "state", others by name."""
    groups: "OrderedDict[str, list[Record]]" = OrderedDict()
    for r in recs:
        if _curve(r) is None:
            continue
        name = "params" if r.check.startswith("param") else "state" if r.check.startswith("state:") else r.check
        groups.setdefault(name, []).append(r)
    out = []
    for name, rs in groups.items():
        curves = [_curve(r) for r in rs]
        n = max(len(c) for c in curves)
        worst = [max((c[i] for c in curves if i < len(c) and not math.isnan(c[i])), default=math.nan)
                 for i in range(n)]
        errs = [r.max_abs_err for r in rs if r.max_abs_err is not None]
        label = name if len(rs) == 1 else f"{name} (worst of {len(rs)})"
        out.append((label, worst, max(errs) if errs else None))
    return out


def trajectory_plots(records: list[Record]) -> list[dict]:
    """One plot per (case, framework, dtype) with per-update curves: the mapped run (solid) and each
    native run of a divergence (dashed)."""
    runs: "OrderedDict[tuple, list[Record]]" = OrderedDict()
    for r in records:
        if report.is_trajectory(r) and r.status in ("pass", "fail", "divergence"):
            runs.setdefault((r.family, r.component, r.case, r.framework, r.dtype), []).append(r)
    plots = []
    for (family, component, case, framework, dtype), recs in runs.items():
        mapped = [r for r in recs if r.status in ("pass", "fail")]
        native: "OrderedDict[str, list[Record]]" = OrderedDict()
        for r in recs:
            if r.status == "divergence":
                native.setdefault(r.divergence, []).append(r)
        series = []
        for i, (label, curve, worst) in enumerate(_series_of(mapped)):
            series.append({"label": f"mapped {label}", "curve": curve, "colour": COLOURS[i % len(COLOURS)],
                           "dash": False, "worst": worst})
        for j, (what, rs) in enumerate(native.items()):
            for k, (label, curve, worst) in enumerate(_series_of(rs)[:2]):
                series.append({"label": f"native: {what} — {label}", "curve": curve,
                               "colour": NATIVE_COLOURS[j % len(NATIVE_COLOURS)], "dash": DASHES[k], "worst": worst})
        if not series:
            continue
        failed = any(r.status == "fail" for r in mapped)
        plots.append({"family": family, "component": component, "case": case, "framework": framework,
                      "dtype": dtype, "failed": failed, "natives": len(native),
                      "svg": svg_plot(series, "update", "max |Δ| / tolerance", hline=1.0)})
    return plots


LOSS_CURVES = {"loss": "update", "val_loss": "epoch"}     # check -> what its curve is per


def loss_plots(records: list[Record]) -> list[dict]:
    """Loss per update (and validation loss per epoch) of model runs whose ``loss`` / ``val_loss`` record
    carries the curves: ``detail["loss_curve"]`` and ``detail["reference_loss_curve"]`` (``val_loss_curve``
    likewise), the framework's and the reference's, drawn together; native runs dashed."""
    out = []
    for r in records:
        d = r.detail or {}
        per = LOSS_CURVES.get(r.check)
        if per is None or not d.get(f"{r.check}_curve") or not d.get(f"reference_{r.check}_curve"):
            continue
        native = r.status == "divergence"
        series = [{"label": "reference", "curve": [_float(v) for v in d[f"reference_{r.check}_curve"]],
                   "colour": "#444444", "dash": False, "worst": None},
                  {"label": f"{r.framework}{' (native run)' if native else ''}",
                   "curve": [_float(v) for v in d[f"{r.check}_curve"]],
                   "colour": NATIVE_COLOURS[0] if native else COLOURS[0], "dash": native, "worst": r.max_abs_err}]
        out.append({"family": r.family, "component": r.component, "case": r.case, "framework": r.framework,
                    "dtype": r.dtype, "native": native, "what": r.divergence, "check": r.check,
                    "svg": svg_plot(series, per, r.check.replace("_", " "), log=False)})
    return out


def _pool(curve: list[float], n: int = MAX_POINTS) -> list[tuple[int, float]]:
    """(update, value) pairs, at most n: bins of consecutive updates keep their largest value."""
    if len(curve) <= n:
        return list(enumerate(curve, 1))
    size = math.ceil(len(curve) / n)
    out = []
    for start in range(0, len(curve), size):
        chunk = [v for v in curve[start:start + size] if not math.isnan(v)]
        if chunk:
            out.append((start + 1 + chunk.index(max(chunk)), max(chunk)))
    return out


def svg_plot(series: list[dict], xlabel: str, ylabel: str, hline: float | None = None, log: bool = True,
             width: int = 560, height: int = 260) -> str:
    """A line plot as inline SVG: ``series`` of {label, curve, colour, dash, worst}; log y (values
    zeros on the bottom edge, at most DECADES decades), an optional red horizontal line (the
    tolerance), the legend below."""
    left, right, top, bottom = 58, 12, 10, 34
    pw, ph = width - left - right, height - top - bottom
    values = [v for s in series for v in s["curve"] if math.isfinite(v)]
    if hline is not None:
        values.append(hline)
    if log:
        # exact zeros (and anything more than DECADES below the top) sit on the bottom edge, labelled ≤
        positive = [v for v in values if v > 0] or [1.0]
        hi = math.ceil(math.log10(max(positive)))
        lo = max(min(math.floor(math.log10(min(positive))), hi - 3), hi - DECADES)
        if hline is not None and hline > 0:        # the tolerance line never sits on the edge
            lo = min(lo, math.floor(math.log10(hline)) - 2)
        tr = lambda v: max(math.log10(v), lo) if v > 0 else lo  # noqa: E731
    else:
        tr = lambda v: v  # noqa: E731
        lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    if hi - lo < 1e-12:
        lo, hi = lo - 1, hi + 1
    n = max((len(s["curve"]) for s in series), default=1)
    x = lambda i: left + (pw * (i - 1) / max(n - 1, 1))  # noqa: E731
    y = lambda v: top + ph * (1 - (tr(v) - lo) / (hi - lo))  # noqa: E731
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="plot" '
             f'role="img" aria-label="{html.escape(ylabel)} per {html.escape(xlabel)}">',
             f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="#fff" stroke="#bbb"/>']
    ticks = _ticks(lo, hi, log)
    for t, label in ticks:
        yy = top + ph * (1 - (t - lo) / (hi - lo))
        parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#eee"/>'
                     f'<text x="{left - 4}" y="{yy + 4:.1f}" text-anchor="end" class="tick">{label}</text>')
    for t in _xticks(n):
        parts.append(f'<text x="{x(t):.1f}" y="{top + ph + 14}" text-anchor="middle" class="tick">{t}</text>')
    parts.append(f'<text x="{left + pw / 2:.0f}" y="{height - 4}" text-anchor="middle" class="axis">'
                 f'{html.escape(xlabel)}</text>')
    parts.append(f'<text x="12" y="{top + ph / 2:.0f}" text-anchor="middle" class="axis" '
                 f'transform="rotate(-90 12 {top + ph / 2:.0f})">{html.escape(ylabel)}</text>')
    if hline is not None:
        parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(hline):.1f}" y2="{y(hline):.1f}" '
                     'stroke="#d00" stroke-width="1"/>')
    for s in series:
        pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in _pool(s["curve"]) if not math.isnan(v))
        dash = f' stroke-dasharray="{s["dash"] if isinstance(s["dash"], str) else "6 3"}"' if s["dash"] else ""
        parts.append(f'<polyline fill="none" stroke="{s["colour"]}" stroke-width="1.5"{dash} points="{pts}">'
                     f'<title>{html.escape(s["label"])}</title></polyline>')
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="swatch{" dashed" if s["dash"] else ""}" style="border-color:{s["colour"]}"></span>'
        f'{html.escape(s["label"])}' + (f' <span class="dim">worst |Δ| {_num(s["worst"])}</span>'
                                        if s["worst"] is not None else "") + "</li>" for s in series)
    if hline is not None:
        legend += '<li><span class="swatch" style="border-color:#d00"></span>tolerance (above: over it)</li>'
    return "".join(parts) + f'<ul class="legend">{legend}</ul>'


def _ticks(lo: float, hi: float, log: bool) -> list[tuple[float, str]]:
    if log:
        step = max(1, math.ceil((hi - lo) / 6))
        return [(float(e), ("≤" if e == lo else "") + f"1e{e}") for e in range(int(lo), int(hi) + 1, step)]
    return [(lo + (hi - lo) * k / 4, f"{lo + (hi - lo) * k / 4:.3g}") for k in range(5)]


def _xticks(n: int) -> list[int]:
    if n <= 1:
        return [1]
    step = max(1, round(n / 5))
    return sorted({1, *range(step, n + 1, step), n})


# --- diff page --------------------------------------------------------------------------------

def render_diff(d) -> str:
    """The page of ``rosetta diff --html``: the same sections as the text, every line of them."""
    from conformance.diff import headline
    return _env().get_template("diff.html.j2").render(d=d, title="nn-rosetta diff", num=_num, headline=headline(d),
                                                      generated=_dt.datetime.now(_dt.timezone.utc)
                                                      .strftime("%Y-%m-%d %H:%M UTC"))

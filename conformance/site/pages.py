"""The data of each page of ``rosetta docs``: what the templates show, gathered from the objects the
harness runs (``show.collect``'s sides and divergence records, ``study``'s ways) and a report's records.
Pygments highlights the code; the text content of each highlighted block is the source, character for
character (``tests/test_docs_site.py`` compares them)."""
from __future__ import annotations

import re
from pathlib import Path

from conformance import show
from conformance.case import DTYPES, FRAMEWORKS
from conformance.record import Record
from conformance.site import formulas, path as learning_path

LABELS = {"reference": "NumPy", "torch": "PyTorch", "keras": "Keras"}
FULL_LABELS = show.LABELS


# --- code ---------------------------------------------------------------------------------------

def highlight(source: str, language: str = "python") -> str:
    """The source as highlighted HTML spans (no wrapper): its text content is ``source`` exactly."""
    from pygments import highlight as _highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False, tabsize=0)
    return _highlight(source, lexer, HtmlFormatter(nowrap=True))


def code_block(source: str, first_line: int = 1, language: str = "python") -> dict:
    n = source.count("\n") + (0 if source.endswith("\n") else 1)
    return {"html": highlight(source, language), "numbers": "\n".join(str(i) for i in range(first_line, first_line + n))}


def pygments_css() -> str:
    from pygments.formatters import HtmlFormatter
    return HtmlFormatter(style="default").get_style_defs(".src")


def rst_inline(text: str):
    """A docstring line as HTML: ``literal`` (the docstrings' reStructuredText) becomes <code>."""
    from markupsafe import Markup, escape
    return Markup(re.sub(r"``(.+?)``", r"<code>\1</code>", str(escape(text))))


def markdown(text: str) -> str:
    """Markdown (CommonMark, raw HTML off) to HTML: the examples' ``teaches`` paragraphs."""
    from markdown_it import MarkdownIt
    return MarkdownIt("commonmark", {"html": False}).render(text)


# --- component pages ----------------------------------------------------------------------------

def summary_of(doc: str) -> str:
    return doc.strip().split("\n", 1)[0] if doc else ""


def component(shown: show.Shown, records: list[Record] | None, status_from: str,
                      examples: list[dict], steps: list[learning_path.Step]) -> dict:
    from conformance import html_report
    key = f"{shown.family}/{shown.name}"
    ref = shown.sides[0]
    sides = []
    for s in shown.sides:
        sides.append({"key": s.key, "label": LABELS[s.key], "full_label": FULL_LABELS[s.key], "status": s.status,
                      "path": s.path, "line": s.line, "qualname": s.qualname, "note": s.note, "variants": s.variants,
                      "doc": s.doc if s.key != "reference" else "", "source": s.source,
                      "code": code_block(s.source, s.line) if s.source else None,
                      "what": ("class" if s.qualname[:1].isupper() else "function") if s.key == "reference"
                      else "builder"})
    plots = []
    if records:
        plots = [p for p in html_report.trajectory_plots(records) if p["natives"] or p["failed"]]
    return {
        "key": key, "family": shown.family, "name": shown.name, "summary": summary_of(ref.doc),
        **_formula(key), "doc": ref.doc, "sides": sides,
        "defaults": defaults_rows(shown), "divergences": divergence_rows(shown, records),
        "divergence_summary": divergence_summary(shown, records),
        "status": status_rows(records), "verdict": show.verdict(records) if records is not None else None,
        "status_from": status_from, "problems": [r for r in records or () if r.status in ("fail", "error")],
        "plots": plots, "examples": examples, "steps": steps,
    }


def _formula(key: str) -> dict:
    """The formula's MathML lines; a missing or broken one is shown as such on the page (and fails
    tests/test_docs_site.py) rather than stopping the whole site."""
    try:
        return {"formula": formulas.mathml(key), "formula_error": ""}
    except formulas.FormulaError as exc:
        return {"formula": [], "formula_error": str(exc)}


def defaults_rows(shown: show.Shown) -> list[dict]:
    """As ``show.defaults_table``: each argument's default per side, and a framework's own default where
    a divergence record's native run uses it."""
    own: dict[str, list[str]] = {}
    for d in shown.divergences:
        for arg, value in d.native.items():
            own.setdefault(arg, []).append(f"{d.framework}: {value!r}")
    names = list(dict.fromkeys(a for side in shown.sides for a in side.defaults))
    return [{"arg": a, "values": [s.defaults.get(a, "—") if s.source else "" for s in shown.sides],
             "own": own.get(a, [])} for a in names]


def divergence_rows(shown: show.Shown, records: list[Record] | None) -> list[dict]:
    return [{"d": d, "effect": show.effect(d, records).splitlines() if records is not None else []}
            for d in shown.divergences]


def divergence_summary(shown: show.Shown, records: list[Record] | None) -> list[dict]:
    """Per framework, in one line: how many recorded differences, and the largest measured effect (the
    native run's max |Δ|, with what differs and the dtype) when a report is given."""
    out = []
    for fw in FRAMEWORKS:
        mine = [d for d in shown.divergences if d.framework == fw]
        runs = [r for r in records or () if r.framework == fw and r.status == "divergence"
                and r.max_abs_err is not None and r.max_abs_err == r.max_abs_err]
        worst = max(runs, key=lambda r: r.max_abs_err, default=None)
        out.append({"framework": fw, "label": LABELS[fw], "count": len(mine),
                    "worst": None if worst is None else {"abs": show._fmt(worst.max_abs_err), "what": worst.divergence,
                                                         "dtype": worst.dtype, "case": worst.case}})
    return out


def status_rows(records: list[Record] | None) -> list[dict] | None:
    """As ``show.status_table``: per framework × dtype, the count of each status, the worst ratio to
    tolerance and the worst |Δ| of the checked (non-divergence) runs."""
    if records is None:
        return None
    rows = []
    for fw in FRAMEWORKS:
        for dtype in DTYPES:
            recs = [r for r in records if r.framework == fw and r.dtype == dtype]
            if not recs:
                continue
            checked = [r for r in recs if r.status != "divergence"]
            ratios = [r.tolerance_ratio for r in checked if r.tolerance_ratio is not None]
            errs = [r.max_abs_err for r in checked if r.max_abs_err is not None]
            rows.append({"framework": fw, "dtype": dtype, "counts": show.counts(recs),
                         "ratio": f"{max(ratios):.2f}" if ratios else "–",
                         "abs": show._fmt(max(errs, default=None))})
    return rows


# --- example pages ------------------------------------------------------------------------------

def example(study, example, root: Path) -> dict:
    ways = []
    for way in study.ways(example.name):
        code, where, first = study.source(way)
        ways.append({"key": way.key, "label": way.label, "framework": way.framework, "path": where, "line": first,
                     "source": code, "code": code_block(code, first),
                     "function": getattr(way.function, "__qualname__", "")})
    spec = None
    if example.spec:
        text = (root / example.spec).read_text()
        spec = {"path": example.spec, "source": text, "code": code_block(text, 1, "toml")}
    return {"example": example, "teaches": markdown(example.teaches), "ways": ways, "spec": spec}


WORST_FIRST = ("error", "fail", "skip", "pass")


def agreement(study, example, records: list[Record] | None) -> list[dict] | None:
    """Per way of ``example`` (those it lacks too) and dtype, from a report's records of the example's case:
    the worst status of the way's checks (its loss per epoch and every trained weight), the worst |Δ| /
    tolerance and the frameworks whose runs judged it (the NumPy way runs in both), or the skip's reason.
    None without a report."""
    if records is None:
        return None
    case = f"{example.network}[{example.name}]"
    mine = [r for r in records if r.case == case]
    rows = []
    for spec in study.WAYS:
        cells = []
        for dtype in DTYPES:
            recs = [r for r in mine if r.dtype == dtype and r.check.split(":")[0] in (spec.key, "dtype", "data")]
            if not recs:
                cells.append({"dtype": dtype, "status": "", "text": "not in the report"})
                continue
            status = min((r.status for r in recs), key=lambda s: WORST_FIRST.index(s) if s in WORST_FIRST else 0)
            ratios = [r.tolerance_ratio for r in recs if r.status != "skip" and r.tolerance_ratio is not None]
            if status == "skip":
                text = next(r.note for r in recs if r.status == "skip")
            else:
                frameworks = sorted({LABELS.get(r.framework, r.framework) for r in recs})
                text = (f"{len(recs)} checks, worst |Δ| / tolerance {max(ratios):.2g}" if ratios else f"{len(recs)} checks")
                text += f" (run by {', '.join(frameworks)})" if spec.framework == "reference" else ""
            cells.append({"dtype": dtype, "status": status, "text": text})
        rows.append({"key": spec.key, "label": example.labels.get(spec.key, spec.label), "cells": cells})
    return rows

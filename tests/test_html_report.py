"""``rosetta check --html``: the page is self-contained, holds every check, divergence and per-update plot
of a real report (``small_reports.py``), and works in a real browser: headless Chromium (the
distribution's package) filters and sorts it from the URL hash, and screenshots it at 1280 px and at a
phone's 390 px without the page getting wider than the window. Browser tests skip when Chromium is absent.
Screenshots are kept in the test's tmp folder (``ROSETTA_SCREENSHOTS=DIR`` copies them to DIR)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from browser import dom, headless, png_size
from conformance import html_report
from conformance.record import Record
from small_reports import reports as small, rosetta

class Items(HTMLParser):
    """The elements with data-item (checks rows, divergence rows, plots), their attributes and, for
    table rows, the text of each cell."""

    def __init__(self):
        super().__init__()
        self.items, self._row, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-item" in a:
            self._row = {"tag": tag, **a, "cells": []}
            self.items.append(self._row)
        elif tag == "td" and self._row is not None and self._row["tag"] == "tr":
            self._cell = []

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self._row["cells"].append("".join(self._cell).strip())
            self._cell = None
        elif tag in ("tr", "figure") and self._row is not None and self._row["tag"] == tag:
            self._row = None


def items(page: str, kind: str) -> list[dict]:
    p = Items()
    p.feed(page)
    return [x for x in p.items if x["data-item"] == kind]


def visible(rows):
    return [r for r in rows if "hidden" not in r]


def results():
    return json.loads(small()["all"].read_text())["results"]


# --- the file itself --------------------------------------------------------------------------

def test_the_page_is_self_contained_and_holds_every_check():
    page = small()["html"].read_text()
    urls = re.findall(r'\b(?:src|href)\s*=\s*["\']?([^"\' >]+)', page)
    assert not [u for u in urls if re.match(r"(?i)(https?:)?//", u)], urls
    assert not re.search(r"(?i)<link\b|<script\b[^>]*\bsrc=|@import|url\(\s*['\"]?(https?:)?//", page)
    res = results()
    rows = items(page, "checks")
    assert len(rows) == len(res)
    assert [(r["data-status"], r["data-framework"], r["data-dtype"], r["cells"][1], r["cells"][4]) for r in rows] == \
        [(x["status"], x["framework"], x["dtype"], x["case"], x["check"]) for x in res]
    divs = [x for x in res if x["status"] == "divergence"]
    drows = items(page, "divergences")
    assert len(drows) == len(divs)
    no_effect = [x for x in divs if "no effect on this case" in x["note"]]
    assert no_effect and sum(r["data-effect"] == "0" for r in drows) == len(no_effect)
    assert f"({len(divs)} records, {len(divs) - len(no_effect)} with an effect)" in page


def test_per_update_plots_show_mapped_and_native_runs():
    page = small()["html"].read_text()
    res = results()
    runs = {(x["case"], x["framework"], x["dtype"]) for x in res
            if x["detail"] and "per_step_max_abs" in x["detail"] and x["status"] != "skip"}
    curves = page.split('<section id="curves">')[1].split("</section>")[0]
    assert len(items(curves, "plots")) == len(runs) > 0
    # sgd[momentum] in Keras has a documented divergence: its plot has a solid mapped curve and dashed native ones
    i = page.index("<figcaption>sgd[momentum] · keras · float32")
    svg = page[i:page.index("</figure>", i)]
    assert "mapped params" in svg and "native: momentum buffer holds" in svg
    assert 'stroke-dasharray="6 3"' in svg and svg.count("<polyline") >= 3
    assert "sequential[default] · torch · float64" in page                        # model runs too


def test_loss_curves_of_the_model_runs():
    page = small()["html"].read_text()
    section = page.split('<section id="losses">')[1].split("</section>")[0]
    runs = [(x["case"], x["framework"], x["dtype"]) for x in results()
            if x["check"] == "loss" and x["detail"] and x["detail"].get("loss_curve")]
    assert runs and len(items(section, "plots")) == len(runs)
    for case, fw, dtype in runs:
        assert f"<figcaption>{case} · {fw} · {dtype}</figcaption>" in section


def test_loss_curves_are_drawn_when_the_records_carry_them():
    detail = {"per_step_max_abs": [0.0, 1e-9], "per_step_tolerance_ratio": [0.0, 0.1],
              "loss_curve": [0.7, 0.5], "reference_loss_curve": [0.7, 0.5]}
    rec = Record("sequential", "model", "sequential[default]", "torch", "float64", "loss", "pass", 1e-9, 1e-9,
                 1e-12, 1e-10, detail=detail)
    page = html_report.render([rec], {"python": "3"})
    section = page.split('<section id="losses">')[1].split("</section>")[0]
    assert "sequential[default] · torch · float64" in section and section.count("<polyline") == 2
    plain = html_report.render([Record("relu", "activation", "relu[default]", "torch", "float64", "forward", "pass")],
                               {"python": "3"})
    assert "No loss values in this report" in plain and "No trajectory or model records" in plain


def test_without_jinja2_html_is_a_usage_error_naming_the_extra(tmp_path):
    code = ("import sys\nsys.modules['jinja2'] = None\nfrom conformance.cli import main\n"
            f"sys.exit(main(['check', '--only', 'relu', '--html', {str(tmp_path / 'r.html')!r}]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 2 and out.stdout == "", out.stdout + out.stderr
    assert out.stderr.startswith("rosetta: error: --html needs Jinja2") and "'.[html]'" in out.stderr
    assert not (tmp_path / "r.html").exists()


def test_bad_html_path_fails_before_the_run(tmp_path):
    out = rosetta("check", "--only", "relu", "--html", str(tmp_path))
    assert out.returncode == 2 and f"--html={str(tmp_path)!r} is not allowed: it is an existing directory" in out.stderr


# --- in a browser -----------------------------------------------------------------------------

@pytest.mark.parametrize("fragment,want", [
    ("status=divergence&framework=keras&dtype=float64",
     lambda x: x["status"] == "divergence" and x["framework"] == "keras" and x["dtype"] == "float64"),
    ("family=optimizer&q=momentum",
     lambda x: x["family"] == "optimizer" and "momentum" in " ".join(
         [x["status"], x["case"], x["framework"], x["dtype"], x["check"], x["note"], x["override"]]).lower()),
    ("status=pass&framework=torch&dtype=float32&family=model",
     lambda x: (x["status"], x["framework"], x["dtype"], x["family"]) == ("pass", "torch", "float32", "model")),
])
def test_filters_from_the_url_hash_show_exactly_the_matching_checks(fragment, want):
    page = dom(small()["html"], fragment)
    shown = visible(items(page, "checks"))
    expected = [x for x in results() if want(x)]
    assert expected
    assert [(r["cells"][1], r["data-framework"], r["data-dtype"], r["cells"][4]) for r in shown] == \
        [(x["case"], x["framework"], x["dtype"], x["check"]) for x in expected]
    assert f"checks: {len(expected)} of {len(results())}" in page


def test_with_effect_only_hides_the_no_effect_divergences():
    page = dom(small()["html"], "effect=1")
    rows = items(page, "divergences")
    assert rows and all(("hidden" in r) == (r["data-effect"] == "0") for r in rows)
    assert any("hidden" in r for r in rows)


def test_sorting_from_the_url_hash_orders_by_the_error():
    page = dom(small()["html"], "sort=abs:desc&framework=keras")
    shown = visible(items(page, "checks"))
    assert shown and all(r["data-framework"] == "keras" for r in shown)
    got = []
    for r in shown:
        cell = r["cells"][5]
        got.append(float(cell) if re.match(r"^[0-9.e+-]+$|^inf$", cell) else -1)
    assert got == sorted(got, reverse=True) and len(got) == sum(x["framework"] == "keras" for x in results())
    assert got[0] > got[-1]


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_at_desktop_and_phone_width_without_horizontal_overflow(tmp_path, width):
    path = small()["html"]
    shot = tmp_path / f"report-{width}.png"
    out = headless(f"--window-size={width},1600", f"--screenshot={shot}", f"file://{path}")
    assert out.returncode == 0 and shot.exists(), out.stderr[-2000:]
    assert png_size(shot) == (width, 1600)
    assert shot.stat().st_size > 20_000                    # a rendered page, not a blank one
    page = dom(path, width=width)
    assert 'data-ready="1"' in page and 'data-overflow="false"' in page, "the page is wider than the window"
    if os.environ.get("ROSETTA_SCREENSHOTS"):
        os.makedirs(os.environ["ROSETTA_SCREENSHOTS"], exist_ok=True)
        shutil.copy(shot, os.environ["ROSETTA_SCREENSHOTS"])

"""``rosetta docs --out DIR``: the study site (``conformance/site/``).

The site is built once for the module (through the CLI, in this process) with a real report of one Adam
case (``adam[tiny]``, both frameworks, float64: its ε-placement divergence has an effect), one of whose
records is edited so that the page must show the edited number. Then: every catalog component and
every example has its page, its ``rosetta show`` text and (examples) its notebook; each page's code is
exactly the code the harness runs (``show.collect``'s sources, ``study.source``); every formula
converts; every link resolves inside the site and nothing points at the network; the learning path
and the cross-links hold; bad usage is one line and exit 2. In headless Chromium (skipped with the
reason when it is absent): the Adam page and an example page at 1280 and 390 px, no wider than the
window, the search box filters, the tabs switch. Screenshots go to the test's tmp folder
(``ROSETTA_SCREENSHOTS=DIR`` copies them to DIR).
"""
from __future__ import annotations

import fcntl
import html
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("jinja2", reason="rosetta docs needs the docs extra (jinja2)")
pytest.importorskip("pygments", reason="rosetta docs needs the docs extra (pygments)")
pytest.importorskip("latex2mathml", reason="rosetta docs needs the docs extra (latex2mathml)")
pytest.importorskip("nbformat", reason="rosetta docs needs the docs extra (nbformat)")

from conformance import catalog, show, study  # noqa: E402
from conformance.cli import main  # noqa: E402
from conformance.site import build, formulas, pages, path as learning_path  # noqa: E402
from browser import dom, headless, png_size  # noqa: E402

ADAM_CASE = "adam[tiny]"
EDITED = 0.123456                  # the edited record's max |Δ|: the page must show 1.2e-01
XOR_CASE = "two_layer[xor]"        # the example xor: one of its records is made to fail
PLANTED_RATIO = 1.5


def _make_report(path: Path) -> None:
    """A real ``rosetta check --json`` report of adam[tiny] (both frameworks, float64), run in this
    process, with the largest native run of Keras's ε-placement record edited to EDITED."""
    from conformance import parallel, report as reports
    from conformance.environment import describe
    cases = [c for c in catalog.all_cases() if c.id in (ADAM_CASE, XOR_CASE)]
    records = parallel.run(cases, ["torch", "keras"], ["float64"], workers=1)
    payload = reports.to_json(records, describe(["float64"]), 0.0)
    runs = [r for r in payload["results"] if r["status"] == "divergence" and r["framework"] == "keras"
            and r["divergence"].startswith("ε placement") and r["max_abs_err"] is not None]
    assert runs, "adam[tiny] has no measured native run of Keras's ε placement"
    max(runs, key=lambda r: r["max_abs_err"])["max_abs_err"] = EDITED
    planted = next(r for r in payload["results"] if r["case"] == XOR_CASE and r["check"] == "keras_functional:loss")
    planted.update(status="fail", tolerance_ratio=PLANTED_RATIO)
    path.write_text(json.dumps(payload))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(the report, the site), made once per test session: under pytest-xdist the first worker to get
    here builds them in the session's shared tmp folder and the others wait for it and reuse them."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    report, out = base / "docs_site_report.json", base / "docs_site"
    with open(base / "docs_site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / build.MARKER).exists():
            _make_report(report)
            assert main(["docs", "--out", str(out), "--report", str(report)]) == 0
    return report, out


@pytest.fixture(scope="module")
def report(built) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[1]


def component_keys() -> list[str]:
    return [f"{f}/{n}" for f, n in catalog.components()]


class Page(HTMLParser):
    """The text of each code block (``pre[data-code]``), every link and source, and whether an element
    with ``data-*`` attributes is hidden."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.code: dict[str, str] = {}
        self.links: list[str] = []
        self.elements: list[dict] = []
        self._code_key, self._depth, self._buf = None, 0, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k in ("href", "src"):
            if a.get(k):
                self.links.append(a[k])
        if any(k.startswith("data-") for k in a):
            self.elements.append({"tag": tag, **a})
        if self._code_key is not None:
            self._depth += tag == "pre"
        elif tag == "pre" and "data-code" in a:
            self._code_key, self._depth, self._buf = a["data-code"], 1, []

    def handle_endtag(self, tag):
        if self._code_key is not None and tag == "pre":
            self._depth -= 1
            if self._depth == 0:
                self.code[self._code_key] = "".join(self._buf)
                self._code_key = None

    def handle_data(self, data):
        if self._code_key is not None:
            self._buf.append(data)


def parse(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


# --- what is there ---------------------------------------------------------------------------------

def test_every_component_has_its_page_and_show_text_with_the_code_the_harness_runs(site):
    for key in component_keys():
        page = site / "components" / f"{key}.html"
        assert page.exists(), f"{key} has no page"
        shown = show.collect(*key.split("/"))
        code = parse(page).code
        for side in shown.sides:
            if side.source:
                assert code.get(side.key) == side.source, f"{key}: the {side.key} code on the page is not its source"
            else:
                assert side.key not in code
        text = (site / "show" / f"{key}.txt").read_text()
        assert f"{key}" in text and shown.sides[0].qualname in text and "Formula and conventions" in text


def test_every_example_has_its_page_notebook_and_code(site):
    import nbformat
    assert study.EXAMPLES, "conformance.study has no examples"
    for name, example in study.EXAMPLES.items():
        page = site / "examples" / f"{name}.html"
        assert page.exists(), f"example {name} has no page"
        parsed = parse(page)
        ways = study.ways(name)
        assert ways
        for way in ways:
            assert parsed.code.get(way.key) == study.source(way)[0], f"{name}: the {way.key} code is not its source"
        if example.spec:
            assert parsed.code["spec"] == (Path(__file__).resolve().parents[1] / example.spec).read_text()
        nb = nbformat.read(str(site / "notebooks" / f"{name}.ipynb"), as_version=4)
        nbformat.validate(nb)
        assert any(c.cell_type == "code" for c in nb.cells)
        for c in example.components + ((f"example/{example.network}",) if example.network else ()):
            assert f"../components/{c}.html" in parsed.links, f"{name} does not link {c}"
        if example.network:
            assert (site / "show" / "example" / f"{example.network}.txt").exists()


def test_every_formula_converts_and_every_page_shows_it(site):
    keys = set(component_keys())
    table = formulas.table()
    assert not keys - set(table), f"components without a formula in formulas.toml: {sorted(keys - set(table))}"
    assert not set(table) - keys, f"formulas of no catalog component: {sorted(set(table) - keys)}"
    for key in keys:
        assert formulas.mathml(key)
        page = (site / "components" / f"{key}.html").read_text()
        assert page.count("<math") == len(table[key]) and "does not convert" not in page


def test_a_formula_that_does_not_convert_is_an_error():
    with pytest.raises(formulas.FormulaError, match="does not know"):
        formulas.to_mathml(r"\notacommand x")
    with pytest.raises(formulas.FormulaError, match="does not know"):
        formulas.to_mathml(r"\text{an\_escape latex2mathml leaves as text}")
    with pytest.raises(formulas.FormulaError, match="does not convert"):
        formulas.to_mathml(r"\frac{a}{")
    with pytest.raises(formulas.FormulaError, match="no formula"):
        formulas.mathml("layer/not_a_component")


def test_links_resolve_inside_the_site_and_nothing_reaches_the_network(site):
    files = [p for p in site.rglob("*") if p.suffix in (".html", ".css", ".js")]
    assert len(files) > len(component_keys())
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert not re.search(r"(?i)\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", text), f
        assert not re.search(r"(?i)url\(\s*['\"]?\s*(?:https?:)?//|@import", text), f
        assert not re.search(r"(?i)<script\b[^>]*\bsrc=[\"']?[a-z]+:", text), f
        if f.suffix != ".html":
            continue
        for link in parse(f).links:
            target = link.split("#")[0]
            if target:
                assert not re.match(r"[a-z]+:", target), f"{f}: {link}"
                assert (f.parent / target).resolve().is_file(), f"{f.relative_to(site)} links {link}, which is missing"


def test_learning_path_in_curriculum_order_with_its_pages(site):
    assert learning_path.KEYS == study.STEPS
    known = set(component_keys())
    for step in learning_path.STEPS:
        assert set(step.components) <= known, f"{step.key}: {set(step.components) - known} are not catalog components"
    page = parse(site / "learning-path.html")
    assert re.findall(r'<li id="([a-z_]+)">', (site / "learning-path.html").read_text()) == list(learning_path.KEYS)
    for e in study.EXAMPLES.values():
        assert e.step in learning_path.KEYS
        assert build.example_url(e.name) in page.links
    for step in learning_path.STEPS:
        for c in step.components:
            assert build.component_url(c) in page.links


def test_a_component_page_links_the_examples_that_use_it(site):
    uses: dict[str, list[str]] = {}
    for e in study.EXAMPLES.values():
        for c in e.components + ((f"example/{e.network}",) if e.network else ()):
            uses.setdefault(c, []).append(e.name)
    assert uses
    for key, names in uses.items():
        links = parse(site / "components" / f"{key}.html").links
        for name in names:
            assert f"../../examples/{name}.html" in links, f"{key} does not link example {name}"


def test_status_and_an_edited_records_effect_come_from_the_report(site, report):
    page = (site / "components" / "optimizer" / "adam.html").read_text()
    assert f"from {report}" in page
    rows = {e["data-status-row"] for e in parse(site / "components" / "optimizer" / "adam.html").elements
            if "data-status-row" in e}
    assert rows == {"torch-float64", "keras-float64"}
    assert f"float64 {EDITED:.1e}" in page                      # the edited native run's max |Δ|
    assert f"largest measured effect is max |Δ| <b>{EDITED:.1e}</b>" in page
    other = (site / "components" / "activation" / "relu.html").read_text()
    assert "No records of activation/relu in the report" in other


def test_an_example_page_shows_each_ways_verdict_from_the_report(site):
    page = parse(site / "examples" / "xor.html")
    rows = [e["data-agreement"] for e in page.elements if "data-agreement" in e]
    assert rows == list(study.WAY_KEYS)
    text = (site / "examples" / "xor.html").read_text()
    cells = {key: re.sub(r"<[^>]+>", " ", html.unescape(row))
             for key, row in re.findall(r'<tr data-agreement="(\w+)">(.*?)</tr>', text, re.S)}
    rendered = {key: " ".join(cell.split()) for key, cell in cells.items()}
    assert f"fail 5 checks, worst |Δ| / tolerance {PLANTED_RATIO:.2g}" in rendered["keras_functional"]
    for key in set(study.WAY_KEYS) - {"keras_functional"}:
        assert re.search(r"not in the report pass \d+ checks, worst \|Δ\| / tolerance", rendered[key]), rendered[key]
    assert "(run by Keras, PyTorch)" in rendered["numpy_by_hand"]


def test_without_a_report_the_page_says_how_to_get_the_status():
    shown = show.collect("optimizer", "adam")
    ctx = pages.component(shown, None, "", [], [])
    page = build._env().get_template("component.html.j2").render(root="../../", title="optimizer/adam",
                                                                 url="components/optimizer/adam.html", **ctx)
    assert "rosetta docs --out DIR --report reports/conformance.json" in page
    assert "not measured here" in page and "data-status-row" not in page
    ctx = pages.example(study, study.get("xor"), study.ROOT)
    page = build._env().get_template("example.html.j2").render(
        root="../", title="xor", url="examples/xor.html", components=[], step=learning_path.step("mlp_backprop"),
        agreement=pages.agreement(study, study.get("xor"), None), status_from="", **ctx)
    assert "rosetta check --only 'two_layer[xor]'" in page and "data-agreement" not in page


# --- usage ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args,message", [
    (["docs"], "the following arguments are required: --out"),
    (["docs", "--out", "{file}"], "it exists and is not a directory"),
    (["docs", "--out", "{foreign}"], "rosetta docs did not write"),
    (["docs", "--out", "{new}", "--report", "{missing}"], "cannot be read"),
    (["docs", "--out", "{new}", "--report", "{file}"], "is not JSON"),
])
def test_bad_usage_is_one_line_and_exit_2(tmp_path, capsys, args, message):
    (tmp_path / "file.txt").write_text("not a report")
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "thesis.tex").write_text("keep me")
    names = {"file": tmp_path / "file.txt", "foreign": tmp_path / "foreign", "new": tmp_path / "new",
             "missing": tmp_path / "missing.json"}
    argv = [a.format(**{k: str(v) for k, v in names.items()}) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("rosetta: error: ") and err.count("\n") == 1 and message in err, err
    assert not (tmp_path / "new").exists() and (tmp_path / "foreign" / "thesis.tex").read_text() == "keep me"


def test_without_the_docs_extra_it_is_a_usage_error_naming_it(tmp_path):
    code = ("import sys\nsys.modules['latex2mathml'] = None\nfrom conformance.cli import main\n"
            f"sys.exit(main(['docs', '--out', {str(tmp_path / 'site')!r}]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 2 and out.stdout == "", out.stdout + out.stderr
    assert out.stderr == "rosetta: error: rosetta docs needs latex2mathml; install the extra: pip install -e '.[docs]'\n"
    assert not (tmp_path / "site").exists()


def test_a_failed_build_leaves_the_previous_site(tmp_path, monkeypatch):
    out = tmp_path / "site"
    out.mkdir()
    (out / build.MARKER).write_text("")
    (out / "index.html").write_text("the previous site")

    def broken(family, name):
        raise RuntimeError("boom")
    monkeypatch.setattr(show, "collect", broken)
    with pytest.raises(RuntimeError, match="boom"):
        build.build(out)
    assert (out / "index.html").read_text() == "the previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]          # no half-written folder left


# --- in a browser -----------------------------------------------------------------------------------

def _keep(shot: Path) -> None:
    if os.environ.get("ROSETTA_SCREENSHOTS"):
        os.makedirs(os.environ["ROSETTA_SCREENSHOTS"], exist_ok=True)
        shutil.copy(shot, os.environ["ROSETTA_SCREENSHOTS"])


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("page", ["components/optimizer/adam.html", "examples/xor.html"])
def test_screenshots_at_desktop_and_phone_width_without_horizontal_overflow(site, tmp_path, page, width):
    if page.startswith("examples/") and not (site / page).exists():
        page = f"examples/{next(iter(study.EXAMPLES))}.html"
    shot = tmp_path / f"{Path(page).stem}-{width}.png"
    out = headless(f"--window-size={width},1800", f"--screenshot={shot}", f"file://{site / page}")
    assert out.returncode == 0 and shot.exists(), out.stderr[-2000:]
    assert png_size(shot) == (width, 1800)
    assert shot.stat().st_size > 30_000                   # a rendered page, not a blank one
    _keep(shot)
    rendered = dom(site / page, width=width)
    assert 'data-ready="1"' in rendered and 'data-overflow="false"' in rendered, "the page is wider than the window"


def test_the_search_box_filters_the_index_as_you_type(site):
    rendered = dom(site / "index.html", "q=adam")
    p = Page()
    p.feed(rendered)
    entries = [e for e in p.elements if "data-entry" in e]
    assert len(entries) == len(component_keys()) + len(study.EXAMPLES)
    shown = {e["data-entry"] for e in entries if "hidden" not in e}
    assert shown == {e["data-entry"] for e in entries if "adam" in e["data-search"]}
    assert {"optimizer/adam", "optimizer/adamw", "optimizer/nadam"} <= shown and "layer/dense" not in shown
    assert re.search(rf"{len(shown)} of {len(entries)} match", html.unescape(rendered))


def test_the_search_box_lists_matches_on_every_other_page(site):
    rendered = dom(site / "components" / "layer" / "dense.html", "q=dropout")
    p = Page()
    p.feed(rendered.split('id="results"', 1)[1].split("</ul>", 1)[0])
    want = {f"../../components/{k}.html" for k in component_keys() if "dropout" in k}
    assert want and want <= set(p.links)
    assert all("dropout" in (site / "components" / "layer" / link.split("#")[0]).resolve().read_text().lower()
               for link in p.links)


def test_tabs_switch(site):
    page = site / "components" / "optimizer" / "adam.html"
    for key in ("keras", "torch"):
        rendered = dom(page, f"tab={key}")
        panels = {m.group(2): "active" in m.group(1) for m in
                  re.finditer(r'class="panel([a-z ]*)"[^>]*data-panel="([a-z]+)"', rendered)}
        assert panels == {"reference": False, "torch": key == "torch", "keras": key == "keras"}
        assert re.search(rf'<button[^>]*data-tab="{key}"[^>]*aria-selected="true"', rendered)
        assert len(re.findall(r'aria-selected="true"', rendered)) == 1


def test_side_by_side_stays_inside_the_window(site):
    rendered = dom(site / "components" / "optimizer" / "adam.html", "layout=columns", width=1280)
    assert re.search(r'class="impls columns"', rendered) and 'aria-pressed="true"' in rendered
    assert 'data-overflow="false"' in rendered

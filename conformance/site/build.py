"""What ``rosetta docs`` writes, and how: the inputs (the catalog, a report, ``conformance.study``), each
page rendered by Jinja2 from ``templates/*.html.j2`` with the data of ``pages.py``, the whole site written
beside DIR and then put in its place.

Component pages take their code from ``conformance.show.collect`` (the same objects ``rosetta show``
reads: the registered reference class and framework builders), their formula from ``formulas.toml``
and their status and measured effects from a ``rosetta check --json`` report when one is given.
Example pages take theirs from ``conformance.study`` (each way's function, the spec file, the
notebook).

Layout of DIR (every link relative, so the site works from ``file://`` and from any web server):
  index.html                         the index by family, the examples, the search box
  learning-path.html                 the curriculum's steps (``path.py``)
  components/<family>/<name>.html    one per catalog component
  examples/<name>.html               one per example
  notebooks/<name>.ipynb             each example as a notebook
  show/<family>/<name>.txt           ``rosetta show``'s text of each component
  site.css, site.js, search-index.js
  .rosetta-docs                      marks DIR as this command's output (so a rerun may replace it)
"""
from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from conformance import catalog, show
from conformance.record import Record
from conformance.site import pages, path as learning_path

TEMPLATES = Path(__file__).with_name("templates")
MARKER = ".rosetta-docs"
FAMILY_TITLES = {"layer": "Layers", "activation": "Activations", "loss": "Losses", "initializer": "Initializers",
                 "regularizer": "Regularizers and constraints", "optimizer": "Optimizers", "schedule": "Schedules",
                 "clipping": "Gradient clipping", "model": "Models", "metric": "Metrics",
                 "example": "Example networks"}
SHOW_WIDTH = 100                 # the show/*.txt files: rosetta show's piped width


@dataclass
class Built:
    """What was written: the pages by kind, and where."""
    out: Path
    components: list[str] = field(default_factory=list)      # "family/name"
    examples: list[str] = field(default_factory=list)
    notebooks: list[str] = field(default_factory=list)
    examples_missing: str = ""                                # why there are no example pages, if so


# --- inputs -------------------------------------------------------------------------------------

def read_report(path: str) -> tuple[dict[tuple[str, str], list[Record]], dict]:
    """Every record of a ``rosetta check --json`` report by (family, component), and its environment.
    ``show.read_report`` checks the file (its UsageErrors name --report); the records are then read
    once for all components."""
    _, env = show.read_report(path, "", "")
    with open(path) as fh:
        results = json.load(fh)["results"]
    fields = set(Record.__dataclass_fields__)
    out: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for r in results:
        out[(r.get("family"), r.get("component"))].append(
            Record(**{k: show._number(v) for k, v in r.items() if k in fields}))
    return out, env


def load_study():
    """``conformance.study``, or (None, why) while it does not exist."""
    try:
        from conformance import study
    except ModuleNotFoundError as exc:
        if exc.name != "conformance.study":
            raise
        return None, "conformance/study.py does not exist here: no example pages"
    return study, ""


# --- the site -----------------------------------------------------------------------------------

def _env():
    import jinja2
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=jinja2.select_autoescape(["html", "j2"]),
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["num"] = show._fmt
    env.filters["rst"] = pages.rst_inline
    return env


def component_url(key: str) -> str:
    return f"components/{key}.html"


def example_url(name: str) -> str:
    return f"examples/{name}.html"


def build(out: str | os.PathLike, report: str | None = None, root: Path | None = None) -> Built:
    """Write the whole site to ``out``: into a new folder beside it first, which then replaces ``out``
    (a failure leaves ``out`` as it was; the caller checked that ``out`` is new, empty or an earlier
    site, see ``cli.check_out``)."""
    root = root or Path(__file__).resolve().parents[2]
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        built = _write(tmp, report, root)
        _replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    built.out = out
    return built


def _replace(tmp: Path, out: Path) -> None:
    os.chmod(tmp, 0o777 & ~_umask())
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(out)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write(dest: Path, report: str | None, root: Path) -> Built:
    env = _env()
    by_component, environment = read_report(report) if report else ({}, {})
    versions = ", ".join(f"{k} {environment[k]}" for k in ("torch", "keras", "tensorflow") if environment.get(k))
    status_from = f"from {report}" + (f" ({versions})" if versions else "") if report else ""
    study, why = load_study()
    built = Built(dest, examples_missing=why)
    examples = _example_pages(env, dest, study, root, built, by_component if report else None, status_from)
    components = _component_pages(env, dest, by_component if report else None, status_from, study, built)
    _index_pages(env, dest, components, examples, status_from, why)
    css = (TEMPLATES / "site.css").read_text() + "\n/* Pygments (default style) */\n" + pages.pygments_css() + "\n"
    _text(dest / "site.css", css)
    shutil.copyfile(TEMPLATES / "site.js", dest / "site.js")
    _text(dest / MARKER, "written by rosetta docs; a rerun with this --out replaces this folder\n")
    return built


def _component_pages(env, dest: Path, by_component: dict | None, status_from: str, study, built: Built) -> list[dict]:
    """A page and a ``rosetta show`` text per catalog component; their index entries. ``by_component``
    None: no report (the pages say how to get the status)."""
    used_by: dict[str, list[dict]] = defaultdict(list)          # component -> the examples that use it
    for e in (study.EXAMPLES.values() if study else ()):
        for c in e.components + ((f"example/{e.network}",) if e.network else ()):
            used_by[c].append({"title": e.title, "url": example_url(e.name)})
    steps_of: dict[str, list[learning_path.Step]] = defaultdict(list)
    for s in learning_path.STEPS:
        for c in s.components:
            steps_of[c].append(s)
    entries = []
    for family, name in catalog.components():
        key = f"{family}/{name}"
        shown = show.collect(family, name)
        records = None if by_component is None else by_component.get((family, name), [])
        ctx = pages.component(shown, records, status_from, used_by.get(key, []), steps_of.get(key, []))
        _page(env, dest, component_url(key), "component.html.j2", ctx, title=key)
        shown.records, shown.status_from = records, status_from or "not run: give rosetta docs --report PATH"
        _text(dest / "show" / f"{key}.txt", _show_text(shown))
        entries.append({"kind": "component", "key": key, "title": name, "family": family, "summary": ctx["summary"],
                        "url": component_url(key), "verdict": ctx["verdict"],
                        "frameworks": {s["key"]: s["status"] for s in ctx["sides"][1:]}})
        built.components.append(key)
    return entries


def _example_pages(env, dest: Path, study, root: Path, built: Built, by_component: dict | None,
                   status_from: str) -> list[dict]:
    """A page and a notebook per example of ``conformance.study``; their index entries. ``by_component``
    None: no report (the pages say how to get each way's agreement)."""
    if study is None:
        return []
    import nbformat
    entries = []
    for name, e in study.EXAMPLES.items():
        ctx = pages.example(study, e, root)
        ctx["components"] = [{"key": c, "url": component_url(c)} for c in e.components]
        ctx["step"] = learning_path.step(e.step)
        records = None if by_component is None else by_component.get(("example", e.network), [])
        ctx["agreement"], ctx["status_from"] = pages.agreement(study, e, records), status_from
        _page(env, dest, example_url(name), "example.html.j2", ctx, title=e.title)
        nb_path = dest / "notebooks" / f"{name}.ipynb"
        nb_path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(study.notebook(name), str(nb_path))
        entries.append({"kind": "example", "key": name, "title": e.title, "family": "example",
                        "summary": pages.summary_of(e.teaches), "url": example_url(name), "step": e.step})
        built.examples.append(name)
        built.notebooks.append(f"notebooks/{name}.ipynb")
    return entries


def _index_pages(env, dest: Path, components: list[dict], examples: list[dict], status_from: str, why: str) -> None:
    """The index by family, the learning path and the search index (every page, and the path's steps)."""
    families: dict[str, list[dict]] = defaultdict(list)
    for e in components:
        families[e["family"]].append(e)
    _page(env, dest, "index.html", "index.html.j2",
          {"families": [(f, FAMILY_TITLES.get(f, f), entries) for f, entries in families.items()],
           "examples": examples, "examples_missing": why, "status_from": status_from,
           "ncomponents": len(components)}, title="nn-rosetta")
    on_path = {c for s in learning_path.STEPS for c in s.components}
    steps = [{"step": s, "components": [{"key": c, "url": component_url(c)} for c in s.components],
              "examples": [x for x in examples if x["step"] == s.key]} for s in learning_path.STEPS]
    beyond = [e for e in components if e["key"] not in on_path]
    _page(env, dest, "learning-path.html", "path.html.j2", {"steps": steps, "beyond": beyond}, title="Learning path")
    found = components + examples + [{"kind": "step", "key": s.key, "title": s.title, "family": "learning path",
                                      "summary": s.text, "url": f"learning-path.html#{s.key}"}
                                     for s in learning_path.STEPS]
    _text(dest / "search-index.js", "window.ROSETTA_INDEX = " + json.dumps(
        [{k: e[k] for k in ("kind", "key", "title", "family", "summary", "url")} for e in found],
        ensure_ascii=False) + ";\n")


def _page(env, dest: Path, url: str, template: str, ctx: dict, title: str) -> None:
    depth = url.count("/")
    page = env.get_template(template).render(root="../" * depth, title=title, url=url, **ctx)
    _text(dest / url, page)


def _text(p: Path, text: str) -> None:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


def _show_text(shown: show.Shown) -> str:
    from rich.console import Console
    buf = io.StringIO()
    show.render(shown, Console(file=buf, width=SHOW_WIDTH, color_system=None, force_terminal=False,
                               legacy_windows=False), side_by_side=False)
    return buf.getvalue()


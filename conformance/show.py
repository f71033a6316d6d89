"""``rosetta show NAME``: one catalog component in NumPy, PyTorch and Keras, from the code that runs.

What is shown is read from the objects the harness calls, never from a copy: the reference class
(``reference.get``), each framework's registered builder (``Impl.builder``), the reference module's
docstring (the formula), the signatures' defaults, the component's ``Divergence`` records and its
conformance status: read from a ``rosetta check --json`` report (``--report``) or measured now
through ``harness.run_case`` (both frameworks, both dtypes; ``--no-run`` skips it).

Layout (rich): the header, the formula, the three sources (side by side on a terminal of at least
``COLUMNS_SIDE_BY_SIDE`` columns, else one after another under a rule, so that piped code can be
copied as is), then the defaults, divergences and status tables.
"""
from __future__ import annotations

import difflib
import inspect
import json
import math
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from conformance import catalog, divergences, frameworks
from conformance.case import DTYPES, FRAMEWORKS
from conformance.record import STATUSES, Record
from conformance.usage import UsageError

COLUMNS_SIDE_BY_SIDE = 200      # narrower terminals (and pipes) get the sources one after another
PIPE_WIDTH = 100                # a pipe's width unless --width or $COLUMNS says otherwise
MIN_WIDTH = 40
LABELS = {"reference": "NumPy reference", "torch": "PyTorch", "keras": "Keras"}
_ROOT = Path(__file__).resolve().parent.parent
_STYLE = {"pass": "green", "fail": "bold red", "error": "bold red", "skip": "yellow", "divergence": "cyan"}


@dataclass
class Side:
    """One implementation: the registered object's source and what its signature defaults to."""
    key: str                               # "reference" | "torch" | "keras"
    source: str = ""                       # inspect.getsource of the registered object ("": unavailable)
    path: str = ""                         # its file, relative to the repository
    line: int = 0                          # its first line there
    qualname: str = ""
    doc: str = ""                          # the module docstring
    defaults: dict[str, str] = field(default_factory=dict)   # argument -> default (repr), "required"
    status: str = "reference"              # reference | native | composed | missing | unavailable
    note: str = ""                         # Impl.note, or why the framework is unavailable
    variants: tuple[str, ...] = ()         # Impl.variants' names


@dataclass
class Shown:
    family: str
    name: str
    sides: list[Side]
    divergences: list[divergences.Divergence]
    records: list[Record] | None = None    # None: not run and no report
    status_from: str = "not run (--no-run)"


# --- resolving NAME ----------------------------------------------------------------------------

def resolve(name: str) -> tuple[str, str]:
    """(family, component) for ``name`` or ``family/name``; UsageError (one line) when it is ambiguous
    or unknown, the latter with the closest catalog names."""
    components = catalog.components()
    if "/" in name:
        family, _, component = name.partition("/")
        if (family, component) in components:
            return family, component
    else:
        families = [f for f, n in components if n == name]
        if len(families) > 1:
            try:
                catalog.select([name])           # its ambiguity message: write one of family/name, ...
            except ValueError as exc:
                raise UsageError(f"NAME={name!r}: {exc}") from None
        if families:
            return families[0], name
    choices = sorted({n for _, n in components} | {f"{f}/{n}" for f, n in components})
    same_name = [f"{f}/{n}" for f, n in components if n == name.rpartition("/")[2]]   # the wrong family
    close = list(dict.fromkeys(same_name + difflib.get_close_matches(name, choices, n=5, cutoff=0.6)))
    hint = f"did you mean {', '.join(close)}?" if close else "none is close"
    raise UsageError(f"NAME={name!r} is not a catalog component ({hint} `rosetta list` shows all "
                    f"{len(components)}; write family/name when two families share a name)")


# --- collecting what is shown ------------------------------------------------------------------

def _defaults(obj) -> dict[str, str]:
    out = {}
    for p in inspect.signature(obj).parameters.values():
        if p.kind is p.VAR_POSITIONAL:
            out[f"*{p.name}"] = "(any)"
        elif p.kind is p.VAR_KEYWORD:
            out[f"**{p.name}"] = "(any)"
        else:
            out[p.name] = "required" if p.default is p.empty else repr(p.default)
    return out


def _side(key: str, obj, **extra) -> Side:
    lines, start = inspect.getsourcelines(obj)
    path = Path(inspect.getsourcefile(obj)).resolve()
    module = inspect.getmodule(obj)
    return Side(key, source=inspect.getsource(obj), line=start, qualname=obj.__qualname__,
                path=str(path.relative_to(_ROOT)) if path.is_relative_to(_ROOT) else str(path),
                doc=inspect.getdoc(module) or "", defaults=_defaults(obj), **extra)


def collect(family: str, name: str) -> Shown:
    """Every side's source, docstring and defaults, and the component's divergence records."""
    import reference
    sides = [_side("reference", reference.get(family, name))]
    records = []
    for fw in FRAMEWORKS:
        try:
            impl = frameworks.load(fw).registry.get(family, name)
        except frameworks.Unavailable as exc:
            sides.append(Side(fw, status="unavailable", note=str(exc)))
        except KeyError:
            sides.append(Side(fw, status="missing", note=f"no {fw} implementation registered for {family}/{name}"))
        else:
            sides.append(_side(fw, impl.builder, status=impl.status, note=impl.note,
                               variants=tuple(sorted(impl.variants))))
        records += divergences.for_component(family, name, fw)
    return Shown(family, name, sides, records)


def run_cases(family: str, name: str, progress=None) -> list[Record]:
    """The component's cases now, in both frameworks and dtypes, through the harness ``rosetta check`` uses."""
    from conformance import harness
    todo = [(c, fw, dt) for c in catalog.all_cases() if (c.family, c.component) == (family, name)
            for fw in FRAMEWORKS for dt in DTYPES]
    out: list[Record] = []
    for done, (case, fw, dtype) in enumerate(todo, 1):
        out += harness.run_case(case, fw, dtype)
        if progress is not None:
            progress(done, len(todo))
    return out


def _number(v):
    return float(v) if isinstance(v, str) and v in ("nan", "inf", "-inf") else v


def read_report(path: str, family: str, name: str) -> tuple[list[Record], dict]:
    """The component's records in a ``rosetta check --json`` report, and the report's environment."""
    try:
        with open(path) as fh:
            payload = json.load(fh)
    except OSError as exc:
        raise UsageError(f"--report={path!r}: cannot be read ({exc.strerror}); expected a JSON report "
                        "written by rosetta check --json") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"--report={path!r} is not JSON ({exc}); expected a report written by "
                        "rosetta check --json") from None
    results = payload.get("results") if isinstance(payload, dict) else None
    if not isinstance(results, list):
        raise UsageError(f"--report={path!r} has no \"results\" list; expected a report written by rosetta check --json")
    fields = set(Record.__dataclass_fields__)
    try:
        records = [Record(**{k: _number(v) for k, v in r.items() if k in fields}) for r in results
                   if r.get("family") == family and r.get("component") == name]
    except (TypeError, AttributeError) as exc:
        raise UsageError(f"--report={path!r}: a result is not a record ({exc}); expected a report written by "
                        "rosetta check --json") from None
    return records, payload.get("environment") or {}


# --- status ------------------------------------------------------------------------------------

def counts(records: list[Record]) -> dict[str, int]:
    out = {s: 0 for s in STATUSES}
    for r in records:
        out[r.status] += 1
    return out


def verdict(records: list[Record] | None) -> str:
    if records is None:
        return "not run"
    c = counts(records)
    if not records or c["skip"] == len(records):
        return "nothing checked"
    return "FAIL" if c["fail"] or c["error"] else "pass"


def effect(d: divergences.Divergence, records: list[Record] | None) -> str:
    """The measured effect of ``d``: max |Δ| of its runs (native runs; for an irreducible record the
    cases it names), per dtype."""
    if records is None:
        return "not run"
    mine = [r for r in records if r.status == "divergence" and r.framework == d.framework and r.divergence == d.what]
    parts = []
    for dtype in DTYPES:
        errs = [r.max_abs_err for r in mine if r.dtype == dtype and r.max_abs_err is not None]
        if errs:
            parts.append(f"{dtype} {_fmt(max(errs))}")
        elif any(r.dtype == dtype for r in mine):
            parts.append(f"{dtype} n/a (see note)")
        elif dtype in d.dtypes:
            parts.append(f"{dtype} not measured")
    firsts = [r.detail["first_step_over_tolerance"] for r in mine
              if r.detail and r.detail.get("first_step_over_tolerance")]
    if firsts:
        parts.append(f"first update over tolerance: {min(firsts)}")
    return "\n".join(parts)


def _fmt(x: float | None) -> str:
    if x is None:
        return "-"
    return str(x) if math.isinf(x) or math.isnan(x) else f"{x:.1e}"


# --- rendering ---------------------------------------------------------------------------------

def _title(side: Side) -> str:
    if not side.source:
        return f"{LABELS[side.key]}: {side.status}"
    what = "builder" if side.key != "reference" else "class" if side.qualname[:1].isupper() else "function"
    extra = f" · {side.status}" if side.key != "reference" else ""
    return f"{LABELS[side.key]} · {side.path}:{side.line} · {what} {side.qualname}{extra}"


class Code:
    """Highlighted source under the file's line numbers, folded at the width it is given without
    losing a character (rich's word wrap drops the space at a break, and the shown code must be the
    source): a long line continues under a blank gutter."""

    def __init__(self, source: str, start_line: int):
        self.source, self.start_line = source.rstrip("\n"), start_line

    def __rich_console__(self, console, options):
        text = Syntax(self.source, "python", theme="ansi_dark", background_color="default").highlight(self.source)
        lines = text.split("\n", allow_blank=True)[: self.source.count("\n") + 1]
        gutter = len(str(self.start_line + len(lines) - 1))
        room = max(options.max_width - gutter - 1, 8)
        for n, line in enumerate(lines, self.start_line):
            line.rstrip_end(len(line.plain))          # highlight() may end a line with its newline's style
            chunks = line.divide(_breaks(line.plain, room))
            for i, chunk in enumerate(chunks):
                number = str(n).rjust(gutter) if i == 0 else " " * gutter
                yield Text.assemble((number + " ", "dim"), chunk, no_wrap=True, overflow="crop")


def _breaks(line: str, room: int) -> list[int]:
    """Where to cut ``line`` into pieces of at most ``room`` characters: after the last space that
    leaves a piece at least half full, else at ``room`` (no character is dropped)."""
    cuts, start = [], 0
    while len(line) - start > room:
        space = line.rfind(" ", start + room // 2, start + room)
        start = space + 1 if space >= 0 else start + room
        cuts.append(start)
    return cuts


def _reflow(doc: str) -> str:
    """Paragraphs of unindented lines joined into one line each (a narrow panel re-wraps them);
    indented blocks (formulas) kept as written."""
    out = []
    for para in doc.split("\n\n"):
        lines = para.splitlines()
        out.append(" ".join(lines) if lines and not any(line.startswith(" ") for line in lines) else para)
    return "\n\n".join(out)


def _source_body(side: Side, narrow: bool = False) -> Group:
    """The docstring of a framework's module, its note, the source with the file's line numbers (a
    wrapped line continues under a blank gutter), its variants."""
    parts = []
    if side.key != "reference" and side.doc:       # the reference's docstring is the formula, shown above
        parts.append(Text((_reflow(side.doc) if narrow else side.doc) + "\n", style="italic"))
    if side.note:
        parts.append(Text(side.note + "\n", style="yellow"))
    if side.source:
        parts.append(Code(side.source, side.line))
    if side.variants:
        parts.append(Text("variants (the framework's own conventions, run by divergence records): "
                          + ", ".join(side.variants), style="dim"))
    return Group(*parts)


def _header(shown: Shown) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for side in shown.sides:
        where = f"{side.path} ({side.qualname})" if side.source else side.note
        status = "" if side.key == "reference" else f" · {side.status}"
        grid.add_row(LABELS[side.key], where + status)
    status = Text()
    if shown.records is not None:
        v = verdict(shown.records)
        status.append(v.upper(), style=_STYLE["pass" if v == "pass" else "fail"])
        status.append(" · " + ", ".join(f"{n} {s}" for s, n in counts(shown.records).items() if n or s == "pass")
                      + " · ")
    status.append(shown.status_from, style="dim")
    grid.add_row("status", status)
    return Panel(grid, title=f"[bold]{shown.family}/{shown.name}[/]", title_align="left")


def defaults_table(shown: Shown) -> Table:
    names = list(dict.fromkeys(a for side in shown.sides for a in side.defaults))
    own: dict[str, list[str]] = {}
    for d in shown.divergences:
        for arg, value in d.native.items():
            own.setdefault(arg, []).append(f"{d.framework}: {value!r}")
    t = Table(title="Defaults (signatures; a framework's own default where it differs: its native run)",
              title_justify="left", expand=False)
    t.add_column("argument", style="bold", overflow="fold")
    for side in shown.sides:
        t.add_column(LABELS[side.key] if side.key == "reference" else f"{LABELS[side.key]} builder", overflow="fold")
    t.add_column("framework's own", overflow="fold")
    for arg in names:
        t.add_row(arg, *(side.defaults.get(arg, "—") if side.source else "" for side in shown.sides),
                  "\n".join(own.get(arg, ())))
    return t


def divergences_table(shown: Shown) -> Table | Text:
    if not shown.divergences:
        return Text("Divergences: none recorded: both frameworks' defaults and conventions are the reference's.")
    t = Table(title="Divergences (conformance/divergences/): each framework's own default or convention, "
                    "measured unmapped against the reference", title_justify="left", show_lines=True)
    t.add_column("framework", style="bold")
    t.add_column("what differs", ratio=3, overflow="fold")
    t.add_column("mapping", ratio=3, overflow="fold")
    t.add_column("measured max |Δ|", ratio=2, overflow="fold")
    for d in shown.divergences:
        what = Text(d.what + "\n")
        what.append(f"{d.framework}: {d.framework_value}\nreference: {d.reference_value}", style="dim")
        mapping = Text("no mapping exists (irreducible)" if d.irreducible else d.mapping,
                       style="yellow" if d.irreducible else "")
        mapping.append(f"\ncases: {', '.join(d.cases)}" + (f" ({', '.join(d.dtypes)} only)" if len(d.dtypes) < 2 else "")
                       + (f"\nvariant: {d.variant}" if d.variant else "")
                       + (f"\nsource: {d.source}" if d.source else ""), style="dim")
        t.add_row(d.framework, what, mapping, effect(d, shown.records))
    return t


def status_table(shown: Shown) -> Table | Text:
    if shown.records is None:
        return Text("Status: not run (--no-run); give --report PATH or leave out --no-run.", style="dim")
    if not shown.records:
        return Text(f"Status: no records of {shown.family}/{shown.name} ({shown.status_from}).", style="yellow")
    t = Table(title=f"Status ({shown.status_from})", title_justify="left",
              caption="worst ratio: max |Δ| / tolerance over the checked runs (above 1 fails); "
                      "divergence: native runs of the records above", caption_justify="left")
    for col in ("framework", "dtype", *STATUSES, "worst ratio", "worst |Δ|"):
        t.add_column(col, justify="left" if col in ("framework", "dtype") else "right")
    for fw in FRAMEWORKS:
        for dtype in DTYPES:
            recs = [r for r in shown.records if r.framework == fw and r.dtype == dtype]
            if not recs:
                continue
            checked = [r for r in recs if r.status != "divergence"]
            c = counts(recs)
            ratios = [r.tolerance_ratio for r in checked if r.tolerance_ratio is not None]
            errs = [r.max_abs_err for r in checked if r.max_abs_err is not None]
            t.add_row(fw, dtype, *(Text(str(c[s]), style=_STYLE[s] if c[s] and s != "pass" else "")
                                   for s in STATUSES),
                      f"{max(ratios):.2f}" if ratios else "-", _fmt(max(errs, default=None)))
    bad = [r for r in shown.records if r.status in ("fail", "error")]
    if not bad:
        return t
    lines = Text("\n".join(f"{r.status.upper()} {r.case} {r.framework} {r.dtype} {r.check}: {r.note}" for r in bad),
                 style="red")
    return Group(t, lines)


def render(shown: Shown, console: Console, side_by_side: bool | None = None) -> None:
    """Print ``shown``; ``side_by_side`` None: on a terminal at least COLUMNS_SIDE_BY_SIDE wide."""
    if side_by_side is None:
        side_by_side = console.is_terminal and console.width >= COLUMNS_SIDE_BY_SIDE
    console.print(_header(shown))
    ref = shown.sides[0]
    console.print(Rule(f"Formula and conventions ({ref.path})", align="left"))
    console.print(Text(ref.doc))
    if side_by_side:
        grid = Table.grid(expand=True, padding=(0, 1))
        for _ in shown.sides:
            grid.add_column(ratio=1)
        grid.add_row(*(Panel(_source_body(s, narrow=True), title=_title(s), title_align="left") for s in shown.sides))
        console.print(grid)
    else:
        for side in shown.sides:
            console.print()
            console.print(Rule(_title(side), align="left"))
            console.print(_source_body(side))
    for part in (defaults_table(shown), divergences_table(shown), status_table(shown)):
        console.print()
        console.print(part)


# --- the command -------------------------------------------------------------------------------

def add_parser(sub) -> None:
    s = sub.add_parser("show", help="one component's NumPy, PyTorch and Keras code side by side, with its "
                                    "formula, defaults, divergences and status")
    s.add_argument("name", metavar="NAME", help="a catalog component: its name, or family/name (rosetta list); "
                                                "or an example (conformance/study.py): its name, or examples/NAME")
    s.add_argument("--report", default=None, metavar="PATH",
                   help="read the status from this JSON report (rosetta check --json) instead of running the cases")
    s.add_argument("--no-run", action="store_true",
                   help="without --report, show no status instead of running the component's cases now")
    s.add_argument("--width", default=None, metavar="N",
                   help=f"render N columns wide (default: the terminal's; {PIPE_WIDTH} when piped); "
                        f"the sources go side by side on a terminal of at least {COLUMNS_SIDE_BY_SIDE}")


def _width(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < MIN_WIDTH:
        raise UsageError(f"--width={value!r} is not allowed: expected a whole number of columns ≥ {MIN_WIDTH}")
    return n


def cmd_show(args, console: Console | None = None) -> int:
    """``rosetta show``; UsageError is bad usage (the CLI prints it as one line, exit 2)."""
    width = _width(args.width)
    if console is None:
        piped = not sys.stdout.isatty()
        console = Console(width=width or (PIPE_WIDTH if piped and not os.environ.get("COLUMNS") else None))
    from conformance import show_example
    example = show_example.resolve(args.name, catalog.components())
    if example is not None:
        return _show_example(args, example, console)
    family, name = resolve(args.name)
    if args.report is not None:
        records, env = read_report(args.report, family, name)          # checked before anything is loaded
    shown = collect(family, name)
    if args.report is not None:
        versions = ", ".join(f"{k} {env[k]}" for k in ("torch", "keras", "tensorflow") if env.get(k))
        shown.records, shown.status_from = records, f"from {args.report}" + (f" ({versions})" if versions else "")
    elif not args.no_run:
        from conformance import terminal
        bar = terminal.ProgressBar(f"{family}/{name}: running its cases") if terminal.is_terminal(sys.stderr) else None
        start = time.perf_counter()
        try:
            shown.records = run_cases(family, name, progress=bar)
        finally:
            if bar is not None:
                bar.close()
        ncases = len({r.case for r in shown.records})
        shown.status_from = f"ran now: {ncases} case(s) × {len(FRAMEWORKS)} frameworks × {len(DTYPES)} dtypes " \
                            f"in {time.perf_counter() - start:.1f}s"
    render(shown, console)
    return 0


def _show_example(args, example: str, console: Console) -> int:
    """``rosetta show EXAMPLE`` (``conformance/show_example.py``): its ways, then its status from --report,
    a run now, or none (--no-run)."""
    from rich.markup import escape                 # the status table's title is markup; a case id has brackets

    from conformance import show_example, study
    case = study.case(example)
    records, status_from = None, "not run (--no-run)"
    if args.report is not None:
        records, _ = read_report(args.report, "example", case.component)
        records = [r for r in records if r.case == case.id]
        status_from = f"from {args.report}"
    elif not args.no_run:
        start = time.perf_counter()
        records = show_example.run_cases(example)
        status_from = f"ran now: {escape(case.id)} × {len(FRAMEWORKS)} frameworks × {len(DTYPES)} dtypes " \
                      f"in {time.perf_counter() - start:.1f}s"
    show_example.render(example, console, records, status_from)
    return 0

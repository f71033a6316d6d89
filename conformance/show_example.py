"""``rosetta show EXAMPLE``: an example's ways (``conformance/study.py``), each from the function the harness
calls, one after another under a rule naming its label, file and line; then the example's status.

``rosetta show xor`` shows the example ``xor``; ``examples/NAME`` (or ``examples/NAME.toml``) names an
example explicitly, for a name a catalog component also has (``perceptron``: ``model/perceptron`` is the
component, ``examples/perceptron`` the example).
"""
from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from conformance import study
from conformance.record import Record
from conformance.usage import UsageError

PREFIX = "examples/"


def resolve(name: str, components: list[tuple[str, str]]) -> str | None:
    """The example ``name`` names, or None when it names none (then it is a component name, or unknown).
    UsageError when a plain name is both a catalog component and an example."""
    explicit = name.startswith(PREFIX)
    stem = name[len(PREFIX):].removesuffix(".toml") if explicit else name
    if stem not in study.EXAMPLES:
        if explicit:
            raise UsageError(f"NAME={name!r} is not an example; examples: {', '.join(study.EXAMPLES)}")
        return None
    if not explicit and any(n == name for _, n in components):
        families = ", ".join(f"{f}/{n}" for f, n in components if n == name)
        raise UsageError(f"NAME={name!r} names a catalog component and an example: write {families} for the "
                         f"component or {PREFIX}{name} for the example")
    return stem


def run_cases(name: str, progress=None) -> list[Record]:
    """The example's case now, in both frameworks and dtypes, through the harness."""
    from conformance import harness
    from conformance.case import DTYPES, FRAMEWORKS
    todo = [(fw, dt) for fw in FRAMEWORKS for dt in DTYPES]
    out: list[Record] = []
    for done, (fw, dtype) in enumerate(todo, 1):
        out += harness.run_case(study.case(name), fw, dtype)
        if progress is not None:
            progress(done, len(todo))
    return out


def _header(ex: study.Example) -> Panel:
    case = study.case(ex.name)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row("teaches", Text(ex.teaches))
    grid.add_row("network", f"example/{ex.network} (reference/examples/{ex.network}.py, torch_impl/examples/, "
                            "tf_impl/examples/)")
    grid.add_row("uses", ", ".join(ex.components))
    grid.add_row("spec", f"{ex.spec} (rosetta run {ex.spec})" if ex.spec else "none")
    grid.add_row("checked by", Text(f"rosetta check --only 'example/{case.id}'"))
    return Panel(grid, title=Text.assemble((f"{PREFIX}{ex.name}", "bold"), f" · {ex.title}"), title_align="left")


def render(name: str, console: Console, records: list[Record] | None = None, status_from: str = "") -> None:
    """Print example ``name``: its header, every way's code (label, file and line above it, and the
    convention the reference is told for it), the ways it lacks and the dtypes it is not judged in with
    their reasons, and its status table."""
    from conformance import show
    ex = study.get(name)
    console.print(_header(ex))
    for way in study.ways(name):
        code, path, line = study.source(way)
        console.print()
        console.print(Rule(Text(f"{way.label} · {path}:{line} · function {way.function.__qualname__}"), align="left"))
        convention = study.convention(name, way)
        if convention:
            console.print(Text(f"checked against the reference told its framework's form: {study.told_text(convention)}",
                               style="dim"))
        console.print(show.Code(code, line))
    for key, reason in ex.missing.items():
        console.print(Text(f"{key}: not written: {reason}", style="yellow"))
    for dtype, reason in ex.skip_dtypes.items():
        console.print(Text(f"{dtype}: not judged: {reason}", style="yellow"))
    shown = show.Shown("example", ex.network, [], [], records=records, status_from=status_from)
    console.print()
    console.print(show.status_table(shown))

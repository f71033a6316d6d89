"""What ``rosetta check`` shows on a terminal, with rich: a progress bar while a run lasts more
than a few seconds, then the summary first and the detail on request (``--details``). A pipe or
a file gets ``report.render``'s plain text instead, unchanged (see ``cli.cmd_check``)."""
from __future__ import annotations

import sys
import time
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from conformance import report
from conformance.record import Record

SHOW_AFTER_S = 2.0       # a shorter run shows no bar at all
_STYLE = {"pass": "green", "fail": "bold red", "error": "bold red", "skip": "yellow", "divergence": "cyan"}


def is_terminal(stream: TextIO) -> bool:
    return hasattr(stream, "isatty") and stream.isatty()


class ProgressBar:
    """``progress(done, total)`` for ``parallel.run``/``harness.run``: a transient rich bar on
    stderr, shown only once the run has lasted SHOW_AFTER_S; ``close()`` removes it."""

    def __init__(self, label: str, show_after_s: float = SHOW_AFTER_S, console: Console | None = None):
        self.label, self.show_after_s = label, show_after_s
        self.console = console or Console(file=sys.stderr)
        self.start = time.monotonic()
        self.bar: Progress | None = None
        self.task = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if time.monotonic() - self.start < self.show_after_s:
                return
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("tasks"), TimeElapsedColumn(), console=self.console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        self.bar.update(self.task, completed=done, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def summary(records: list[Record], elapsed: float | None) -> Text:
    """The summary line, each status in its colour (only the statuses that occurred, and pass)."""
    counts = report.summary(records)
    text = Text()
    text.append("Summary: ", style="bold")
    shown = [(s, n) for s, n in counts.items() if n or s == "pass"]
    for i, (status, n) in enumerate(shown):
        text.append(f"{n} {status}", style=_STYLE[status] if n else "")
        if i < len(shown) - 1:
            text.append(", ")
    text.append(f" ({len(records)} checks" + (f" in {elapsed:.1f}s)" if elapsed is not None else ")"))
    return text


def table(records: list[Record], verbose: bool = False) -> Text:
    """The per-component table, unless ``verbose`` with each family's all-pass rows as one line
    (``report.collapse``): what is left is what needs reading. Statuses in colour."""
    text = Text(report.table(records, collapsed=not verbose))
    text.highlight_regex(r"\b(FAIL|ERROR)\b", "bold red")
    text.highlight_regex(r"\ball pass\b", "green")
    text.highlight_regex(r"\bskip\b", "yellow")
    return text


def show(records: list[Record], elapsed: float | None, details: bool, quiet: bool,
         console: Console | None = None, verbose: bool = False) -> None:
    """The report on a terminal: the summary, then problems and skips, then the detail (the
    table, all-pass rows folded by family unless ``verbose``; overrides, divergences, trajectories)
    with ``details``, or a line saying how to get it."""
    console = console or Console()
    console.print(summary(records, elapsed))
    for section in (report.problems(records), report.skipped_section(records)):
        if section:
            console.print()
            console.print(Text(section, style="red" if section.startswith("Failures") else ""), soft_wrap=True)
    if details:
        console.print()
        console.print(table(records, verbose), soft_wrap=True)
        for section in (report.overrides_section(records), report.divergence_section(records),
                        report.trajectory_section(records), report.localization_section(records)):
            if section:
                console.print()
                console.print(Text(section), soft_wrap=True)      # columns stay aligned: no re-wrapping
    elif not quiet:
        console.print(Text("Per-component table, overrides, divergences and trajectories: add --details "
                           "(all-pass rows folded by family; --verbose for every row), or --json / --html PATH "
                           "for everything.", style="dim"))

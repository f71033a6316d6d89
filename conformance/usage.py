"""Bad usage of the ``rosetta`` commands: one error class and the checks every command shares.

Every command raises ``UsageError`` with one line naming the argument, the value and what is allowed;
``conformance.cli.main`` prints it and exits 2, before anything runs or is written.
"""
from __future__ import annotations

import os


class UsageError(ValueError):
    """Bad usage: printed as one line, exit status 2."""


def check_outputs(json: str | None = None, html: str | None = None, plot: str | None = None,
                  option: str = "--json") -> None:
    """The output options of a command, checked before it runs: ``--json``/``--html`` writable files
    (``option`` names the JSON one, e.g. merge's ``--json``), ``--html`` needs Jinja2, ``--plot`` a
    directory (or a new path) and matplotlib."""
    from conformance import report
    if json is not None:
        why = report.check_writable(json)
        if why:
            raise UsageError(f"{option}={json!r} is not allowed: {why}")
    if html is not None:
        from conformance import html_report
        missing = html_report.available()
        if missing:
            raise UsageError(missing)
        why = report.check_writable(html)
        if why:
            raise UsageError(f"--html={html!r} is not allowed: {why}")
    if plot is not None:
        from conformance import plot as plots
        missing = plots.available()
        if missing:
            raise UsageError(missing)
        if not plot.strip():
            raise UsageError("--plot='': expected a directory")
        if os.path.exists(plot) and not os.path.isdir(plot):
            raise UsageError(f"--plot={plot!r} is not allowed: it exists and is not a directory")

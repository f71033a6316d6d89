"""The ``rosetta docs`` command: arguments checked before anything is built, then ``build.build``."""
from __future__ import annotations

import os
import sys
import time

from conformance.usage import UsageError


def add_parser(sub) -> None:
    d = sub.add_parser("docs", help="write the study site: one page per component and example, a learning path, "
                                    "search; static files that work offline")
    d.add_argument("--out", required=True, metavar="DIR",
                   help="the folder to write (a new or empty one, or an earlier rosetta docs output, which is "
                        "replaced whole)")
    d.add_argument("--report", default=None, metavar="PATH",
                   help="a rosetta check --json report: the pages show its conformance status and measured "
                        "divergence effects (without it they say how to get them)")


def check_out(out: str) -> None:
    """--out must be a new path, an empty folder, or a folder an earlier ``rosetta docs`` wrote (it is
    replaced whole, so nothing else may be in it)."""
    from conformance.site.build import MARKER
    if not out.strip():
        raise UsageError("--out='': expected a directory to write the site to")
    if os.path.exists(out) and not os.path.isdir(out):
        raise UsageError(f"--out={out!r} is not allowed: it exists and is not a directory; expected a new or "
                         "empty directory, or an earlier rosetta docs output")
    if os.path.isdir(out) and os.listdir(out) and not os.path.exists(os.path.join(out, MARKER)):
        raise UsageError(f"--out={out!r} is not allowed: it is a non-empty directory that rosetta docs did not "
                         f"write (no {MARKER} in it), and the site replaces the whole folder; expected a new or "
                         "empty directory, or an earlier rosetta docs output")
    parent = os.path.dirname(os.path.abspath(out))
    while not os.path.exists(parent):
        parent = os.path.dirname(parent)
    if not os.path.isdir(parent) or not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"--out={out!r} is not allowed: {parent!r} is not a writable directory")


def missing() -> str | None:
    """What to install when the docs extra is incomplete, else None."""
    absent = []
    for module, package in (("jinja2", "jinja2"), ("pygments", "pygments"), ("latex2mathml", "latex2mathml"),
                            ("nbformat", "nbformat")):
        try:
            __import__(module)
        except ImportError:
            absent.append(package)
    if absent:
        return f"rosetta docs needs {', '.join(absent)}; install the extra: pip install -e '.[docs]'"
    return None


def cmd_docs(args) -> int:
    why = missing()
    if why:
        raise UsageError(why)
    check_out(args.out)
    if args.report is not None:
        from conformance import show
        show.read_report(args.report, "", "")             # an unreadable report is bad usage, before anything
    from conformance.site import build
    start = time.perf_counter()
    built = build.build(args.out, args.report)
    print(f"{len(built.components)} component pages, {len(built.examples)} example pages and "
          f"{len(built.notebooks)} notebooks written to {built.out} in {time.perf_counter() - start:.1f}s; "
          f"open {os.path.join(built.out, 'index.html')}")
    if built.examples_missing:
        print(f"rosetta docs: {built.examples_missing}", file=sys.stderr)
    return 0

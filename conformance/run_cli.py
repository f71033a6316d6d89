"""``rosetta run SPEC [--json PATH] [--html PATH] [--plot DIR] [--framework ...] [--dtype ...] [--quiet]``: train the
model a spec file names (``conformance/spec.py``) in every framework, training style and dtype it names
(``conformance/run_spec.py``). Exit status: 0 every run passed; 1 a run failed or errored, every run was
skipped, or the JSON could not be written; 2 a malformed spec or bad usage (one line, before anything runs).
"""
from __future__ import annotations

import sys
import time

from conformance import report, terminal
from conformance.case import DTYPES, FRAMEWORKS
from conformance.usage import UsageError, check_outputs


def add_parser(sub) -> None:
    r = sub.add_parser("run", help="train the model a spec file names in each framework and compare (examples/*.toml)")
    r.add_argument("spec", metavar="SPEC", help="a TOML spec file (see examples/ and conformance/spec.schema.json)")
    r.add_argument("--json", default=None, metavar="PATH",
                   help="also write the JSON report (the check report's format plus 'spec' and 'runs') to PATH")
    r.add_argument("--html", default=None, metavar="PATH",
                   help="also write the self-contained HTML report (conformance/html_report.py) to PATH; needs Jinja2")
    r.add_argument("--plot", default=None, metavar="DIR",
                   help="also write <spec>-<framework>.png (loss curves, per-update error) to DIR; needs matplotlib")
    r.add_argument("--framework", default=None,
                   help="comma-separated: run only these of the spec's frameworks (torch,keras)")
    r.add_argument("--dtype", default=None, help="comma-separated: run only these of the spec's dtypes")
    r.add_argument("--quiet", action="store_true", help="print only the summary line and problems")


def _subset(value: str | None, named: list[str], allowed: tuple[str, ...], arg: str) -> list[str]:
    if value is None:
        return named
    items = [v.strip() for v in value.split(",") if v.strip()]
    if not items:
        raise UsageError(f"{arg}={value!r}: expected a comma-separated list from {', '.join(allowed)}")
    for item in items:
        if item not in named:
            raise UsageError(f"{arg}={item!r} is not allowed: the spec runs {', '.join(named)}")
    return list(dict.fromkeys(items))


def cmd_run(args) -> int:
    from conformance import run_spec, spec as spec_mod
    from conformance.environment import describe

    try:
        spec = spec_mod.load(args.spec)
    except spec_mod.SpecError as exc:
        raise UsageError(f"{args.spec}: {exc}") from None
    spec.frameworks = _subset(args.framework, spec.frameworks, FRAMEWORKS, "--framework")
    spec.dtypes = _subset(args.dtype, spec.dtypes, DTYPES, "--dtype")
    check_outputs(json=args.json, html=args.html, plot=args.plot)

    total = sum(len(spec.loops[fw]) for fw in spec.frameworks) * len(spec.dtypes)
    progress = (terminal.ProgressBar(f"{spec.name}: {total} run(s)")
                if terminal.is_terminal(sys.stderr) and not args.quiet else None)
    start = time.perf_counter()
    try:
        results = run_spec.run(spec, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    elapsed = time.perf_counter() - start
    summaries = run_spec.rows(spec, results)
    body = run_spec.text(spec, summaries, elapsed)
    if args.quiet:
        print(body.splitlines()[-1])
        for s in summaries:
            if s["status"] in ("fail", "error"):
                print(f"{s['framework']} {s['loop']} {s['dtype']}: {s['status']}: " + "; ".join(s["failed"][:3]))
    elif terminal.is_terminal(sys.stdout):
        run_spec.show(spec, summaries, elapsed)
    else:
        print(body)

    status = 0
    if args.json is not None:
        try:
            report.write_json(args.json, run_spec.to_json(spec, results, summaries, describe(spec.dtypes), elapsed))
        except OSError as exc:
            print(f"rosetta: error: --json={args.json!r}: the report could not be written ({exc})", file=sys.stderr)
            status = 1
        else:
            print(f"JSON report written to {args.json}")
    if args.html is not None:
        from conformance import html_report
        try:
            records = [r for res in results for r in res.records]
            page = html_report.render(records, describe(spec.dtypes), elapsed, title=f"rosetta run {spec.name}")
            report.write_text(args.html, page)
        except OSError as exc:
            print(f"rosetta: error: --html={args.html!r}: the report could not be written ({exc})", file=sys.stderr)
            status = 1
        else:
            print(f"HTML report written to {args.html}")
    if args.plot is not None:
        paths = run_spec.plot(spec, summaries, args.plot)
        print(f"{len(paths)} plot(s) written to {args.plot}")
    statuses = [s["status"] for s in summaries]
    if any(s in ("fail", "error") for s in statuses) or all(s == "skip" for s in statuses):
        status = 1
    return status

"""``rosetta diff A.json B.json [--factor F] [--html PATH] [--limit N] [--pair-dtypes]`` (``conformance/diff.py``,
``conformance/diff_dtypes.py``) and
``rosetta merge A.json B.json ... --json OUT [--html PATH]`` (``conformance/merge.py``).

diff exit status: 0 no verdict got worse, 1 one did (or the HTML could not be written; with --pair-dtypes: a check
that passes in float64 fails or errors in float32), 2 bad input
(an unreadable file, a file that is not a report, a bad argument). merge: 0 written and nothing failed,
1 a merged check failed or errored (as ``rosetta check``) or the output could not be written, 2 bad
input (shards that overlap, disagree on versions, or miss a shard).
"""
from __future__ import annotations

import math
import sys

from conformance import report
from conformance.reports import BadReport
from conformance.usage import UsageError, check_outputs


def add_parsers(sub) -> None:
    d = sub.add_parser("diff", help="compare two JSON reports: changed verdicts, grown errors, divergences")
    d.add_argument("a", metavar="A.json", help="the report before (rosetta check --json)")
    d.add_argument("b", metavar="B.json", help="the report after")
    d.add_argument("--factor", default="10", metavar="F",
                   help="list checks whose max |Δ| grew by more than F times (default 10; a number > 1)")
    d.add_argument("--html", default=None, metavar="PATH", help="also write the diff as a self-contained HTML page")
    d.add_argument("--limit", default="50", metavar="N",
                   help="at most N lines per section in the terminal (default 50)")
    d.add_argument("--pair-dtypes", action="store_true",
                   help="compare A's float64 checks with the same checks of B in float32 (give one report twice when "
                        "it ran both): float32's error budget (conformance/diff_dtypes.py)")
    m = sub.add_parser("merge", help="merge shard reports (rosetta check --shard i/n --json) into one report")
    m.add_argument("inputs", metavar="REPORT.json", nargs="+", help="the shard reports, any order")
    m.add_argument("--json", required=True, metavar="OUT", help="where to write the merged JSON report")
    m.add_argument("--html", default=None, metavar="PATH", help="also write the merged report as HTML")


def _load(path: str) -> dict:
    from conformance import reports
    try:
        return reports.load(path)
    except BadReport as exc:
        raise UsageError(str(exc)) from None


def cmd_diff(args) -> int:
    from conformance import diff, html_report, reports
    try:
        factor = float(args.factor)
    except ValueError:
        factor = math.nan
    if not factor > 1 or math.isinf(factor):
        raise UsageError(f"--factor={args.factor!r} is not allowed: expected a finite number > 1, e.g. 10")
    try:
        limit = int(args.limit)
    except ValueError:
        limit = 0
    if limit < 1:
        raise UsageError(f"--limit={args.limit!r} is not allowed: expected a whole number ≥ 1")
    if args.pair_dtypes and args.html is not None:
        raise UsageError("--html is not allowed with --pair-dtypes: the dtype pairing is printed only")
    check_outputs(html=args.html)
    a, b = _load(args.a), _load(args.b)
    if args.pair_dtypes:
        from conformance import diff_dtypes
        try:
            pairs = diff_dtypes.pair(a, b)
        except diff_dtypes.NoPairs as exc:
            raise UsageError(str(exc)) from None
        print(diff_dtypes.render(pairs, limit))
        return pairs.status
    d = diff.compare(a, b, factor)
    print(diff.render(d, limit))
    status = d.status
    if args.html is not None:
        try:
            report.write_text(args.html, html_report.render_diff(d))
        except OSError as exc:
            print(f"rosetta: error: --html={args.html!r}: the page could not be written ({exc})", file=sys.stderr)
            return 1
        print(f"HTML diff written to {args.html}")
    return status


def cmd_merge(args) -> int:
    from conformance import html_report, merge, reports
    check_outputs(json=args.json, html=args.html)
    loaded = [_load(p) for p in args.inputs]
    try:
        payload = merge.merge(loaded)
    except BadReport as exc:
        raise UsageError(str(exc)) from None
    except ValueError as exc:                # a malformed environment.shard
        raise UsageError(f"environment.shard: {exc}") from None
    records = [r for rep in loaded for r in rep["results"]]
    print(report.summary_line(records) + f" from {len(loaded)} report(s)")
    try:
        report.write_json(args.json, payload)
        if args.html is not None:
            merged = reports.load(args.json)
            report.write_text(args.html, html_report.render(merged["results"], merged["environment"],
                                                             payload["summary"].get("elapsed_s")))
    except (OSError, BadReport) as exc:
        print(f"rosetta: error: the merged report could not be written ({exc})", file=sys.stderr)
        return 1
    print(f"merged JSON report written to {args.json}" + (f", HTML to {args.html}" if args.html else ""))
    counts = report.summary(records)
    return 1 if counts["fail"] or counts["error"] else 0

"""The ``rosetta`` command: ``rosetta check`` runs the conformance report, ``rosetta list``
shows the catalog, ``rosetta bench`` times training steps (``conformance/bench/``), ``rosetta show NAME``
prints one component's three implementations (``conformance/show.py``), ``rosetta docs --out DIR`` writes the
study site (``conformance/site/``), ``rosetta diff`` / ``rosetta merge``
compare and merge JSON reports (``conformance/diff_cli.py``), ``rosetta kernels SET -- COMMAND`` runs a command
with another CPU's kernels (``conformance/kernels.py``). Exit status of check: 0
nothing failed; 1 something failed or errored, nothing could be checked (every check skipped), a framework named with --framework could not be loaded, or the
JSON report could not be written; 2 bad usage (found before anything runs).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass

from conformance import catalog, frameworks, parallel, plot, report, terminal
from conformance.case import DTYPES, FRAMEWORKS
from conformance.adapter import DEVICES, valid_device
from conformance.environment import cpu_count, describe
from conformance.usage import UsageError, check_outputs


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, no usage dump
        raise UsageError(message)


def _csv(value: str, allowed: tuple[str, ...], arg: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    if not items:
        raise UsageError(f"{arg}={value!r}: expected a comma-separated list from {', '.join(allowed)}")
    for item in items:
        if item not in allowed:
            raise UsageError(f"{arg}={item!r} is not allowed: expected one or more of {', '.join(allowed)}")
    return list(dict.fromkeys(items))


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="rosetta", description="Check PyTorch and Keras against the nn-rosetta NumPy reference.")
    sub = p.add_subparsers(dest="command", metavar="{check,list,bench,show,docs,run,diff,merge,kernels}")
    c = sub.add_parser("check", help="run the conformance report")
    c.add_argument("--framework", default=None,
                   help="comma-separated: torch,keras (default: both, skipping one that is not installed; "
                        "a framework named here must be installed)")
    c.add_argument("--dtype", default=",".join(DTYPES), help="comma-separated: float32,float64 (default both)")
    c.add_argument("--only", default=None, metavar="PATTERN",
                   help="comma-separated glob(s) on component name, case id or family, e.g. 'leaky_relu,loss'")
    c.add_argument("--json", default=None, metavar="PATH", help="also write the JSON report to PATH")
    c.add_argument("--workers", default=str(cpu_count()), metavar="N",
                   help=f"run cases in at most N worker processes (default: the CPU count, {cpu_count()} here); "
                        "1 runs in this process; a small selection runs in this process anyway")
    c.add_argument("--quiet", action="store_true", help="print only the summary line, skips and problems; no progress bar")
    c.add_argument("--details", action="store_true",
                   help="on a terminal, also print the per-component table, overrides, divergences and "
                        "trajectories after the summary (piped output always has them)")
    c.add_argument("--torch-device", default="cpu", metavar="DEVICE",
                   help="where torch runs layers, activations, losses and optimizer trajectories: "
                        "cpu (default) or cuda[:N]")
    c.add_argument("--plot", default=None, metavar="DIR",
                   help="also write PNG per-update error curves of trajectories (optimizer, schedule, clipping) "
                        "to DIR; needs matplotlib")
    c.add_argument("--html", default=None, metavar="PATH",
                   help="also write a self-contained HTML report (filterable, with per-update plots) to PATH; "
                        "needs Jinja2 (extra html)")
    c.add_argument("--shard", default=None, metavar="I/N",
                   help="run only the I-th of N deterministic slices of the selected cases (1 ≤ I ≤ N); "
                        "rosetta merge puts the shards' JSON reports back together")
    c.add_argument("--verbose", action="store_true",
                   help="on a terminal, the detail with every row of the per-component table "
                        "(--details collapses each family's all-pass rows into one line); implies --details")
    ls = sub.add_parser("list", help="show the catalog and which frameworks implement each component")
    ls.add_argument("--json", action="store_true", help="print the catalog as JSON")
    ls.add_argument("--divergences", action="store_true",
                    help="print every recorded divergence as a markdown table (docs/divergences.md)")
    from conformance.bench import cli as bench_cli     # its heavy imports wait until ``bench`` runs
    bench_cli.add_parser(sub)
    from conformance import show as show_cli
    show_cli.add_parser(sub)
    from conformance.site import cli as docs_cli         # rosetta docs --out DIR (conformance/site/)
    docs_cli.add_parser(sub)
    from conformance import run_cli                      # rosetta run SPEC (conformance/run_cli.py)
    run_cli.add_parser(sub)
    from conformance import diff_cli                     # rosetta diff / rosetta merge (conformance/diff_cli.py)
    diff_cli.add_parsers(sub)
    from conformance import kernels                      # rosetta kernels SET -- COMMAND (conformance/kernels.py)
    kernels.add_parser(sub)
    for sp in sub.choices.values():
        sp.error = p.error  # type: ignore[method-assign]
    return p


@dataclass
class _Plan:
    cases: list
    frameworks: list[str]
    dtypes: list[str]
    named: bool          # --framework was given: each framework in it must be usable
    workers: int         # worker processes (1: in this process)
    device: str          # where torch runs
    shard: str | None = None   # "i/n" when --shard ran one slice of the selection


def cmd_check(args) -> int:
    plan = _plan(args)
    progress = (terminal.ProgressBar(f"{len(plan.cases)} case(s), {plan.workers} worker(s)")
                if terminal.is_terminal(sys.stderr) and not args.quiet else None)
    start = time.perf_counter()
    try:
        records = parallel.run(plan.cases, plan.frameworks, plan.dtypes, workers=plan.workers, device=plan.device,
                               progress=progress)
    finally:
        if progress is not None:
            progress.close()
    elapsed = time.perf_counter() - start

    if terminal.is_terminal(sys.stdout):
        terminal.show(records, elapsed, details=args.details or args.verbose, quiet=args.quiet, verbose=args.verbose)
    else:
        print(report.render_quiet(records, elapsed) if args.quiet else report.render(records, elapsed))
    status = 0
    if args.json is not None:
        try:
            env = {**describe(plan.dtypes, plan.device), "workers": plan.workers,
                   **({"shard": plan.shard} if plan.shard else {})}
            report.write_json(args.json, report.to_json(records, env, elapsed))
            print(f"JSON report written to {args.json}")
        except OSError as exc:
            print(f"rosetta: error: --json={args.json!r}: the report could not be written ({exc})", file=sys.stderr)
            status = 1
    status = max(status, _write_html(args, plan, records, elapsed))
    if args.plot is not None:
        paths = plot.write(records, args.plot)
        print(f"{len(paths)} plot(s) written to {args.plot}" if paths
              else "no trajectory records (optimizer, schedule, clipping): no plot written")
    return max(status, _status(records, plan))


def _plan(args) -> _Plan:
    """Every argument of ``check``, checked before anything runs: a bad one costs nothing."""
    named = args.framework is not None
    fws = _csv(args.framework if named else ",".join(FRAMEWORKS), FRAMEWORKS, "--framework")
    dtypes = _csv(args.dtype, DTYPES, "--dtype")
    try:
        cases = catalog.select(_only(args.only))
    except ValueError as exc:                     # a plain name two families share
        raise UsageError(f"--only={args.only!r}: {exc}") from None
    if not cases:
        known = ", ".join(sorted({c.component for c in catalog.all_cases()}))
        raise UsageError(f"--only={args.only!r} matches no component, case or family; components: {known}")
    shard = None
    if args.shard is not None:
        from conformance import merge
        try:
            i, n = merge.parse_shard(args.shard)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        cases, shard = merge.shard(cases, i, n), f"{i}/{n}"
        if not cases:
            raise UsageError(f"--shard={args.shard!r}: slice {i} of {n} is empty (the selection has fewer cases "
                             f"than {n}); expected N ≤ the number of selected cases")
    workers = _workers(args.workers)
    check_outputs(json=args.json, html=args.html, plot=args.plot)
    for fw in fws if named else ():
        why = frameworks.missing(fw)
        if why:
            raise UsageError(f"--framework={fw!r} is not allowed here: {why}")
    _check_torch_device(args.torch_device, fws)
    return _Plan(cases, fws, dtypes, named, parallel.workers_for(parallel.tasks(cases, fws, dtypes), workers),
                 args.torch_device, shard)


def _write_html(args, plan: _Plan, records, elapsed: float) -> int:
    """--html PATH: the self-contained page (conformance/html_report.py), written whole or not at all."""
    if args.html is None:
        return 0
    from conformance import html_report
    env = {**describe(plan.dtypes, plan.device), "workers": plan.workers,
           **({"shard": plan.shard} if plan.shard else {})}
    try:
        report.write_text(args.html, html_report.render(records, env, elapsed))
    except OSError as exc:
        print(f"rosetta: error: --html={args.html!r}: the report could not be written ({exc})", file=sys.stderr)
        return 1
    print(f"HTML report written to {args.html}")
    return 0


def _status(records, plan: _Plan) -> int:
    """1 when something failed or errored (a framework installed but broken gives error records),
    when nothing could be checked, or when a framework named with --framework could not be used."""
    status = 0
    unusable = {r.framework: r.note for r in records if r.status == "skip" and r.check == "setup"}
    for fw in plan.frameworks if plan.named else ():
        if fw in unusable:
            print(f"rosetta: error: --framework={fw!r} was asked for but could not be used: {unusable[fw]}",
                  file=sys.stderr)
            status = 1
    counts = report.summary(records)
    if counts["fail"] or counts["error"] or counts["skip"] == len(records):
        status = 1
    return status


def _only(value: str | None) -> list[str] | None:
    """--only's patterns, or None (every case) when it is not given. Given but empty is an error:
    it would otherwise select everything, the opposite of what was asked."""
    if value is None:
        return None
    patterns = [p.strip() for p in value.split(",") if p.strip()]
    if not patterns:
        raise UsageError(f"--only={value!r}: expected one or more comma-separated globs on component name, "
                         "case id or family, e.g. 'leaky_relu,loss'")
    return patterns


def _workers(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise UsageError(f"--workers={value!r} is not allowed: expected a whole number ≥ 1 "
                         f"(1 runs in this process; this machine has {cpu_count()} CPUs)")
    return n


def _check_torch_device(device: str, fws: list[str]) -> None:
    """--torch-device names cpu or a CUDA device torch can see (checked only when torch runs)."""
    if not valid_device(device):
        raise UsageError(f"--torch-device={device!r} is not allowed: expected {DEVICES}")
    if device != "cpu" and "torch" in fws:
        try:
            import torch
        except ImportError:
            raise UsageError(f"--torch-device={device!r}: torch is not installed") from None
        if not torch.cuda.is_available():
            raise UsageError(f"--torch-device={device!r} is not allowed here: torch sees no CUDA device")


def catalog_entries() -> list[dict]:
    return [{"name": name, "family": family,
             "frameworks": {fw: frameworks.implementation_status(fw, family, name) for fw in FRAMEWORKS}}
            for family, name in catalog.components()]


def divergences_markdown() -> str:
    """Every Divergence record as a markdown table; docs/divergences.md is this output."""
    from conformance.divergences import all_divergences
    cell = lambda text: str(text).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    lines = ["# Recorded divergences", "",
             "Generated by `rosetta list --divergences` from `conformance/divergences/` (do not edit by hand;",
             "`tests/test_cli.py` checks it is current). Measured effects are in the report of `rosetta check`:",
             "the native run of each record has status `divergence`. \"irreducible\" means no mapping exists.", "",
             "| component | framework | what differs | framework | reference | mapping | source |",
             "|---|---|---|---|---|---|---|"]
    for d in all_divergences():
        mapping = ("**irreducible**: " if d.irreducible else "") + d.mapping
        lines.append("| " + " | ".join(cell(x) for x in (d.component, d.framework, d.what, d.framework_value,
                                                         d.reference_value, mapping, d.source)) + " |")
    return "\n".join(lines) + "\n"


def cmd_list(args) -> int:
    if args.divergences:
        print(divergences_markdown(), end="")
        return 0
    entries = catalog_entries()
    if args.json:
        print(json.dumps(entries, indent=1))
        return 0
    w = max(len("component"), *(len(e["name"]) for e in entries))
    print((f"{'component'.ljust(w)}  {'family':10}  " + "  ".join(f"{fw:10}" for fw in FRAMEWORKS)).rstrip())
    for e in entries:
        print((f"{e['name'].ljust(w)}  {e['family']:10}  "
               + "  ".join(f"{e['frameworks'][fw]:10}" for fw in FRAMEWORKS)).rstrip())
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command == "check":
            return cmd_check(args)
        if args.command == "list":
            return cmd_list(args)
        if args.command == "bench":
            from conformance.bench.cli import cmd_bench
            return cmd_bench(args)
        if args.command == "docs":
            from conformance.site.cli import cmd_docs
            return cmd_docs(args)
        if args.command == "show":
            from conformance.show import cmd_show
            return cmd_show(args)
        if args.command == "run":
            from conformance.run_cli import cmd_run
            return cmd_run(args)
        if args.command in ("diff", "merge"):
            from conformance.diff_cli import cmd_diff, cmd_merge
            return cmd_diff(args) if args.command == "diff" else cmd_merge(args)
        if args.command == "kernels":
            from conformance.kernels import cmd_kernels
            return cmd_kernels(args)
        raise UsageError("expected a command: check, list, bench, show, docs, run, diff, merge or kernels "
                         "(see rosetta --help)")
    except UsageError as exc:
        print(f"rosetta: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("rosetta: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `rosetta list | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())

"""The ``rosetta`` command: ``rosetta check`` runs the conformance report, ``rosetta list``
shows the catalog. Exit status: 0 nothing failed, 1 something failed or errored, 2 bad usage.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time

from conformance import catalog, frameworks, harness, plot, report
from conformance.case import DTYPES, FRAMEWORKS
from conformance.environment import describe


class UsageError(Exception):
    pass


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
    sub = p.add_subparsers(dest="command", metavar="{check,list}")
    c = sub.add_parser("check", help="run the conformance report")
    c.add_argument("--framework", default=",".join(FRAMEWORKS), help="comma-separated: torch,keras (default both)")
    c.add_argument("--dtype", default=",".join(DTYPES), help="comma-separated: float32,float64 (default both)")
    c.add_argument("--only", default=None, metavar="PATTERN",
                   help="comma-separated glob(s) on component name, case id or family, e.g. 'leaky_relu,loss'")
    c.add_argument("--json", default=None, metavar="PATH", help="also write the JSON report to PATH")
    c.add_argument("--quiet", action="store_true", help="print only the summary line and problems")
    c.add_argument("--torch-device", default="cpu", metavar="DEVICE",
                   help="where torch runs layers, activations, losses and optimizer trajectories: "
                        "cpu (default) or cuda[:N]")
    c.add_argument("--plot", default=None, metavar="DIR",
                   help="also write PNG per-update error curves of trajectories (optimizer, schedule, clipping) "
                        "to DIR; needs matplotlib")
    ls = sub.add_parser("list", help="show the catalog and which frameworks implement each component")
    ls.add_argument("--json", action="store_true", help="print the catalog as JSON")
    ls.add_argument("--divergences", action="store_true",
                    help="print every recorded divergence as a markdown table (docs/divergences.md)")
    for sp in (c, ls):
        sp.error = p.error  # type: ignore[method-assign]
    return p


def cmd_check(args) -> int:
    fws = _csv(args.framework, FRAMEWORKS, "--framework")
    dtypes = _csv(args.dtype, DTYPES, "--dtype")
    patterns = [s.strip() for s in args.only.split(",") if s.strip()] if args.only else None
    cases = catalog.select(patterns)
    if not cases:
        known = ", ".join(sorted({c.component for c in catalog.all_cases()}))
        raise UsageError(f"--only={args.only!r} matches no component, case or family; components: {known}")
    if args.plot is not None:
        _check_plot_dir(args.plot)
    _set_torch_device(args.torch_device, fws)
    start = time.perf_counter()
    records = harness.run(cases, fws, dtypes)
    elapsed = time.perf_counter() - start
    text = report.render(records, elapsed)
    if args.quiet:
        text = "\n\n".join(p for p in (report.problems(records), text.rsplit("\n\n", 1)[-1]) if p)
    print(text)
    if args.json:
        report.write_json(args.json, report.to_json(records, describe(dtypes), elapsed))
        print(f"JSON report written to {args.json}")
    if args.plot is not None:
        paths = plot.write(records, args.plot)
        print(f"{len(paths)} plot(s) written to {args.plot}" if paths
              else "no trajectory records (optimizer, schedule, clipping): no plot written")
    counts = report.summary(records)
    return 1 if counts["fail"] or counts["error"] else 0


def _set_torch_device(device: str, fws: list[str]) -> None:
    """Validate --torch-device before torch_impl is imported (its runner reads the variable once)."""
    if not re.fullmatch(r"cpu|cuda(:\d+)?", device):
        raise UsageError(f"--torch-device={device!r} is not allowed: expected cpu, cuda or cuda:N")
    if device != "cpu" and "torch" in fws:
        try:
            import torch
        except ImportError:
            raise UsageError(f"--torch-device={device!r}: torch is not installed") from None
        if not torch.cuda.is_available():
            raise UsageError(f"--torch-device={device!r} is not allowed here: torch sees no CUDA device")
    os.environ["ROSETTA_TORCH_DEVICE"] = device


def _check_plot_dir(path: str) -> None:
    """Fail before the run: matplotlib missing, or DIR is an existing file."""
    missing = plot.available()
    if missing:
        raise UsageError(missing)
    if not path.strip():
        raise UsageError("--plot='': expected a directory")
    if os.path.exists(path) and not os.path.isdir(path):
        raise UsageError(f"--plot={path!r} is not allowed: it exists and is not a directory")


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
        raise UsageError("expected a command: check or list (see rosetta --help)")
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

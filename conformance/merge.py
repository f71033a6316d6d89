"""Shards and their merge: ``rosetta check --shard i/n`` runs the i-th of n slices of the selected
cases; ``rosetta merge A.json B.json ... --json OUT`` puts the shard reports back together.

Slicing is deterministic and balanced: the cases are dealt, most expensive first (``parallel.COST_S``,
ties in catalog order), each to the slice with the least estimated work so far (ties: the lowest
slice); each slice keeps catalog order. It depends only on the selection and n, so every machine of
a CI matrix computes the same slices.

The merged report is what one run of the same selection writes: the records in catalog order (a case
the merging checkout does not know goes last, in input order), the summary recounted. Merged
environment: the first shard's, without its ``shard`` field, plus ``shards``: per input its path,
shard, cpu, platform, workers and elapsed_s. Shards must agree on ``SAME``
(versions, dtypes, device): a report of mixed versions would be no version's report.
"""
from __future__ import annotations

from conformance import catalog, report
from conformance.case import Case
from conformance.parallel import COST_S, DEFAULT_COST_S
from conformance.record import Record
from conformance.reports import BadReport, key

SAME = ("python", "numpy", "scipy", "torch", "tensorflow", "keras", "dtypes", "torch_device")
PER_SHARD = ("shard", "cpu", "platform", "workers")


def parse_shard(value: str) -> tuple[int, int]:
    """'i/n' -> (i, n) with 1 ≤ i ≤ n; ValueError with what is allowed."""
    i_s, sep, n_s = value.partition("/")
    try:
        i, n = int(i_s), int(n_s)
    except ValueError:
        i = n = 0
    if not sep or n < 1 or not 1 <= i <= n:
        raise ValueError(f"--shard={value!r} is not allowed: expected i/n with whole numbers 1 ≤ i ≤ n, e.g. 1/4")
    return i, n


def shard(cases: list[Case], i: int, n: int) -> list[Case]:
    """The i-th (1-based) of n slices of ``cases`` (see the module docstring); may be empty when n
    exceeds the number of cases."""
    load = [0.0] * n
    slot: dict[int, int] = {}
    for idx in sorted(range(len(cases)), key=lambda k: (-COST_S.get(cases[k].family, DEFAULT_COST_S), k)):
        s = min(range(n), key=lambda j: (load[j], j))
        slot[idx] = s
        load[s] += COST_S.get(cases[idx].family, DEFAULT_COST_S)
    return [c for k, c in enumerate(cases) if slot[k] == i - 1]


def merge(reports: list[dict]) -> dict:
    """The merged JSON payload of loaded reports (``reports.load``); BadReport when they overlap
    (the same check in two inputs), disagree on ``SAME``, or are shards of different n / a
    repeated or missing shard."""
    if not reports:
        raise BadReport("expected at least one report to merge")
    first = reports[0]
    for rep in reports[1:]:
        for k in SAME:
            a, b = first["environment"].get(k), rep["environment"].get(k)
            if a != b:
                raise BadReport(f"{rep['path']!r}: environment {k}={b!r} differs from {first['path']!r} ({a!r}); "
                                "shards must run with the same versions, dtypes and device")
    _check_shards(reports)
    seen: dict[tuple, str] = {}
    for rep in reports:
        for r in rep["results"]:
            k = key(r)
            if k in seen and seen[k] != rep["path"]:
                raise BadReport(f"{rep['path']!r} and {seen[k]!r} both hold {r.case} {r.framework} {r.dtype} "
                                f"{r.check}: shards must not overlap")
            seen[k] = rep["path"]
    records = _in_catalog_order([r for rep in reports for r in rep["results"]])
    env = {k: v for k, v in first["environment"].items() if k != "shard"}
    env["shards"] = [{"path": rep["path"], **{k: rep["environment"].get(k) for k in PER_SHARD},
                      "elapsed_s": (rep["summary"] or {}).get("elapsed_s")} for rep in reports]
    elapsed = [(rep["summary"] or {}).get("elapsed_s") for rep in reports]
    total = sum(elapsed) if all(isinstance(e, (int, float)) for e in elapsed) else None
    return report.to_json(records, env, total)


def _check_shards(reports: list[dict]) -> None:
    tags = [rep["environment"].get("shard") for rep in reports]
    if not any(tags):
        return
    parsed = []
    for rep, tag in zip(reports, tags):
        if not tag:
            raise BadReport(f"{rep['path']!r} is not a shard (no environment.shard) but other inputs are")
        parsed.append((parse_shard(tag), rep["path"]))
    ns = {n for (_, n), _ in parsed}
    if len(ns) > 1:
        raise BadReport(f"the inputs are shards of different counts ({', '.join(t for t in tags)}); "
                        "expected i/n with one n")
    n = ns.pop()
    got: dict[int, str] = {}
    for (i, _), path in parsed:
        if i in got:
            raise BadReport(f"{path!r} and {got[i]!r} are both shard {i}/{n}")
        got[i] = path
    missing = [f"{i}/{n}" for i in range(1, n + 1) if i not in got]
    if missing:
        raise BadReport(f"shard(s) {', '.join(missing)} missing: expected all {n} shards of one selection")


def _in_catalog_order(records: list[Record]) -> list[Record]:
    """harness.run's order: cases in catalog order (stable: within a case, the shard's own order,
    which is framework then dtype as ``parallel.tasks`` lays them out)."""
    position = {(c.family, c.id): i for i, c in enumerate(catalog.all_cases())}
    unknown = len(position)
    return sorted(records, key=lambda r: position.get((r.family, r.case), unknown))

"""JSON reports read back: ``load(path)`` for ``rosetta diff``, ``rosetta merge`` and ``--html`` of
a saved report. A file that cannot be read, is not JSON or is not a report written by ``rosetta
check --json`` raises ``BadReport`` with one line naming the file and what is wrong."""
from __future__ import annotations

import json
import math
from dataclasses import fields

from conformance.record import STATUSES, Record

RECORD_FIELDS = tuple(f.name for f in fields(Record))
REQUIRED_FIELDS = ("component", "family", "case", "framework", "dtype", "check", "status")
_NUMBERS = ("max_abs_err", "max_rel_err", "atol", "rtol", "tolerance_ratio")


class BadReport(Exception):
    pass


def load(path: str) -> dict:
    """{"environment": dict, "summary": dict, "results": [Record, ...], "path": path}."""
    try:
        with open(path) as fh:
            text = fh.read()
    except OSError as exc:
        raise BadReport(f"{path!r} cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise BadReport(f"{path!r} is not a text file; expected a JSON report of rosetta check --json") from None
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadReport(f"{path!r} is not JSON (line {exc.lineno}: {exc.msg}); "
                        "expected a JSON report of rosetta check --json") from None
    if not isinstance(payload, dict) or not all(k in payload for k in ("environment", "summary", "results")):
        raise BadReport(f"{path!r} is not a report: expected an object with environment, summary and results "
                        "(rosetta check --json)")
    if not isinstance(payload["environment"], dict) or not isinstance(payload["results"], list):
        raise BadReport(f"{path!r} is not a report: environment must be an object and results a list")
    records = [_record(path, i, r) for i, r in enumerate(payload["results"])]
    return {"environment": payload["environment"], "summary": payload["summary"], "results": records, "path": path}


def _record(path: str, i: int, raw) -> Record:
    if not isinstance(raw, dict):
        raise BadReport(f"{path!r}: results[{i}] is not an object")
    missing = [k for k in REQUIRED_FIELDS if k not in raw]
    if missing:
        raise BadReport(f"{path!r}: results[{i}] lacks {', '.join(missing)}")
    if raw["status"] not in STATUSES:
        raise BadReport(f"{path!r}: results[{i}].status={raw['status']!r} is not allowed: "
                        f"expected one of {', '.join(STATUSES)}")
    kw = {k: raw[k] for k in RECORD_FIELDS if k in raw}      # fields added by later versions are ignored
    for k in _NUMBERS:
        kw[k] = _number(kw.get(k))
    for k in ("note", "override", "divergence"):
        kw[k] = kw.get(k) or ""
    return Record(**kw)


def _number(v) -> float | None:
    """JSON's "nan"/"inf"/"-inf" strings back to floats."""
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            return None
    return v


def key(r: Record) -> tuple:
    """What identifies one check across reports: a divergence record also by what differs."""
    return (r.family, r.case, r.framework, r.dtype, r.check, r.divergence if r.status == "divergence" else "")


def keyed(records: list[Record]) -> dict[tuple, Record]:
    """key -> record; a key seen twice in one report gets an occurrence number (#2, #3, ...)."""
    out: dict[tuple, Record] = {}
    for r in records:
        k, n = key(r), 1
        while k in out:
            n += 1
            k = key(r) + (f"#{n}",)
        out[k] = r
    return out


def finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)



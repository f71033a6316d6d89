"""The whole catalog of cases, and lookups over it."""
from __future__ import annotations

import importlib
import pkgutil
from fnmatch import fnmatchcase

from conformance.case import Case
from reference.registry import FAMILIES


def modules(package: str) -> list:
    """Every module of ``package`` (conformance.cases, conformance.divergences), imported: each holds
    one family's cases or records, so a new file needs no import list."""
    pkg = importlib.import_module(package)
    return [importlib.import_module(f"{package}.{m.name}") for m in pkgutil.iter_modules(pkg.__path__)]


def all_cases() -> list[Case]:
    """Every case, in family order (``reference.registry.FAMILIES``); a (family, case id) is defined once."""
    order = {family: i for i, family in enumerate(FAMILIES)}
    cases = sorted((c for m in modules("conformance.cases") for c in m.CASES), key=lambda c: order[c.family])
    seen: set[tuple[str, str]] = set()
    for c in cases:
        if c.family not in FAMILIES:
            raise ValueError(f"case {c.id}: family={c.family!r} is not allowed: expected one of {', '.join(FAMILIES)}")
        if (c.family, c.id) in seen:
            raise ValueError(f"case {c.family}/{c.id} is defined twice")
        seen.add((c.family, c.id))
    return cases


def matches(case: Case, patterns: list[str]) -> bool:
    """A pattern is a glob on the component name, the case id, the family, ``family/name`` or
    ``family/case id``."""
    keys = (case.component, case.id, case.family, f"{case.family}/{case.component}", f"{case.family}/{case.id}")
    # Exact ids first: "dense[no_bias]" would otherwise read as a glob character class.
    return any(k == p or fnmatchcase(k, p) for p in patterns for k in keys)


def select(patterns: list[str] | None) -> list[Case]:
    """The cases any pattern matches. A plain component name that two families share is ambiguous:
    ValueError naming the ``family/name`` choices."""
    cases = all_cases()
    if not patterns:
        return cases
    for p in patterns:
        families = sorted({c.family for c in cases if c.component == p})
        if len(families) > 1:
            raise ValueError(f"{p!r} names a component in {len(families)} families: write one of "
                             + ", ".join(f"{f}/{p}" for f in families))
    return [c for c in cases if matches(c, patterns)]


def components() -> list[tuple[str, str]]:
    """(family, name) for every component that has a case, in catalog order."""
    seen: dict[tuple[str, str], None] = {}
    for c in all_cases():
        seen[(c.family, c.component)] = None
    return list(seen)

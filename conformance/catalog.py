"""The whole catalog of cases, and lookups over it."""
from __future__ import annotations

from fnmatch import fnmatchcase

from conformance.case import Case


def all_cases() -> list[Case]:
    from conformance.cases import (activations, activations_special, clipping, initializers, layers, losses,
                                   optimizers, regularizers, schedules)
    cases = [*layers.CASES, *activations.CASES, *activations_special.CASES, *losses.CASES,
             *initializers.CASES, *regularizers.CASES, *optimizers.CASES, *schedules.CASES, *clipping.CASES]
    seen: set[str] = set()
    for c in cases:
        if c.id in seen:
            raise ValueError(f"case {c.id} is defined twice")
        seen.add(c.id)
    return cases


def matches(case: Case, patterns: list[str]) -> bool:
    keys = (case.component, case.id, case.family)
    # Exact ids first: "dense[no_bias]" would otherwise read as a glob character class.
    return any(k == p or fnmatchcase(k, p) for p in patterns for k in keys)


def select(patterns: list[str] | None) -> list[Case]:
    cases = all_cases()
    if not patterns:
        return cases
    return [c for c in cases if matches(c, patterns)]


def components() -> list[tuple[str, str]]:
    """(family, name) for every component that has a case, in catalog order."""
    seen: dict[tuple[str, str], None] = {}
    for c in all_cases():
        seen[(c.family, c.component)] = None
    return list(seen)

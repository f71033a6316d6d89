"""Every known difference between a framework's defaults or conventions and the reference,
recorded once, as data.

A ``Divergence`` says what differs, the framework's value, the reference's, and the mapping
the harness applies. The harness uses it two ways:

* mapped comparison: the framework is built with the case's kwargs (its builder passes them
  explicitly) and the reference with ``reference_map`` applied; that must pass.
* native comparison: the framework is built with ``native`` merged into the kwargs (its own
  default or convention, mapping undone) against the unmapped reference; the difference is
  reported with status ``divergence``.
* irreducible (``irreducible=True``): no mapping exists. On the cases it names, the ordinary
  comparison itself is reported with status ``divergence`` and the measured residual, instead
  of pass/fail; every other case of the component is still checked normally.

Family files hold the records; this module gathers them.
"""
from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass, field, replace
from typing import Any, Callable

import numpy as np


@dataclass(frozen=True)
class Divergence:
    component: str
    framework: str                      # "torch" | "keras"
    what: str                           # what differs, in one line
    framework_value: str                # the framework's default or convention
    reference_value: str                # the reference's
    mapping: str                        # what the harness does about it
    native: dict[str, Any] = field(default_factory=dict)     # builder kwargs that undo the mapping
    variant: str = ""                   # the framework builder's named variant that undoes it (Impl.variants)
    reference_map: Callable[[dict], dict] | None = None      # reference kwargs for the mapped run
    cases: tuple[str, ...] = ("default",)                    # case descs the native run is measured on
    source: str = ""                    # where the framework does it (site-packages relative)
    irreducible: bool = False           # no mapping exists: the named cases report the residual
    dtypes: tuple[str, ...] = ("float32", "float64")          # where the difference can exist at all
    # irreducible only: the checks the difference reaches (empty: all); the others are compared as usual
    checks: tuple[str, ...] = ()
    # the component's family; "" takes the one family that has a case of ``component`` (an ambiguous
    # name must say it): ``all_divergences`` fills it in
    family: str = ""

    def __post_init__(self):
        if not self.dtypes or set(self.dtypes) - {"float32", "float64"}:
            raise ValueError(f"divergence {self.component}/{self.framework} ({self.what}): dtypes={self.dtypes!r} "
                             "is not allowed: expected a non-empty tuple from 'float32', 'float64'")
        if self.irreducible and (self.native or self.variant or self.reference_map is not None):
            raise ValueError(f"divergence {self.component}/{self.framework} ({self.what}): "
                             "an irreducible divergence has no native kwargs and no reference_map")
        if self.checks and not self.irreducible:
            raise ValueError(f"divergence {self.component}/{self.framework} ({self.what}): checks={self.checks!r} "
                             "is for irreducible records (a mapped record's native run reports every check)")
        if not self.irreducible and not self.native and not self.variant and self.reference_map is None:
            raise ValueError(f"divergence {self.component}/{self.framework} ({self.what}): "
                             "give native kwargs or a reference_map (or irreducible=True), "
                             "or the harness cannot measure it")


    def affects(self, check: str) -> bool:
        """Whether this (irreducible) difference reaches ``check`` ('state:' names every state slot)."""
        return not self.checks or any(check == c or (c.endswith(":") and check.startswith(c)) for c in self.checks)


def f32(value: float) -> float:
    """``value`` rounded to float32, as Keras does to Python-float hyperparameters (§0)."""
    return float(np.float32(value))


def default(kind: str, name: str, arg: str) -> Any:
    """The reference constructor's default for ``arg``, read from its signature, so that a
    ``reference_map`` never re-types it."""
    import reference
    return inspect.signature(reference.get(kind, name)).parameters[arg].default


def all_divergences() -> list[Divergence]:
    """Every record of every module in this package, with its family resolved."""
    return list(_all())


@functools.lru_cache(maxsize=1)
def _all() -> tuple[Divergence, ...]:
    from conformance import catalog
    families: dict[str, set[str]] = {}
    for c in catalog.all_cases():
        families.setdefault(c.component, set()).add(c.family)
    out = []
    for module in catalog.modules("conformance.divergences"):
        for d in getattr(module, "DIVERGENCES", ()):
            if not d.family:
                found = sorted(families.get(d.component, ()))
                if len(found) != 1:
                    raise ValueError(f"divergence {d.component}/{d.framework} ({d.what}): give family= (the "
                                     f"component has cases in {found or 'no family'})")
                d = replace(d, family=found[0])
            out.append(d)
    return tuple(out)


def for_component(family: str, component: str, framework: str) -> list[Divergence]:
    return [d for d in all_divergences()
            if d.family == family and d.component == component and d.framework == framework]


def native_kwargs(kwargs: dict, d: Divergence) -> dict:
    """The framework kwargs of ``d``'s native run: the case's, its ``native`` values, its variant."""
    return {**kwargs, **d.native, **({"variant": d.variant} if d.variant else {})}


def mapped_reference_kwargs(kwargs: dict, divergences: list[Divergence], skip: Divergence | None = None) -> dict:
    out = dict(kwargs)
    for d in divergences:
        if d.reference_map is not None and d is not skip:
            out = d.reference_map(out)
    return out


def as_computed_by(fw, family: str, component: str, kwargs: dict) -> dict:
    """A component's reference kwargs for what framework ``fw`` (``conformance.frameworks.load``) computes with
    ``kwargs``: mapped by its divergence records, each formulation the framework fixes (a ``FIXED`` mark) set to
    the value its builder declares (``Built.module.fixed``); a mark the build does not fix is dropped."""
    from conformance.divergences.optimizers import FIXED
    mapped = mapped_reference_kwargs(kwargs, for_component(family, component, fw.name))
    if not any(v is FIXED for v in mapped.values()):
        return mapped
    fixed = getattr(fw.registry.get(family, component).build(**kwargs).module, "fixed", {})
    return {k: fixed[k] if v is FIXED else v for k, v in mapped.items() if v is not FIXED or k in fixed}

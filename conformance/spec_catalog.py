"""The example specs as catalog cases: what the catalog reads of a spec's TOML without drawing its data or building
its model (``outline``), and the case a checker runs, with the spec read in full then (``example_case``).
``conformance/cases/spec_examples.py`` says why the two steps, and makes the cases.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from conformance.check import Check
from conformance.spec import (CLASSIC_KINDS, MODEL_KINDS, Spec, SpecError, SpecUnavailable, _fail, _integer,
                              _name_and_description, _run_table, load)


@dataclass(frozen=True)
class Outline:
    """What the catalog reads of an example spec without drawing its data or building its model
    (``conformance/cases/spec_examples.py``): the model as data, its seed and what it runs."""
    name: str
    description: str
    component: str
    model_kwargs: dict
    seed: int
    frameworks: list[str]
    dtypes: list[str]
    loops: dict[str, list[str]]


def outline(raw: dict, default_name: str) -> Outline:
    """The ``Outline`` of a spec's TOML; ``SpecError`` on what it reads (the rest is checked by ``parse``)."""
    for key in ("model", "run", "init"):
        if not isinstance(raw.get(key, {}), dict):
            raise _fail(key, raw[key], "expected a table")
    table = raw.get("model", {})
    kind = table.get("kind", "sequential")
    if kind not in MODEL_KINDS:
        raise _fail("model.kind", kind, f"expected one of {', '.join(MODEL_KINDS)}")
    if kind in CLASSIC_KINDS:
        from conformance import spec_classic
        fws, dtypes, loops = _run_table(raw.get("run", {}), False, spec_classic.KINDS[kind]["loops"])
        kwargs = spec_classic.model_kwargs(kind, table)
    else:
        fws, dtypes, loops = _run_table(raw.get("run", {}), installed=False)
        kwargs = model_kwargs(table)
    name, description = _name_and_description(raw, default_name)
    return Outline(name=name, description=description, component=kind,
                   model_kwargs=kwargs, seed=_integer("init.seed", raw.get("init", {}).get("seed", 0), 0),
                   frameworks=fws, dtypes=dtypes, loops=loops)


def model_kwargs(table: dict) -> dict:
    """The model table as the model component's kwargs (a Sequential's ``layers`` of (name, kwargs), a functional
    model's ``nodes`` of (node, component, kwargs, inputs)), unchecked: ``parse`` checks them."""
    if table.get("kind", "sequential") == "functional":
        nodes = [(e.get("node"), e.get("name"), {k: v for k, v in e.items() if k not in ("node", "name", "inputs")},
                  list(e["inputs"]) if isinstance(e.get("inputs"), list) else e.get("inputs"))
                 for e in table.get("nodes", []) if isinstance(e, dict)]
        return {"inputs": table.get("inputs"), "nodes": nodes, "output": table.get("output")}
    layers = [(e.get("name"), {k: v for k, v in e.items() if k != "name"})
              for e in table.get("layers", []) if isinstance(e, dict)]
    return {"layers": layers, **({"input_shape": tuple(table["input_shape"])} if "input_shape" in table else {})}


@functools.lru_cache(maxsize=None)
def example(path: str) -> Spec:
    """The example spec at ``path`` read in full, once per process (its cases run per framework and dtype)."""
    return load(path, installed=False)


def example_case(case, framework: str, dtype: str):
    """An example spec's case (``conformance/cases/spec_examples.py``) with its spec's setup, read now, or the
    ``skip`` check where the spec does not run (a framework, dtype or loop it does not name; a data set whose
    extra is not installed; no examples/ directory). Any other case as it is."""
    setup = case.setup
    if "unavailable" in setup:
        return Check("setup", status="skip", note=setup["unavailable"])
    if "example" not in setup:
        return case
    path, shown = setup["example"], setup["shown"]
    if "broken" in setup:
        raise ValueError(f"{shown}: {setup['broken']}")
    if framework in setup["skip_frameworks"]:
        return Check("setup", status="skip", note=setup["skip_frameworks"][framework])
    if dtype not in setup["dtypes"]:
        return Check("setup", status="skip", note=f"the example runs {', '.join(setup['dtypes'])} only "
                                                  f"(run.dtypes of {shown})")
    try:
        spec = example(path)
    except SpecUnavailable as exc:
        return Check("setup", status="skip", note=f"{shown}: {exc}")
    except SpecError as exc:
        raise ValueError(f"{shown}: {exc}") from None
    if spec.model_kwargs != case.kwargs:
        raise ValueError(f"{shown}: the model read in full differs from the catalog's outline of it "
                         "(spec_catalog.model_kwargs and spec.parse disagree)")
    return replace(case, setup={**spec.setup, "loop": setup["loop"],
                                **({"params": spec.params} if spec.params is not None else {})})

"""Every example spec (``examples/*.toml``) as model cases, so that ``rosetta check`` judges the curriculum
the way ``rosetta run`` does: ``sequential[example_xor]``, ``functional[example_functional_skip]``.

An example gives one case per training loop it names beyond the first: ``<kind>[example_<name>]`` runs each
framework's first loop of the spec (torch's DataLoader loop, Keras's ``fit``), ``<kind>[example_<name>/<loop>]``
each further loop of a framework (Keras ``gradient_tape``, ``low_level``); a framework without that loop skips
the case, naming the case where its run is. A dtype or framework the spec does not name is a skip saying so
(``tutorial_adam`` runs float64 only). The case's seed is the spec's ``init.seed``, as in ``rosetta run``.

Reading a spec in full draws its data set (``digits`` imports scikit-learn) and builds its model: ~1 s for all
the examples, which every ``rosetta`` command would pay when the catalog is imported. So the catalog reads only
each file's TOML here (the model, seed, frameworks, dtypes and loops), and the model checker reads the spec in
full when the case runs (``spec_catalog.example_case``): a malformed example is then an ``error`` record naming the
field, one whose data needs a missing extra a ``skip`` naming the install command.

The examples are those of the source checkout, ``examples/`` beside the ``conformance`` package (the package is
installed editable, ``pip install -e .``). Where there is none (installed from a wheel), one case,
``sequential[example_specs]``, skips saying where it looked.
"""
from __future__ import annotations

import glob
import os

from conformance import spec as spec_mod
from conformance import spec_catalog
from conformance.case import FRAMEWORKS, Case

EXAMPLES_DIR = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "examples"))
PREFIX = "example_"


def example_cases(path: str) -> list[Case]:
    """The cases of the example spec at ``path`` (module docstring)."""
    stem = os.path.splitext(os.path.basename(path))[0]
    shown = os.path.relpath(path, os.path.dirname(EXAMPLES_DIR))          # examples/xor.toml
    try:
        outline = spec_catalog.outline(spec_mod.read_toml(path), stem)
    except spec_mod.SpecError as exc:           # reported when it runs, as an error of this example
        return [spec_mod.SpecCase("sequential", "model", {}, desc=PREFIX + stem, note=f"example {shown}",
                                  setup={"example": path, "shown": shown, "broken": str(exc)})]
    first = f"{outline.component}[{PREFIX}{outline.name}]"
    depth = max(len(loops) for loops in outline.loops.values())
    out = []
    for i in range(depth):
        loops = {fw: ls[i] for fw, ls in outline.loops.items() if i < len(ls)}
        desc = PREFIX + outline.name + ("" if i == 0 else "/" + "+".join(dict.fromkeys(loops.values())))
        skip = {fw: (f"the {fw} run of example {outline.name} is {first}" if i else
                     f"example {outline.name} runs {', '.join(outline.frameworks)} only (run.frameworks of {shown})")
                for fw in FRAMEWORKS if fw not in loops}
        out.append(spec_mod.SpecCase(
            outline.component, "model", {}, kwargs=outline.model_kwargs, desc=desc, spec_seed=outline.seed,
            note=f"example {shown}" + (f": {outline.description}" if outline.description else ""),
            setup={"example": path, "shown": shown, "loop": loops, "skip_frameworks": skip,
                   "dtypes": tuple(outline.dtypes)}))
    return out


def all_examples(directory: str = EXAMPLES_DIR) -> list[Case]:
    if not os.path.isdir(directory):
        return [Case("sequential", "model", {}, desc=f"{PREFIX}specs",
                     setup={"unavailable": f"no examples/ directory at {directory}: the example specs are those of a "
                                           "source checkout (pip install -e .); this install has none"})]
    return [c for path in sorted(glob.glob(os.path.join(directory, "*.toml"))) for c in example_cases(path)]


CASES = all_examples()

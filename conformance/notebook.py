"""An example (``conformance/study.py``) as a Jupyter notebook, built with nbformat from the functions the
harness calls: the title and what it teaches, the data cell (``study.inputs``: what every way is given),
one cell per way (its module's import statements, then ``study.source(way)``'s code and a call), the
ways not written with their reasons, and a last cell printing each way's largest difference from the
NumPy way. ``tests/test_notebooks.py`` executes every one."""
from __future__ import annotations

import ast
import inspect
from typing import Callable

from conformance.study import WAYS, Example, case, source, ways


def _imports(function: Callable) -> str:
    """The import statements of ``function``'s module, less the registry's (the notebook registers nothing)."""
    module_source = inspect.getsource(inspect.getmodule(function))
    lines = module_source.splitlines()
    out = []
    for node in ast.parse(module_source).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and not (
                isinstance(node, ast.ImportFrom) and (node.module or "").endswith("registry")):
            out.append("\n".join(lines[node.lineno - 1:node.end_lineno]))
    return "\n".join(out)


def build(ex: Example):
    """Example ``ex`` as an nbformat notebook: its title and what it teaches, the data cell, one cell per
    way (its module's imports, then ``source(way)``'s code and a call), and a cell that prints each way's
    largest difference from the NumPy way."""
    import nbformat
    from nbformat import v4
    name = ex.name
    cells = [v4.new_markdown_cell(f"# {ex.title}\n\n{ex.teaches}\n\n"
                                  + (f"Spec file: `{ex.spec}` (`rosetta run {ex.spec}`). " if ex.spec else "")
                                  + f"Checked by the harness: `rosetta check --only 'example/{case(name).id}'`.")]
    cells.append(v4.new_code_cell(
        "from conformance import study\n\n"
        f"# The data, the initial weights (W as (in, out)) and the sample order of every epoch: what the harness\n"
        f"# gives every way.\ndata = study.inputs(\"{name}\", \"float64\")\n"
        "x, y, params, kwargs = data[\"x\"], data[\"y\"], data[\"params\"], data[\"kwargs\"]\n"
        "print(\"x\", x.shape, \"y\", y.shape, {k: v.shape for k, v in params.items()})\n"
        "print({k: v for k, v in kwargs.items() if k not in (\"orders\", \"masks\")}, len(kwargs[\"orders\"]), \"epochs\")\n"
        "results = {}"))
    for way in ways(name):
        code, path, line = source(way)
        convention = ex.conventions.get(way.key)
        told = ("\n\nChecked against the reference told this framework's convention: "
                + ", ".join(f"`{k}={v!r}`" for k, v in convention.items())) if convention else ""
        cells.append(v4.new_markdown_cell(f"## {way.label}\n\n`{path}`, line {line}{told}"))
        fn = way.function.__name__
        cells.append(v4.new_code_cell(
            f"{_imports(way.function)}\n\n\n{code.rstrip()}\n\n\n"
            f"results[\"{way.key}\"] = {fn}(x, y, {{k: v.copy() for k, v in params.items()}}, **kwargs)\n"
            f"print(\"losses per epoch:\", [round(float(v), 6) for v in results[\"{way.key}\"][\"losses\"]])"))
    if ex.missing:
        cells.append(v4.new_markdown_cell("## Ways not written here\n\n" + "\n".join(
            f"- {next(w.label for w in WAYS if w.key == key)}: {reason}" for key, reason in ex.missing.items())))
    cells.append(v4.new_markdown_cell("## The ways agree\n\nThe largest |Δ| of each way from the NumPy way, "
                                      "in the loss curve and in the trained weights (float64)."))
    cells.append(v4.new_code_cell(
        "import numpy as np\n\n"
        "numpy_way = results[\"numpy_by_hand\"]\n"
        "for key, result in results.items():\n"
        "    loss_diff = np.max(np.abs(np.asarray(result[\"losses\"]) - np.asarray(numpy_way[\"losses\"])))\n"
        "    weight_diff = max(np.max(np.abs(np.asarray(result[\"weights\"][k]) - numpy_way[\"weights\"][k]))\n"
        "                      for k in numpy_way[\"weights\"])\n"
        "    print(f\"{key:18} losses {loss_diff:.1e}   weights {weight_diff:.1e}\")"))
    nb = v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}})
    nbformat.validate(nb)
    return nb

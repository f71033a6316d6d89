"""An example (``conformance/study.py``) as a Jupyter notebook, built with nbformat from the functions the
harness calls: the title and what it teaches, the data cell (``study.inputs``: what every way is given),
one cell per way (the import statements its code uses and of the helpers beside it in its module, then
``study.source(way)``'s code and the call ``study.arguments`` makes), the ways not written with their
reasons, and a last cell printing each way's largest difference from the NumPy way in everything the NumPy
way returns (a way that drew its own dropout masks: from the NumPy way run again with them).
``tests/test_notebooks.py`` executes every one."""
from __future__ import annotations

import ast
import inspect
import textwrap
from typing import Callable

from conformance.study import WAYS, Example, Way, case, convention, source, told_text, ways


def _imports(function: Callable) -> str:
    """The import statements of ``function``'s module that bind a name the function uses (never the
    registry's: the notebook registers nothing), then an import of each helper the module defines beside it
    (a mask recorder), whose source the notebook does not show."""
    module = inspect.getmodule(function)
    module_source = inspect.getsource(module)
    used = {node.id for node in ast.walk(ast.parse(textwrap.dedent(inspect.getsource(function))))
            if isinstance(node, ast.Name)}
    lines = module_source.splitlines()
    out, helpers = [], []
    for node in ast.parse(module_source).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bound = {(a.asname or a.name).split(".")[0] for a in node.names}
            if bound & used and not (isinstance(node, ast.ImportFrom) and (node.module or "").endswith("registry")):
                out.append("\n".join(lines[node.lineno - 1:node.end_lineno]))
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in used and node.name != function.__name__:
            helpers.append(node.name)
    if helpers:
        out.append(f"from {module.__name__} import {', '.join(helpers)}   # beside the way in its module")
    return "\n".join(out)


def _call(way: Way) -> str:
    """The notebook's call of ``way``: as the harness makes it (``study.arguments``)."""
    fn = way.function.__name__
    params = ", {k: v.copy() for k, v in params.items()}" if "params" in inspect.signature(way.function).parameters \
        else ""
    if way.own_masks:       # draws its own masks from a seed, and returns them
        return (f"# {fn} draws its own dropout masks from the seed, and returns the masks it drew\n"
                f"results[\"{way.key}\"] = {fn}(x, y{params},\n"
                f"    **{{k: v for k, v in kwargs.items() if k != \"masks\"}}, seed=data[\"seed\"])")
    return f"results[\"{way.key}\"] = {fn}(x, y{params}, **kwargs)"


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
    numpy_way = next(w for w in ways(name, frameworks=("reference",)))
    takes = inspect.signature(numpy_way.function).parameters      # every way of the network takes the same
    settings = [k for k in ("batch_size", *ex.hyper) if k in takes]     # printed; not the arrays (orders, masks)
    cells.append(v4.new_code_cell(
        "from conformance import study\n\n"
        "# The data" + (", the initial weights (W as (in, out))" if "params" in takes else "")
        + (" and the sample order of every epoch" if "orders" in takes else "")
        + ":\n# what the harness gives every way.\n"
        f"data = study.inputs(\"{name}\", \"float64\")\n"
        "x, y, kwargs = data[\"x\"], data[\"y\"], data[\"kwargs\"]\n"
        + ("params = data[\"params\"]\n"
           "print(\"x\", x.shape, \"y\", y.shape, {k: v.shape for k, v in params.items()})\n" if "params" in takes
           else "print(\"x\", x.shape, \"y\", y.shape)\n")
        + (f"print({{k: kwargs[k] for k in {settings!r}}}, len(kwargs[\"orders\"]), \"epochs\")\n"
           if "orders" in takes else "print(kwargs)\n")
        + "results = {}"))
    for way in ways(name):
        code, path, line = source(way)
        told = convention(name, way)
        told = (f"\n\nChecked against the reference told this framework's form: `{told_text(told)}`" if told else "")
        cells.append(v4.new_markdown_cell(f"## {way.label}\n\n`{path}`, line {line}{told}"))
        shown = (f"print(\"losses per epoch:\", [round(float(v), 6) for v in results[\"{way.key}\"][\"losses\"]])"
                 if "orders" in takes else f"print(results[\"{way.key}\"])")
        cells.append(v4.new_code_cell(f"{_imports(way.function)}\n\n\n{code.rstrip()}\n\n\n{_call(way)}\n{shown}"))
    if ex.missing:
        cells.append(v4.new_markdown_cell("## Ways not written here\n\n" + "\n".join(
            f"- {next(w.label for w in WAYS if w.key == key)}: {reason}" for key, reason in ex.missing.items())))
    what = "in the loss curve and in the trained weights" if "orders" in takes else "in everything it returns"
    again = ("; a way that drew its own masks is compared with the NumPy way run again with those masks"
             if ex.own_masks else "")
    if any(convention(name, way) for way in ways(name)):
        again += (". A way written in another framework's convention than the NumPy way's lies apart from it by "
                  "that convention's effect; the harness checks each against the reference told its own")
    cells.append(v4.new_markdown_cell(f"## The ways agree\n\nThe largest |Δ| of each way from the NumPy way, "
                                      f"{what} (float64){again}."))
    rerun = (f"from {numpy_way.function.__module__} import by_hand as numpy_by_hand\n" if ex.own_masks else "")
    cells.append(v4.new_code_cell(
        "import numpy as np\n"
        + rerun + "\n\n"
        "def largest_difference(a, b):\n"
        "    \"\"\"max |Δ| between two results, over every array the second holds (key by key).\"\"\"\n"
        "    if isinstance(b, dict):\n"
        "        return max(largest_difference(a[k], b[k]) for k in b)\n"
        "    return float(np.max(np.abs(np.asarray(a, dtype=float) - np.asarray(b, dtype=float))))\n\n\n"
        "for key, result in results.items():\n"
        "    numpy_way = results[\"numpy_by_hand\"]\n"
        + ("    if \"masks\" in result:          # it drew its own masks: the NumPy way, run again with them\n"
           "        numpy_way = numpy_by_hand(x, y, {k: v.copy() for k, v in params.items()},\n"
           "                                  **{**kwargs, \"masks\": result[\"masks\"]})\n" if ex.own_masks else "")
        + "    print(f\"{key:18}\", \"   \".join(f\"{part} {largest_difference(result[part], numpy_way[part]):.1e}\"\n"
        "                                 for part in numpy_way))"))
    nb = v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}})
    nbformat.validate(nb)
    return nb

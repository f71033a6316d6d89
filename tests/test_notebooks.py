"""Every example's notebook (``study.notebook``) runs, cell by cell, in the venv's python3 kernel (nbclient).

The notebooks share one kernel so that torch and TensorFlow are imported once (a kernel per notebook would
cost each ~5 s of imports); its namespace is cleared (``%reset -f``) before each notebook, so a notebook that
leans on another's definitions fails as it would alone. A cell that raises fails the test naming the
example and the cell."""
import importlib.util

import pytest

from conformance import frameworks, study
from conformance.case import FRAMEWORKS

nbclient = pytest.importorskip("nbclient")
nbformat = pytest.importorskip("nbformat")


def test_every_notebook_runs():
    for fw in FRAMEWORKS:
        try:
            frameworks.load(fw)
        except frameworks.Unavailable as exc:
            pytest.skip(str(exc))
    missing = {name for name, ex in study.EXAMPLES.items() if ex.setup["data"][0] == "digits"
               and importlib.util.find_spec("sklearn") is None}          # the optional extra "data"
    notebooks = {name: study.notebook(name) for name in study.EXAMPLES if name not in missing}
    first = next(iter(notebooks.values()))
    client = nbclient.NotebookClient(first, kernel_name="python3", timeout=300,
                                     resources={"metadata": {"path": str(study.ROOT)}})
    reset = nbformat.v4.new_code_cell("%reset -f")
    with client.setup_kernel():
        for name, nb in notebooks.items():
            client.nb = nb
            client.execute_cell(reset, 0)
            for index, cell in enumerate(nb.cells):
                try:
                    client.execute_cell(cell, index)
                except nbclient.exceptions.CellExecutionError as exc:
                    pytest.fail(f"notebook {name!r}, cell {index}: {str(exc)[-2000:]}")
            printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
            for way in study.ways(name):           # the comparison printed every way's difference
                assert way.key in printed, (name, way.key, printed)

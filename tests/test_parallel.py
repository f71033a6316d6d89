"""``conformance.parallel``: worker processes give the serial run's records, in its order, and a
dying worker costs only the task it held."""
import json
import os

from conformance import catalog, harness, parallel, report
from conformance.case import FRAMEWORKS, Case
from conformance.inputs import normal


def _results(records) -> str:
    """The records as the JSON report writes them (NaN-safe to compare)."""
    return json.dumps(report.to_json(records, {})["results"])


def test_two_workers_give_the_records_of_a_serial_run_in_its_order():
    # Three families of very different cost: the pool hands the trajectory out first.
    cases = catalog.select(["relu[default]", "dense[no_bias]", "sgd[momentum]", "mse[default]"])
    serial = harness.run(cases, FRAMEWORKS, ["float32", "float64"])
    seen = []
    pooled = parallel.run(cases, FRAMEWORKS, ["float32", "float64"], workers=2,
                          progress=lambda done, total: seen.append((done, total)))
    assert _results(pooled) == _results(serial)
    assert seen and seen[-1] == (len(cases) * 2 * 2,) * 2


class _ExitWhenUnpickled:
    """Kills the worker that receives it, as a crash in native code would."""

    def __reduce__(self):
        return os._exit, (3,)


def test_a_dying_worker_costs_only_its_task():
    good = catalog.select(["relu[default]", "relu[kink]"])
    deadly = Case("relu", "activation", {"x": normal(2, 2)}, {"crash": _ExitWhenUnpickled()}, desc="crash")
    records = parallel.run([good[0], deadly, good[1]], ["torch"], ["float64"], workers=2)
    crashed = [r for r in records if r.case == "relu[crash]"]
    assert [(r.status, r.check) for r in crashed] == [("error", "setup")]
    assert "worker process running this task died (exit code 3)" in crashed[0].note
    rest = [r for r in records if r.case != "relu[crash]"]
    assert _results(rest) == _results(harness.run(good, ["torch"], ["float64"]))
    order = ["relu[default]", "relu[crash]", "relu[kink]"]
    assert [r.case for r in records] == sorted((r.case for r in records), key=order.index)


def test_pool_size_follows_the_work_not_only_the_request():
    tiny = parallel.tasks(catalog.select(["relu"]), FRAMEWORKS, ["float64"])
    assert parallel.workers_for(tiny, 8) == 1                 # importing the frameworks costs more
    heavy = parallel.tasks(catalog.select(["optimizer"]), FRAMEWORKS, ["float32", "float64"])
    assert parallel.workers_for(heavy, 2) == 2
    assert parallel.workers_for(heavy, 1) == 1


"""Checker for metrics: the value on the whole data, and the result streamed over mini-batches.

The case's ``y_pred`` and ``y_true`` are drawn from its seed; ``case.setup["batch_size"]`` (default
``DEFAULT_BATCH_SIZE``) cuts them into consecutive batches, the last one smaller when it does not
divide N. Checks (0-d, in the run's dtype: a dtype mismatch fails):

  value      the framework's metric on all of the data (Keras: one ``update_state`` then ``result()``;
             torch: the metric called on everything) against the reference's ``value``
  streamed   the framework's result after one update per batch (Keras: ``reset_state``, ``update_state``
             per batch, ``result()``; torch: an evaluation loop summing batch mean × batch size and
             counting samples) against the reference's ``init`` / ``update`` per batch / ``result``

The notes give the batch sizes, so a ragged last batch shows in the report.
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

import reference
from conformance.check import Check
from conformance.inputs import draw
from reference import validate
from reference.metrics.base import streamed

DEFAULT_BATCH_SIZE = 4


def batch_sizes(n: int, batch_size: int) -> list[int]:
    """The sizes of the consecutive batches of ``batch_size`` over n samples (the last may be smaller)."""
    return [min(batch_size, n - start) for start in range(0, n, batch_size)]


def check(case, fw, ctx, fw_kwargs, ref_kwargs) -> Iterator[Check]:
    rng = np.random.default_rng(case.seed)
    y_pred = draw(case.inputs["y_pred"], rng, ctx.dtype)
    y_true = draw(case.inputs["y_true"], rng, ctx.dtype)
    batch_size = validate.integer("setup batch_size", case.setup.get("batch_size", DEFAULT_BATCH_SIZE), low=1)
    ref = reference.get("metric", case.component)(**ref_kwargs)
    want_value = ref.value(y_pred, y_true)
    want_streamed = streamed(ref, y_pred, y_true, batch_size)
    got = fw.adapter.run_metric(ctx, case.component, fw_kwargs, y_pred, y_true, batch_size)
    n = len(y_pred)
    yield Check("value", got["value"], want_value, note=f"all N={n} samples at once")
    yield Check("streamed", got["streamed"], want_streamed,
                note=f"batch_size={batch_size}: batches of {batch_sizes(n, batch_size)}")


CHECKERS = {"metric": check}

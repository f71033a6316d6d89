"""What every reference metric shares: a score per sample, averaged over the samples, in one call or
streamed over mini-batches with an explicit state (settings on the object, state passed in and out,
as an optimizer's)::

    m = reference.get("metric", "binary_accuracy")(threshold=0.5)
    m.value(y_pred, y_true)                    # 0-d array, y_pred's dtype: mean over n of s_n
    state = m.init(np.float32)                 # MetricState(total=0 in that dtype, count=0)
    state = m.update(state, y_pred, y_true)    # one batch: total += Σ_n s_n, count += its N
    m.result(state)                            # total / count
    streamed(m, y_pred, y_true, batch_size)    # init, update per consecutive batch, result

A metric writes one thing, ``per_sample(y_pred, y_true) -> (N,)``: s_n, sample n's score (the mean
of its entries' scores when a sample has several outputs). Weighting each batch by its number of
samples is what makes the streamed result equal the full-data value whatever the batching:
Σ_batches Σ_n s_n / Σ_batches N_b = mean_n s_n. A mean of the batches' means is not that: batches
of 4, 4 and 2 samples would weigh the last two samples twice (tests/test_metrics.py measures it).

The frameworks: a ``keras.metrics`` metric is this state machine (``keras.metrics.Mean``: variables
``total`` and ``count``; ``update_state`` adds the sum of the batch's per-sample values and its number
of samples; ``result()`` is total / count; keras/src/metrics/reduction_metrics.py). torch has no
metric objects: an evaluation loop keeps the sum and the count itself (torch_impl/metric_runner.py).

Inputs: y_pred (N, C) or (N, ..., C), a float array of ``reference.conventions.DTYPES``, N >= 1;
y_true of y_pred's shape and dtype (nothing is cast or broadcast, as for the losses). dtype: the
state's total and every value are in the inputs' dtype (Keras's variables are in floatx); the count
is an integer (Keras keeps it as a float of the dtype, exact below 2**24 samples). A state that has
seen no sample has no result: ``result`` raises (Keras returns 0 from ``divide_no_nan``; a torch loop
divides by zero).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from reference import validate


@dataclass(frozen=True)
class MetricState:
    total: np.ndarray          # 0-d, the dtype of init(): Σ of the per-sample scores seen
    count: int                 # samples seen


class Metric:
    """Base class: the checks at the boundary, ``value``, and the streaming state machine."""

    #: y_pred has exactly this many axes (None: at least two, (N, ..., C)).
    ndim: int | None = None

    def per_sample(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """s_n for each sample, shape (N,), y_pred's dtype (inputs already checked)."""
        raise NotImplementedError

    def check_inputs(self, y_pred: np.ndarray, y_true: np.ndarray) -> None:
        """Raise ValueError naming the argument, its dtype, shape or first bad entry, and what is allowed."""
        validate.array("y_pred", y_pred, min_ndim=2)
        if self.ndim is not None and y_pred.ndim != self.ndim:
            raise ValueError(f"y_pred has shape {y_pred.shape}: expected {self.ndim} dimensions (N, K)")
        if y_pred.shape[0] < 1:
            raise ValueError(f"y_pred has shape {y_pred.shape}: expected at least one sample (N >= 1)")
        validate.array("y_true", y_true, shape=y_pred.shape, dtype_of=("y_pred", y_pred.dtype))

    def scores(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """s_n, shape (N,): what ``value`` averages and ``update`` sums."""
        self.check_inputs(y_pred, y_true)
        return self.per_sample(y_pred, y_true)

    def value(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """The metric on the whole data: mean over n of s_n, a 0-d array in y_pred's dtype."""
        return np.asarray(self.scores(y_pred, y_true).mean(), dtype=y_pred.dtype)

    def init(self, dtype: Any = np.float64) -> MetricState:
        return MetricState(total=np.zeros((), dtype=validate.dtype("dtype", dtype)), count=0)

    def update(self, state: MetricState, y_pred: np.ndarray, y_true: np.ndarray) -> MetricState:
        """One batch: total + Σ_n s_n (in the state's dtype), count + N. Returns a new state."""
        _check_state(state)
        validate.array("y_pred", y_pred, dtype_of=("the state (init(dtype))", state.total.dtype))
        s = self.scores(y_pred, y_true)                                       # (N,)
        return MetricState(total=np.asarray(state.total + s.sum(), dtype=state.total.dtype),
                           count=state.count + len(s))

    def result(self, state: MetricState) -> np.ndarray:
        """total / count, a 0-d array in the state's dtype."""
        _check_state(state)
        if state.count == 0:
            raise ValueError("state.count=0 is not allowed: update the state with at least one batch before "
                             "result()")
        dtype = state.total.dtype
        return np.asarray(state.total / np.asarray(state.count, dtype=dtype), dtype=dtype)

    def __call__(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        return self.value(y_pred, y_true)


def streamed(metric: Metric, y_pred: np.ndarray, y_true: np.ndarray, batch_size: int) -> np.ndarray:
    """The result after a fresh state took consecutive batches of ``batch_size`` samples in order (the
    last one may be smaller), as an evaluation loop over a data set does."""
    batch_size = validate.integer("batch_size", batch_size, low=1)
    metric.check_inputs(y_pred, y_true)
    state = metric.init(y_pred.dtype)
    for start in range(0, len(y_pred), batch_size):
        state = metric.update(state, y_pred[start:start + batch_size], y_true[start:start + batch_size])
    return metric.result(state)


def _check_state(state: Any) -> None:
    if not isinstance(state, MetricState):
        raise ValueError(f"state is a {type(state).__name__}: expected the MetricState that init() or update() "
                         "returned")

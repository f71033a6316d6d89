"""Cases for metrics (checker: conformance/checkers/metric.py).

Each metric has a default case (batches of 4 that divide N = 12), a ragged one (N = 10 in batches of
3: [3, 3, 3, 1], so a mean of the batches' means would weigh the last sample three times), and one
with many batches (N = 1000 in batches of 32) where float32 sums accumulate round-off. Then the
edges of each: predictions exactly at the threshold, logits with threshold 0, a threshold that is no
float32 number, tied maxima and NaN scores for argmax.
"""
from conformance.case import Case
from conformance.inputs import binary, normal, onehot, probs, uniform, values


def metric(component, inputs, kwargs=None, desc="default", batch_size=4, note=""):
    return Case(component, "metric", inputs, dict(kwargs or {}), desc=desc, note=note,
                setup={"batch_size": batch_size})


RAGGED = "batches [3, 3, 3, 1]: the streamed mean weighs samples, not batches"
# Predictions at and beside the threshold 0.5, each with label 1 and label 0 (ŷ = 0.5 predicts 0).
AT_HALF = [0.5, 0.5, 0.5 - 2**-20, 0.5 + 2**-20, 0.0, 1.0]
AT_HALF_LABELS = [1.0, 0.0, 1.0, 1.0, 0.0, 1.0]
# Logits at 0 (both signed zeros) and tiny ones either side, threshold 0.
LOGIT_TIES = [0.0, -0.0, 0.0, 1e-30, -1e-30, 3.5, -2.0, 0.25]
LOGIT_TIE_LABELS = [0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0]
# Threshold 0.7, no float32 number: f32(0.7) = 0.699999988079071. In float64 the entries between f32(0.7)
# and 0.7 predict 0 against 0.7 and 1 against f32(0.7); in float32 they all round to f32(0.7).
INEXACT = [0.7, 0.69999999, 0.699999995, 0.6999999881, 0.70000001, 0.5]
INEXACT_LABELS = [0.0, 0.0, 0.0, 0.0, 1.0, 0.0]
# Tied maxima: each tie twice, once labelled at its first index (right under the first-index rule) and
# once at a later one (wrong); ±inf ties and an all −inf row.
TIES = [[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 2.0, 2.0], [0.0, 2.0, 2.0], [3.0, 3.0, 3.0], [3.0, 3.0, 3.0],
        [float("inf"), float("inf"), 0.0], [float("-inf")] * 3]
TIE_LABELS = [[1.0, 0, 0], [0, 1.0, 0], [0, 1.0, 0], [0, 0, 1.0], [1.0, 0, 0], [0, 0, 1.0], [0, 1.0, 0],
              [1.0, 0, 0]]
# NaN scores: the reference and torch take the first NaN as the maximum, TensorFlow's ArgMax skips NaN.
NAN = float("nan")
NAN_SCORES = [[NAN, 0.0, 1.0], [1.0, NAN, 0.0], [0.0, 1.0, NAN], [NAN, NAN, NAN], [float("-inf"), NAN, float("-inf")],
              [0.2, 0.7, 0.1]]
NAN_LABELS = [[1.0, 0, 0], [0, 1.0, 0], [0, 1.0, 0], [1.0, 0, 0], [0, 1.0, 0], [0, 1.0, 0]]

CASES = [
    # --- binary_accuracy -------------------------------------------------------------------
    metric("binary_accuracy", {"y_pred": uniform(12, 1, low=0.0, high=1.0), "y_true": binary(12, 1)},
           note="probabilities of one output, threshold 0.5"),
    metric("binary_accuracy", {"y_pred": uniform(10, 1, low=0.0, high=1.0), "y_true": binary(10, 1)},
           desc="ragged_batches", batch_size=3, note=RAGGED),
    metric("binary_accuracy", {"y_pred": uniform(10, 3, low=0.0, high=1.0), "y_true": binary(10, 3)},
           desc="multilabel", note="three labels per sample: s_n is the fraction of a sample's labels right"),
    metric("binary_accuracy", {"y_pred": uniform(6, 5, 2, low=0.0, high=1.0), "y_true": binary(6, 5, 2)},
           desc="sequence", note="(N, steps, C): s_n is the mean over a sample's steps and outputs"),
    metric("binary_accuracy", {"y_pred": uniform(1000, 3, low=0.0, high=1.0), "y_true": binary(1000, 3)},
           desc="many_batches", batch_size=32, note="31 batches of 32 and one of 8; float32 sums of k/3"),
    metric("binary_accuracy", {"y_pred": values(AT_HALF, (6, 1)), "y_true": values(AT_HALF_LABELS, (6, 1))},
           desc="threshold_ties", batch_size=4,
           note="ŷ exactly 0.5 with label 1 and label 0: strictly greater, so 0.5 predicts 0 in all three"),
    metric("binary_accuracy", {"y_pred": normal(12, 1, scale=3.0), "y_true": binary(12, 1)}, {"threshold": 0.0},
           desc="logits", note="logits, threshold 0 (σ(z) > 0.5 ⟺ z > 0)"),
    metric("binary_accuracy", {"y_pred": values(LOGIT_TIES, (8, 1)), "y_true": values(LOGIT_TIE_LABELS, (8, 1))},
           {"threshold": 0.0}, desc="logit_ties", batch_size=3,
           note="logits ±0 (predict 0) and ±1e-30 at threshold 0"),
    metric("binary_accuracy", {"y_pred": values(INEXACT, (6, 1)), "y_true": values(INEXACT_LABELS, (6, 1))},
           {"threshold": 0.7}, desc="inexact_threshold",
           note="threshold 0.7 is no float32 number; in float64 ŷ in (f32(0.7), 0.7] predicts 0"),

    # --- accuracy (categorical) ------------------------------------------------------------
    metric("accuracy", {"y_pred": probs(12, 4), "y_true": onehot(12, 4)}, note="probabilities, 4 classes"),
    metric("accuracy", {"y_pred": probs(10, 3), "y_true": onehot(10, 3)}, desc="ragged_batches", batch_size=3,
           note=RAGGED),
    metric("accuracy", {"y_pred": normal(12, 5, scale=2.0), "y_true": onehot(12, 5)}, desc="logits",
           note="logits: the argmax of logits and of their softmax is the same class"),
    metric("accuracy", {"y_pred": probs(1000, 10), "y_true": onehot(1000, 10)}, desc="many_batches",
           batch_size=32, note="31 batches of 32 and one of 8"),
    metric("accuracy", {"y_pred": values(TIES, (8, 3)), "y_true": values(TIE_LABELS, (8, 3))}, desc="ties",
           batch_size=3, note="tied maxima (also ±inf): the first index wins in all three, 4 of 8 right"),
    metric("accuracy", {"y_pred": values(NAN_SCORES, (6, 3)), "y_true": values(NAN_LABELS, (6, 3))},
           desc="nan_scores", batch_size=4, note="NaN scores: NaN is the maximum (first NaN) in the reference and "
                                                 "torch; TensorFlow's ArgMax skips it"),

    # --- mean_absolute_error ---------------------------------------------------------------
    metric("mean_absolute_error", {"y_pred": normal(12, 3), "y_true": normal(12, 3)}),
    metric("mean_absolute_error", {"y_pred": normal(10, 2, scale=2.0), "y_true": normal(10, 2)},
           desc="ragged_batches", batch_size=3, note=RAGGED),
    metric("mean_absolute_error", {"y_pred": normal(6, 5, 3), "y_true": normal(6, 5, 3)}, desc="sequence",
           note="(N, steps, C): s_n is the mean over a sample's steps and outputs"),
    metric("mean_absolute_error", {"y_pred": normal(1000, 4, loc=3.0), "y_true": normal(1000, 4)},
           desc="many_batches", batch_size=32, note="31 batches of 32 and one of 8; float32 sums of |e| ≈ 3"),
]

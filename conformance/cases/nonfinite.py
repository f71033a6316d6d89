"""Cases with ±inf and NaN inputs, for every activation and loss.

The reference's convention (reference/activations/nonfinite.py): at ±inf the true limit where
one exists, NaN where none does; NaN propagates to the output and to the gradient (in its
element, or its row for the row-wise softmax and the cross-entropies on logits). The harness
counts NaN against NaN and equal infinities as agreement (conformance/compare.py). Where a
framework gives something else, the record is in conformance/divergences/nonfinite.py.

Each component has a "nonfinite_inf" case and a "nonfinite_nan" case, so that a difference at
NaN (often the gradient's) is reported apart from the limits at ±inf. Finite entries sit beside
the non-finite ones: a NaN must not leak into its neighbours. Losses use reduction "none" so
each element's value shows on its own. Losses on probabilities have no "nonfinite_inf" case:
inf is outside [0, 1], which the reference rejects. bce has no case at all: torch.nn.BCELoss
raises on a NaN probability or target ("all elements of input should be between 0 and 1"), so
tests/test_nonfinite.py pins that and the reference's NaN instead. prelu has none yet (see
tests/test_nonfinite.py). gradcheck is off everywhere: central differences cannot step from
±inf or NaN.
"""
import math

from conformance.case import Case
from conformance.inputs import labels, values

INF, NAN = math.inf, math.nan
NO_FD = "central differences cannot step from ±inf or NaN"

# Elementwise activations: both infinities, a kink (0) and finite values on either side.
X_INF = values([-INF, -2.0, 0.0, 0.5, 2.0, INF], shape=(2, 3))
X_NAN = values([NAN, -1.0, 1.0, -2.0, NAN, 0.5], shape=(2, 3))

ELEMENTWISE = ("identity", "step", "sign", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "softplus",
               "hard_tanh", "hard_sigmoid", "abs", "gelu", "silu", "rrelu")

# Softmax rows: one −inf (limit: 0 there), one +inf (limit: one-hot), +inf tied (no limit),
# all −inf (no limit), all but one −inf, and ±inf together.
ROWS_INF = values([[-INF, 0.0, 1.0], [INF, 0.0, 1.0], [INF, INF, 0.0],
                   [-INF, -INF, -INF], [-INF, -INF, 0.0], [INF, -INF, 0.0]], shape=(6, 3))
ROWS_NAN = values([[NAN, 0.0, 1.0], [0.0, 1.0, 2.0]], shape=(2, 3))

# Regression losses: each infinity against a finite target, the same and the opposite infinity
# (inf − inf has no limit), and finite predictions against infinite targets.
REG_PRED_INF = values([-INF, INF, INF, -INF, 1.0, 1.0], shape=(2, 3))
REG_TRUE_INF = values([0.0, 0.0, INF, INF, INF, -INF], shape=(2, 3))
REG_PRED_NAN = values([NAN, 1.0, NAN, 0.5], shape=(2, 2))
REG_TRUE_NAN = values([0.0, NAN, NAN, 0.5], shape=(2, 2))

# bce_with_logits: each infinity with targets 0, 1 and 0.3 (limits 0, inf, inf at −inf, ...).
LOGITS_INF = values([-INF, -INF, -INF, INF, INF, INF], shape=(2, 3))
TARGETS_INF = values([0.0, 1.0, 0.3, 0.0, 1.0, 0.3], shape=(2, 3))

# Class-logit rows for the cross-entropies on logits, with one-hot targets at the infinite and
# at a finite class. The labels of the sparse cases are drawn from the case's seed; the rows
# are written for those draws (tests/test_nonfinite.py checks them).
CE_ROWS_INF = [[-INF, 0.0, 1.0], [-INF, 0.0, 1.0], [INF, 0.0, 1.0], [INF, 0.0, 1.0],
               [INF, INF, 0.0], [-INF, -INF, -INF]]
CE_ONEHOT_INF = [[1.0, 0, 0], [0, 1.0, 0], [1.0, 0, 0], [0, 1.0, 0], [1.0, 0, 0], [1.0, 0, 0]]
SPARSE_LABELS_INF = [1, 1, 1, 1, 0, 0]             # sparse_softmax_crossentropy[nonfinite_inf]: drawn
SPARSE_ROWS_INF = [[0.0, -INF, 1.0], [-INF, 0.0, 1.0], [INF, 0.0, 1.0], [0.0, INF, 1.0],
                   [INF, INF, 0.0], [-INF, -INF, -INF]]
CE_ROWS_NAN = [[NAN, 0.0, 1.0], [0.0, NAN, 1.0], [0.0, 1.0, 2.0]]
CE_ONEHOT_NAN = [[1.0, 0, 0], [1.0, 0, 0], [0, 0, 1.0]]

# nll: log-probabilities; only the label's entry reaches the loss.
NLL_LABELS_INF = [1, 0, 2, 0]                      # nll[nonfinite_inf]: the drawn labels
NLL_ROWS_INF = [[-1.0, -INF, -2.0], [INF, -1.0, -2.0], [INF, -1.0, -2.0], [-0.5, -1.0, -INF]]
NLL_LABELS_NAN = [0, 0, 1]                         # nll[nonfinite_nan]: the drawn labels
NLL_ROWS_NAN = [[NAN, -1.0, -2.0], [-0.5, NAN, -2.0], [-0.5, -1.0, -2.0]]

# Probabilities may only be NaN: a NaN at the target class and at another class.
P_NAN = values([[NAN, 0.5, 0.5], [0.2, NAN, 0.8]], shape=(2, 3))
P_NAN_ONEHOT = values([[1.0, 0, 0], [1.0, 0, 0]], shape=(2, 3))
SPARSE_P_LABELS_NAN = [2, 0, 0, 2]                 # sparse_categorical_crossentropy[nonfinite_nan]: drawn
SPARSE_P_NAN = [[NAN, 0.5, 0.5], [NAN, 0.2, 0.8], [0.5, NAN, 0.5], [0.1, 0.9, NAN]]


def _act(name, desc, x, note, kwargs=None):
    return Case(name, "activation", {"x": x}, kwargs or {}, desc=desc, gradcheck=False, note=f"{NO_FD}; {note}")


def _loss(name, desc, y_pred, y_true, note, **kwargs):
    return Case(name, "loss", {"y_pred": y_pred, "y_true": y_true}, {"reduction": "none", **kwargs}, desc=desc,
                gradcheck=False, note=f"{NO_FD}; {note}")


CASES = [
    *[c for name in ELEMENTWISE for c in (
        _act(name, "nonfinite_inf", X_INF, note="the limits at ±inf"),
        _act(name, "nonfinite_nan", X_NAN, note="NaN propagates, to the gradient too"))],
    Case("rrelu", "activation", {"x": values([-INF, -2.0, 2.0, INF, -1.0, 0.5], shape=(2, 3))},
         desc="nonfinite_inf_train", training=True, grad=False, gradcheck=False,
         note="forward only: the slope drawn at x = −inf does not show in y = −inf (y / x is NaN), so the "
              "harness cannot recover it, and the gradient a·dy there is unknown"),
    _act("maxout", "nonfinite_nan", X_NAN, kwargs={"in_features": 3, "units": 2, "pieces": 2},
         note="a NaN input makes every pre-activation of its row NaN"),
    *[c for name in ("softmax", "log_softmax") for c in (
        _act(name, "nonfinite_inf", ROWS_INF,
             note="one +inf: the one-hot limit; tied +inf and all −inf: no limit (NaN)"),
        _act(name, "nonfinite_nan", ROWS_NAN, note="a NaN makes its row NaN, not the next row"))],

    *[c for name in ("mse", "half_sse", "mae", "huber") for c in (
        _loss(name, "nonfinite_inf", REG_PRED_INF, REG_TRUE_INF,
              "±inf against finite, equal and opposite infinities"),
        _loss(name, "nonfinite_nan", REG_PRED_NAN, REG_TRUE_NAN, "NaN in y_pred, in y_true and in both"))],
    _loss("bce_with_logits", "nonfinite_inf", LOGITS_INF, TARGETS_INF,
          "z = ±inf with y = 0, 1, 0.3: limits 0 or inf"),
    _loss("bce_with_logits", "nonfinite_nan", values([NAN, 1.0, NAN, 0.5], shape=(2, 2)),
          values([0.0, NAN, 1.0, 0.5], shape=(2, 2)), "NaN in z, in y and in both"),
    _loss("categorical_crossentropy", "nonfinite_nan", P_NAN, P_NAN_ONEHOT,
          "NaN at the target class (NaN) and at a class with target 0 (counts 0)"),
    _loss("softmax_crossentropy", "nonfinite_inf", values(CE_ROWS_INF, (6, 3)), values(CE_ONEHOT_INF, (6, 3)),
          "−inf and +inf at the target and at another class; tied +inf and all −inf have no limit"),
    _loss("softmax_crossentropy", "nonfinite_nan", values(CE_ROWS_NAN, (3, 3)), values(CE_ONEHOT_NAN, (3, 3)),
          "a NaN logit makes its row NaN"),
    _loss("sparse_softmax_crossentropy", "nonfinite_inf", values(SPARSE_ROWS_INF, (6, 3)), labels(6, 3),
          f"labels {SPARSE_LABELS_INF}: −inf and +inf at the label and elsewhere; tied +inf and all −inf"),
    _loss("sparse_softmax_crossentropy", "nonfinite_nan", values(CE_ROWS_NAN, (3, 3)), labels(3, 3),
          "a NaN logit makes its row NaN"),
    _loss("nll", "nonfinite_inf", values(NLL_ROWS_INF, (4, 3)), labels(4, 3),
          f"labels {NLL_LABELS_INF}: ±inf at the label (value ∓inf) and elsewhere (no effect)"),
    _loss("nll", "nonfinite_nan", values(NLL_ROWS_NAN, (3, 3)), labels(3, 3),
          f"labels {NLL_LABELS_NAN}: NaN at the label (NaN) and elsewhere (no effect)"),
    _loss("sparse_categorical_crossentropy", "nonfinite_nan", values(SPARSE_P_NAN, (4, 3)), labels(4, 3),
          f"labels {SPARSE_P_LABELS_NAN}: NaN at the label (NaN) and at another class (counts 0 without "
          "renormalising, NaN with it)"),
]

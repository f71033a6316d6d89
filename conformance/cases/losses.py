"""Cases for losses.

Every loss has its three reductions (the first case, "default", uses the reference's
defaults), then cases for non-default arguments and extreme inputs. Extreme cases use
reduction "none" so each element's effect shows on its own. Central differences with
h = 1e-6 cannot resolve them (p = 1e-11 would step below 0; at |z| = 1e4 the step is lost
to rounding), so their gradcheck is off and tests/test_<loss>.py checks their values and
gradients against 50-digit decimal arithmetic instead.
"""
from conformance.case import Case
from conformance.divergences import default
from conformance.inputs import binary, labels, log_probs, normal, onehot, probs, uniform, values
from reference.conventions import REDUCTIONS


def reductions(component, inputs, **kwargs):
    """The default case (the reference's default reduction) and one case per other reduction,
    named after it."""
    others = [r for r in REDUCTIONS if r != default("loss", component, "reduction")]
    return [Case(component, "loss", inputs, dict(kwargs)),
            *[Case(component, "loss", inputs, {"reduction": r, **kwargs}, desc=r) for r in others]]


# Probabilities near 0 and 1 that float32 still tells apart from 0 and 1, inside the range
# where torch's BCE is exact (p(1 − p) ≥ 1e-12); each appears with y = 1 and y = 0.
EDGE_P = [1e-11, 1e-9, 1e-7, 1e-5, 0.5, 1 - 1e-5, 1 - 2**-23]
# Beyond it: exact 0 and 1, and p < e^-100 ≈ 3.7e-44 where torch's log clamp bites.
EXTREME_P = [0.0, 1e-50, 1e-20, 1e-13, 1e-7, 0.5, 1 - 1e-7, 1.0]
LOGITS = [-1e4, -100.0, -30.0, -1.0, 0.0, 1.0, 30.0, 100.0, 1e4]
# Rows of class logits ±1e4: one dominant class, two tied, all equal.
EXTREME_LOGITS = [[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0], [1e4, 1e4, -1e4], [-1e4, -1e4, -1e4]]
EXTREME_ONEHOT = [[1.0, 0, 0], [1.0, 0, 0], [0, 0, 1.0], [0, 1.0, 0]]
# Probability rows with a tiny probability at the target class (float32 rounds 1 − 2e-8 to 1).
EDGE_ROWS = [[1e-30, 0.5, 0.5], [1e-11, 0.25, 0.75], [1e-8, 1e-8, 1 - 2e-8], [0.5, 0.25, 0.25]]
EDGE_ONEHOT = [[1.0, 0, 0], [1.0, 0, 0], [0, 0, 1.0], [1.0, 0, 0]]
# Exact zeros and ones, renormalised: −log(0/Σp) = inf with the gradient [−inf, 1, 1] (not NaN).
ZERO_ROWS = [[0.0, 1.0, 0.0], [0.0, 0.5, 0.5], [1.0, 0.0, 0.0]]
ZERO_ONEHOT = [[1.0, 0, 0], [0, 1.0, 0], [1.0, 0, 0]]
# Sparse labels are drawn from each case's seed (labels(N, C)); these rows are written for the
# draws noted beside them (tests/test_sparse_categorical_crossentropy.py checks the draws).
SPARSE_EDGE_LABELS = [1, 0, 1, 2]                  # sparse_categorical_crossentropy[edges]
SPARSE_EDGE_ROWS = [[0.5, 1e-30, 0.5], [1e-11, 0.25, 0.75], [1e-8, 1 - 2e-8, 1e-8], [0.25, 0.25, 0.5]]
SPARSE_ZERO_LABELS = [1, 1, 2, 0, 2, 1]            # sparse_categorical_crossentropy[zeros]
SPARSE_ZERO_ROWS = [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.5, 0.0, 0.5], [0.0, 0.0, 1.0],
                    [0.25, 0.75, 0.0]]
SPARSE_ZERO_EPS_LABELS = [0, 1, 0, 1, 2, 2]        # sparse_categorical_crossentropy[zeros_eps]
SPARSE_ZERO_EPS_ROWS = [[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.5, 0.5], [0.5, 0.0, 0.5], [0.0, 0.0, 1.0],
                        [0.25, 0.75, 0.0]]

CASES = [
    *reductions("mse", {"y_pred": normal(8, 5), "y_true": normal(8, 5)}),

    *reductions("half_sse", {"y_pred": normal(8, 5), "y_true": normal(8, 5)}),

    *reductions("mae", {"y_pred": normal(8, 5), "y_true": normal(8, 5)}),
    Case("mae", "loss", {"y_pred": values([-1.5, 0.0, 0.25, 2.0, 1e4]),
                         "y_true": values([-1.5, 0.0, 0.5, 2.0, -1e4])},
         {"reduction": "none"}, desc="kink", gradcheck=False,
         note="ŷ = y in three elements: the reference and both frameworks take sign(0) = 0"),

    *reductions("huber", {"y_pred": normal(8, 5, scale=2.0), "y_true": normal(8, 5)}),
    Case("huber", "loss", {"y_pred": normal(8, 5, scale=2.0), "y_true": normal(8, 5)}, {"delta": 0.3},
         desc="delta",
         note="δ = 0.3 is not a float32 number: a float32 cast of δ in float64 would show here"),
    Case("huber", "loss", {"y_pred": values([0.0, 0.3, -0.3, 0.6, -1e4, 1e4]), "y_true": values([0.0] * 6)},
         {"reduction": "none", "delta": 0.3}, desc="boundary", gradcheck=False,
         note="|e| = 0, δ and far beyond δ: ℓ'' jumps at |e| = δ, so central differences are off by h/4 there"),

    *reductions("bce", {"y_pred": uniform(8, 5, low=0.02, high=0.98), "y_true": binary(8, 5)}),
    Case("bce", "loss",
         {"y_pred": uniform(8, 5, low=0.02, high=0.98), "y_true": uniform(8, 5, low=0.0, high=1.0)},
         desc="soft", note="soft targets y ∈ [0, 1]"),
    Case("bce", "loss", {"y_pred": uniform(8, 5, low=0.0, high=1.0), "y_true": binary(8, 5)}, {"eps": 0.1},
         desc="eps", note="eps = 0.1 clips about a fifth of the entries: their gradient is 0"),
    Case("bce", "loss", {"y_pred": values(EDGE_P * 2, (2, 7)),
                         "y_true": values([1.0] * 7 + [0.0] * 7, (2, 7))},
         {"reduction": "none"}, desc="edges", gradcheck=False,
         note="p near 0 and 1 with eps = 0: exact in the reference and torch; Keras's ε = 1e-7 clips them"),
    Case("bce", "loss", {"y_pred": values(EXTREME_P * 2, (2, 8)),
                         "y_true": values([1.0] * 8 + [0.0] * 8, (2, 8))},
         {"reduction": "none", "eps": 1e-7}, desc="extreme", gradcheck=False,
         note="exact 0 and 1 and p < e^-100, clipped with Keras's ε = 1e-7 so the true value is finite"),

    *reductions("bce_with_logits", {"y_pred": normal(8, 5, scale=3.0), "y_true": binary(8, 5)}),
    Case("bce_with_logits", "loss",
         {"y_pred": normal(8, 5, scale=3.0), "y_true": uniform(8, 5, low=0.0, high=1.0)},
         desc="soft", note="soft targets y ∈ [0, 1]"),
    Case("bce_with_logits", "loss",
         {"y_pred": values(LOGITS * 4, (4, 9)),
          "y_true": values([0.0] * 9 + [1.0] * 9 + [0.3] * 9 + [0.75] * 9, (4, 9))},
         {"reduction": "none"}, desc="extreme", gradcheck=False,
         note="|z| up to 1e4 and z = 0, with hard and soft targets"),

    *reductions("categorical_crossentropy", {"y_pred": probs(8, 5), "y_true": onehot(8, 5)}),
    Case("categorical_crossentropy", "loss", {"y_pred": probs(8, 5), "y_true": onehot(8, 5)},
         {"renormalize": True}, desc="renormalize"),
    Case("categorical_crossentropy", "loss", {"y_pred": probs(8, 5, scale=3.0), "y_true": onehot(8, 5)},
         {"eps": 0.02}, desc="eps", note="eps = 0.02 clips the small probabilities of the wider softmax"),
    Case("categorical_crossentropy", "loss",
         {"y_pred": values(EDGE_ROWS, (4, 3)), "y_true": values(EDGE_ONEHOT, (4, 3))},
         {"reduction": "none"}, desc="edges", gradcheck=False, note="tiny probabilities at the target class, eps = 0"),
    Case("categorical_crossentropy", "loss",
         {"y_pred": values(ZERO_ROWS, (3, 3)), "y_true": values(ZERO_ONEHOT, (3, 3))},
         {"reduction": "none", "renormalize": True}, desc="zeros", gradcheck=False,
         note="exact zeros and ones, renormalised: value inf and gradient [−inf, 1, 1] at a zero target probability; "
              "central differences step below 0"),

    *reductions("sparse_categorical_crossentropy", {"y_pred": probs(8, 5), "y_true": labels(8, 5)}),
    Case("sparse_categorical_crossentropy", "loss",
         {"y_pred": uniform(8, 5, low=0.05, high=1.0), "y_true": labels(8, 5)}, {"renormalize": True},
         desc="renormalize", note="rows that do not sum to 1, renormalised as Keras does"),
    Case("sparse_categorical_crossentropy", "loss",
         {"y_pred": uniform(8, 5, low=0.05, high=1.0), "y_true": labels(8, 5)}, {"reduction": "none"},
         desc="unnormalized", note="rows that do not sum to 1, taken as they are: −log p_k"),
    Case("sparse_categorical_crossentropy", "loss", {"y_pred": probs(8, 5, scale=3.0), "y_true": labels(8, 5)},
         {"eps": 0.02}, desc="eps", note="eps = 0.02 clips the small probabilities of the wider softmax"),
    Case("sparse_categorical_crossentropy", "loss",
         {"y_pred": values(SPARSE_EDGE_ROWS, (4, 3)), "y_true": labels(4, 3)},
         {"reduction": "none"}, desc="edges", gradcheck=False,
         note=f"labels {SPARSE_EDGE_LABELS}: tiny probabilities at the label and one near 1, eps = 0; "
              "central differences step below 0"),
    Case("sparse_categorical_crossentropy", "loss",
         {"y_pred": values(SPARSE_ZERO_ROWS, (6, 3)), "y_true": labels(6, 3)},
         {"reduction": "none"}, desc="zeros", gradcheck=False,
         note=f"labels {SPARSE_ZERO_LABELS}: exact 0 and 1 at the label and elsewhere, eps = 0 (value inf at a "
              "zero label probability); central differences step below 0"),
    Case("sparse_categorical_crossentropy", "loss",
         {"y_pred": values(SPARSE_ZERO_EPS_ROWS, (6, 3)), "y_true": labels(6, 3)},
         {"reduction": "none", "eps": 1e-7}, desc="zeros_eps", gradcheck=False,
         note=f"labels {SPARSE_ZERO_EPS_LABELS}: exact 0 and 1 clipped with Keras's ε = 1e-7, so every value is "
              "finite; central differences step below 0"),

    *reductions("softmax_crossentropy", {"y_pred": normal(8, 5, scale=2.0), "y_true": onehot(8, 5)}),
    Case("softmax_crossentropy", "loss", {"y_pred": normal(8, 5, scale=2.0), "y_true": probs(8, 5)},
         desc="soft", note="soft targets: rows on the simplex"),
    Case("softmax_crossentropy", "loss", {"y_pred": normal(8, 5, scale=2.0), "y_true": uniform(8, 5, low=0.0, high=1.0)},
         {"reduction": "none"}, desc="unnormalized_targets",
         note="target rows that do not sum to 1 (e.g. multi-label): −Σ y log softmax(z) is still well defined"),
    Case("softmax_crossentropy", "loss",
         {"y_pred": values(EXTREME_LOGITS, (4, 3)), "y_true": values(EXTREME_ONEHOT, (4, 3))},
         {"reduction": "none"}, desc="extreme", gradcheck=False,
         note="logits ±1e4: values 0, 2e4, 2e4 + log 2 and log 3"),

    *reductions("sparse_softmax_crossentropy", {"y_pred": normal(8, 5, scale=2.0), "y_true": labels(8, 5)}),
    Case("sparse_softmax_crossentropy", "loss",
         {"y_pred": values(EXTREME_LOGITS, (4, 3)), "y_true": labels(4, 3)},
         {"reduction": "none"}, desc="extreme", gradcheck=False, note="logits ±1e4"),

    *reductions("nll", {"y_pred": log_probs(8, 5), "y_true": labels(8, 5)}),
    Case("nll", "loss",
         {"y_pred": values([[-1e4, -700.0, -1e-20], [0.0, -1e4, -1e4], [-30.0, -1.0, -2.0]], (3, 3)),
          "y_true": labels(3, 3)},
         {"reduction": "none"}, desc="extreme",
         note="log-probabilities down to −1e4 (not re-normalised)"),
]

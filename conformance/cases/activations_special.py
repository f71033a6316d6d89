"""Cases for activations with parameters, randomness or an axis: prelu, rrelu, softmax, log_softmax, maxout.

Inputs are (N, ..., F), features last. N-D inputs use T == F where a framework's own
convention would index the wrong axis: its native run then gives numbers, not a shape error.
"""
from conformance.case import Case
from conformance.inputs import normal, uniform, values

# Central differences with h = 1e-6 cannot resolve a gradient at |x| ~ 1e4: the float64
# spacing there is 1.8e-12, ~1e-6 of h, over the gradcheck's 1e-7. The frameworks still
# check these cases' gradients against the reference.
NO_FD = ("gradcheck off: central differences measure 2e-6 to 1 here (saturated softmax rows, ties at the max), "
         "above the 1e-7 limit")

# Rows with the max tied, all entries equal, and spreads far beyond exp's range (float64 exp
# overflows past 709.8): a finite result needs the max (log-sum-exp) shift.
EXTREME_LOGITS = values([1e4, -1e4, 0.0, 1e4, -5e3, 9999.0,
                         -1e4, -1e4, -1e4, -1e4, -1e4, -1e4,
                         1e4, 1e4 - 1, 1e4 - 2, 1e4 - 3, -1e4, 0.5,
                         3.0, -2.0, 0.0, 1.0, -1e4, 1e4], shape=(4, 6))
KINK = values([-2.0, -0.5, 0.0, 0.5, 2.0, 0.0], shape=(1, 6))
LARGE = uniform(6, 4, low=-1e4, high=1e4)


def _axis_cases(name: str) -> list[Case]:
    return [
        Case(name, "activation", {"x": normal(8, 6, scale=2.0)}),
        Case(name, "activation", {"x": normal(4, 5, 6, scale=2.0)}, desc="3d"),
        Case(name, "activation", {"x": normal(4, 5, 6, scale=2.0)}, {"axis": 1}, desc="axis1"),
        Case(name, "activation", {"x": normal(6, 5, scale=2.0)}, {"axis": 0}, desc="axis0"),
        Case(name, "activation", {"x": EXTREME_LOGITS}, desc="extreme", gradcheck=False,
             note="|x| up to 1e4, ties at the max, an all-equal row; " + NO_FD),
        Case(name, "activation", {"x": uniform(5, 7, low=-1e4, high=1e4)}, desc="extreme_random",
             gradcheck=name == "log_softmax", note="|x| up to 1e4" + ("" if name == "log_softmax" else "; " + NO_FD)),
    ]


CASES = [
    # --- prelu ---------------------------------------------------------------------------
    Case("prelu", "activation", {"x": normal(8, 6, scale=2.0)}),
    Case("prelu", "activation", {"x": normal(8, 6, scale=2.0)}, {"num_parameters": 6}, desc="per_feature"),
    Case("prelu", "activation", {"x": normal(4, 5, 5, scale=2.0)}, {"num_parameters": 5}, desc="3d_per_feature",
         note="(N, T, F) with T == F: torch's dim-1 α and Keras's per-element α would fit the shape"),
    Case("prelu", "activation", {"x": normal(4, 3, 5, scale=2.0)}, desc="3d_shared"),
    Case("prelu", "activation", {"x": LARGE}, {"num_parameters": 4}, desc="large", note="|x| ~ 1e4"),
    Case("prelu", "activation", {"x": KINK}, {"num_parameters": 6}, desc="kink", gradcheck=False,
         note="exact zeros: the gradient at x = 0 is α (grad_at_zero='alpha') in torch, 0 in Keras"),
    # --- rrelu: eval cases, then training ones. Training inputs have no exact zeros: a slope
    # drawn at x = 0 does not show in the output, yet scales the gradient. ----------------
    Case("rrelu", "activation", {"x": normal(8, 6, scale=2.0)}),
    Case("rrelu", "activation", {"x": normal(8, 6, scale=2.0)}, {"lower": 0.1, "upper": 0.3}, desc="bounds"),
    Case("rrelu", "activation", {"x": LARGE}, desc="large", note="|x| ~ 1e4"),
    Case("rrelu", "activation", {"x": KINK}, desc="kink", gradcheck=False,
         note="eval at x = 0: both frameworks and the reference take the slope (lower + upper)/2 there"),
    Case("rrelu", "activation", {"x": normal(16, 8, scale=2.0)}, desc="train", training=True),
    Case("rrelu", "activation", {"x": normal(4, 5, 6, scale=2.0)}, {"lower": 0.1, "upper": 0.3},
         desc="bounds_train", training=True),
    Case("rrelu", "activation", {"x": normal(8, 6)}, {"lower": 0.2, "upper": 0.2}, desc="fixed_train",
         training=True, note="lower == upper: the random slope is a constant"),
    Case("rrelu", "activation", {"x": LARGE}, desc="large_train", training=True, note="|x| ~ 1e4"),
    # --- softmax / log_softmax -------------------------------------------------------------
    *_axis_cases("softmax"),
    *_axis_cases("log_softmax"),
    # --- maxout ----------------------------------------------------------------------------
    Case("maxout", "activation", {"x": normal(8, 5)}, {"in_features": 5, "units": 3, "pieces": 2}),
    Case("maxout", "activation", {"x": normal(8, 5)}, {"in_features": 5, "units": 2, "pieces": 4}, desc="pieces4"),
    Case("maxout", "activation", {"x": normal(8, 6)}, {"in_features": 6, "units": 3, "pieces": 2}, desc="square",
         note="in_features == units·pieces: an untransposed torch (out, in) weight would fit the shape"),
    Case("maxout", "activation", {"x": normal(4, 3, 5)}, {"in_features": 5, "units": 3, "pieces": 3}, desc="3d"),
    Case("maxout", "activation", {"x": normal(8, 4)}, {"in_features": 4, "units": 3, "pieces": 1}, desc="one_piece",
         note="pieces = 1: a plain affine layer"),
    Case("maxout", "activation", {"x": normal(6, 5, scale=1e3)}, {"in_features": 5, "units": 3, "pieces": 2},
         desc="large", gradcheck=False,
         note="|z| ~ 1e3; gradcheck off: central differences measure 2.2e-7 here, above the 1e-7 limit, "
              "from the round-off of f at |y| ~ 1e3"),
]

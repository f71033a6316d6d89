"""Cases for layers."""
from conformance.case import Case
from conformance.inputs import normal

CASES = [
    Case("dense", "layer", {"x": normal(8, 5)}, {"in_features": 5, "units": 3}),
    Case("dense", "layer", {"x": normal(8, 5)}, {"in_features": 5, "units": 3, "use_bias": False}, desc="no_bias"),
    Case("dense", "layer", {"x": normal(16, 4, scale=3.0)}, {"in_features": 4, "units": 4}, desc="square",
         note="in == out: a missing transpose would only show here as wrong values, not a shape error"),
    Case("dense", "layer", {"x": normal(4, 3, 5)}, {"in_features": 5, "units": 3}, desc="3d",
         note="(N, T, in): the leading axes are batch axes; dW and db sum over both"),
]

"""Cases for elementwise activations (one input element -> one output element)."""
from conformance.case import Case
from conformance.inputs import normal, values

CASES = [
    Case("relu", "activation", {"x": normal(8, 6, scale=2.0)}),
    Case("relu", "activation", {"x": values([-2.0, -0.5, 0.0, 0.5, 2.0])}, desc="kink", gradcheck=False,
         note="exact zero: both frameworks and the reference take relu'(0) = 0"),
]

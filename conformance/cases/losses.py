"""Cases for losses."""
from conformance.case import Case
from conformance.inputs import normal

CASES = [
    Case("mse", "loss", {"y_pred": normal(8, 5), "y_true": normal(8, 5)}, {"reduction": r}, desc=r)
    for r in ("mean", "sum", "none")
]

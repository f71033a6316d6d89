"""Cases for the pooling layers: defaults, overlapping windows (stride < pool: gradients accumulate), "same"
padding with symmetric and asymmetric totals (odd and even sizes), ties in a window, both average divisors,
global pools."""
import numpy as np

from conformance.case import Case
from conformance.inputs import normal, values

TIES_NOTE = ("integer values from {0, 1, 2}: windows hold tied maxima (e.g. [[0, 2], [2, 0]], where row-major and "
             "column-major order pick different cells); finite differences at a tie see half of each slope")


def _ties(*shape: int) -> object:
    """Fixed integer-valued entries (the same in every run): many windows with equal maxima."""
    return values(np.random.default_rng(7).integers(0, 3, size=shape), shape=shape)


CASES = [
    # --- max_pool2d ------------------------------------------------------------------------------------
    Case("max_pool2d", "layer", {"x": normal(2, 4, 6, 3)}, {}, note="pool 2, stride 2, valid"),
    Case("max_pool2d", "layer", {"x": normal(2, 5, 5, 2)}, {"pool_size": 3, "strides": 1}, desc="overlap",
         note="stride < pool: a cell that is the maximum of several windows gets the sum of their gradients"),
    Case("max_pool2d", "layer", {"x": normal(2, 5, 7, 2)}, {"pool_size": 3, "strides": 2, "padding": "same"},
         desc="same_odd", note="odd sizes: SAME pads 1 cell on each side (torch's own padding=1)"),
    Case("max_pool2d", "layer", {"x": normal(2, 8, 6, 2)}, {"pool_size": 3, "strides": 2, "padding": "same"},
         desc="same_even", note="even sizes: SAME pads 0 cells before and 1 after (torch: F.pad, then MaxPool2d)"),
    Case("max_pool2d", "layer", {"x": normal(2, 5, 7, 2)}, {"pool_size": (2, 3), "strides": (1, 2)}, desc="rect"),
    Case("max_pool2d", "layer", {"x": _ties(2, 5, 5, 2)}, {"pool_size": 2, "strides": 1}, desc="ties",
         gradcheck=False, note=TIES_NOTE),
    # --- max_pool1d ------------------------------------------------------------------------------------
    Case("max_pool1d", "layer", {"x": normal(2, 8, 3)}, {}),
    Case("max_pool1d", "layer", {"x": normal(2, 7, 2)}, {"pool_size": 3, "strides": 1}, desc="overlap"),
    Case("max_pool1d", "layer", {"x": normal(2, 7, 2)}, {"pool_size": 2, "strides": 2, "padding": "same"},
         desc="same_odd", note="L = 7: SAME pads 0 before, 1 after"),
    Case("max_pool1d", "layer", {"x": _ties(3, 9, 2)}, {"pool_size": 3, "strides": 1}, desc="ties",
         gradcheck=False, note=TIES_NOTE),
    # --- average_pool2d --------------------------------------------------------------------------------
    Case("average_pool2d", "layer", {"x": normal(2, 4, 6, 3)}, {}),
    Case("average_pool2d", "layer", {"x": normal(2, 5, 5, 2, loc=1.0)}, {"pool_size": 3, "strides": 1}, desc="overlap"),
    Case("average_pool2d", "layer", {"x": normal(2, 5, 7, 2, loc=1.0)},
         {"pool_size": 3, "strides": 2, "padding": "same"}, desc="same",
         note="border windows hold fewer input cells: the divisor decides their value"),
    Case("average_pool2d", "layer", {"x": normal(2, 5, 7, 2, loc=1.0)},
         {"pool_size": 3, "strides": 2, "padding": "same", "divisor": "window_size"}, desc="same_window_size"),
    Case("average_pool2d", "layer", {"x": normal(2, 8, 6, 2, loc=1.0)},
         {"pool_size": 3, "strides": 2, "padding": "same"}, desc="same_even",
         note="SAME pads 0 before, 1 after: torch composes it (F.pad, Σ / count)"),
    Case("average_pool2d", "layer", {"x": normal(2, 8, 6, 2, loc=1.0)},
         {"pool_size": 3, "strides": 2, "padding": "same", "divisor": "window_size"}, desc="same_even_window_size"),
    # --- average_pool1d --------------------------------------------------------------------------------
    Case("average_pool1d", "layer", {"x": normal(2, 8, 3)}, {}),
    Case("average_pool1d", "layer", {"x": normal(2, 7, 2, loc=1.0)}, {"pool_size": 3, "strides": 1}, desc="overlap"),
    Case("average_pool1d", "layer", {"x": normal(2, 7, 2, loc=1.0)}, {"pool_size": 3, "strides": 2, "padding": "same"},
         desc="same"),
    Case("average_pool1d", "layer", {"x": normal(2, 7, 2, loc=1.0)},
         {"pool_size": 3, "strides": 2, "padding": "same", "divisor": "window_size"}, desc="same_window_size"),
    Case("average_pool1d", "layer", {"x": normal(2, 8, 2, loc=1.0)}, {"pool_size": 3, "strides": 2, "padding": "same"},
         desc="same_even"),
    # --- global pools ----------------------------------------------------------------------------------
    Case("global_average_pool2d", "layer", {"x": normal(3, 4, 5, 2)}, {}),
    Case("global_average_pool2d", "layer", {"x": normal(2, 16, 16, 3, loc=3.0)}, {}, desc="large",
         note="256 positions with a common offset: the float32 sum carries its rounding bound"),
    Case("global_average_pool1d", "layer", {"x": normal(3, 7, 4)}, {}),
    Case("global_max_pool2d", "layer", {"x": normal(3, 4, 5, 2)}, {}),
    Case("global_max_pool2d", "layer", {"x": _ties(3, 3, 4, 2)}, {}, desc="ties", gradcheck=False, note=TIES_NOTE),
    Case("global_max_pool2d", "layer", {"x": _ties(3, 3, 4, 2)}, {"ties": "split"}, desc="ties_split",
         gradcheck=False, note=TIES_NOTE),
    Case("global_max_pool1d", "layer", {"x": normal(3, 7, 4)}, {}),
    Case("global_max_pool1d", "layer", {"x": _ties(3, 6, 2)}, {}, desc="ties", gradcheck=False, note=TIES_NOTE),
    Case("global_max_pool1d", "layer", {"x": _ties(3, 6, 2)}, {"ties": "split"}, desc="ties_split",
         gradcheck=False, note=TIES_NOTE),
]

"""Cases for penalties (l1, l2, l1_l2), the max-norm constraint and early stopping.

Inputs are the small problem every trajectory uses: a Dense kernel W (in, out) and bias b,
fitted to (x, y) by MSE with plain SGD. ``setup``: "steps" (0: value and gradient only),
"lr", and "via": "loss" (the penalty in the loss / kernel_regularizer; default) or
"weight_decay" (the optimizer's weight_decay instead of the L2 penalty). Early stopping adds a
validation set (x_val, y_val) and runs "epochs" full-batch epochs at most.
"""
from conformance.case import Case
from conformance.inputs import normal, values

PROBLEM = {"x": normal(16, 6), "y": normal(16, 3), "W": normal(6, 3), "b": normal(3, scale=0.1)}
TRAJ = {"steps": 30, "lr": 0.1}
KINK = values([[0.0, -1.5, 0.25], [2.0, 0.0, -0.0], [-0.5, 1.0, 0.0]], shape=(3, 3))
ZERO_COLUMN = values([[0.0, 3.0, 0.5], [0.0, -2.0, 0.5], [0.0, 1.0, -0.5]], shape=(3, 3))
VALIDATION = {"x": normal(10, 8), "y": normal(10, 2), "x_val": normal(10, 8), "y_val": normal(10, 2),
              "W": normal(8, 2), "b": normal(2, scale=0.1)}


def reg(name, kwargs=None, desc="default", inputs=None, note="", gradcheck=True, **setup):
    return Case(name, "regularizer", inputs or PROBLEM, kwargs or {}, desc=desc, note=note, gradcheck=gradcheck,
                setup=setup)


CASES = [
    reg("l1", **TRAJ),
    reg("l1", {"l1": 0.5}, desc="kink", inputs={"W": KINK}, gradcheck=False,
        note="exact zeros: the subgradient at 0 is 0 in the reference and both frameworks"),
    reg("l1", {"l1": 1e-3}, desc="large", inputs={"W": normal(6, 3, scale=1e4)}),
    reg("l2", **TRAJ),
    reg("l2", {"l2": 0.03}, desc="sgd_weight_decay", via="weight_decay", **TRAJ,
        note="coupled weight decay: SGD(weight_decay=2·l2) on the kernel alone equals the L2 penalty"),
    reg("l2", {"l2": 1e-3}, desc="large", inputs={"W": normal(6, 3, scale=1e4)}),
    reg("l1_l2", **TRAJ),
    reg("l1_l2", {"l1": 0.05, "l2": 0.0}, desc="l1_only", **TRAJ),
    reg("max_norm", **TRAJ, note="W ~ N(0, 1) on (6, 3): column norms around √6, some above max_value=2"),
    reg("max_norm", {"max_value": 1.0, "axis": 1}, desc="axis1", **TRAJ, note="one norm per input unit (row)"),
    reg("max_norm", {"max_value": 1.5}, desc="zero_column", inputs={"W": ZERO_COLUMN},
        note="a zero column (0/0 in the rescale), one above and one below max_value"),
    reg("max_norm", {"axis": (0, 1, 2)}, desc="conv", inputs={"W": normal(3, 3, 4, 5, scale=0.5)},
        note="(kh, kw, in, out) kernel, one norm per output filter"),
    reg("early_stopping", inputs=VALIDATION, epochs=20, lr=0.3,
        note="a U-shaped validation curve: stops at the first epoch without improvement"),
    reg("early_stopping", {"patience": 2, "restore_best_weights": True}, desc="patience_zigzag", inputs=VALIDATION,
        epochs=12, lr=0.76, note="lr ≈ 1.9/λmax: the validation loss zigzags; patience 2 outlives every single "
                                  "bad epoch (patience 0 or 1 would stop at epoch 2), so training runs out of "
                                  "epochs, and the best weights are still restored"),
    reg("early_stopping", {"patience": 1, "min_delta": 0.01}, desc="min_delta", inputs=VALIDATION, epochs=20, lr=0.4,
        note="the 4th epoch improves by 0.002 < min_delta: stops one epoch before min_delta=0 would"),
    reg("early_stopping", {"patience": 3, "restore_best_weights": True}, desc="restore", inputs=VALIDATION,
        epochs=20, lr=0.4, note="stops 3 epochs after the minimum and puts the best epoch's weights back"),
    reg("early_stopping", desc="plateau", inputs=VALIDATION, epochs=8, lr=1e-11,
        note="improvements of ~1e-11 per epoch: real in float64, below float32's resolution; float32 "
             "weights do not move at all, so the float32 values tie exactly"),
]

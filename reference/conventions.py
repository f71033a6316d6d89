"""The reference's own conventions, written once.

Framework conventions (weight layouts, default hyperparameters, reductions) are mapped
to these in ``torch_impl.layout``, ``tf_impl.layout`` and ``conformance.divergences``.
"""

# Inputs are batch-major: x has shape (N, features) (or (N, ..., features)); a loss sees
# y_pred, y_true of shape (N, C). Features are the last axis.
FEATURE_AXIS = -1

# Dense computes y = x @ W + b with W of shape (in_features, out_features), b of shape (out_features,).
DENSE_KERNEL_LAYOUT = "in_out"

# Maxout groups its units*pieces pre-activations as (units, pieces): unit u takes columns
# u*pieces ... u*pieces + pieces - 1.
MAXOUT_GROUPING = "units_pieces"

# Arrays keep the input's dtype; both are supported.
DTYPES = ("float32", "float64")

# Loss reductions. "none" keeps the natural per-item shape: per element for elementwise
# losses (MSE, MAE, Huber, BCE, half-SSE), per sample for cross-entropies and NLL.
# "mean" divides the sum by the number of items in that shape; "sum" adds them all.
REDUCTIONS = ("mean", "sum", "none")

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

# Images are channels-last: (N, H, W, C); sequences (N, L, C); the channels are the feature axis above.
# torch's image layers take channels-first (N, C, H, W): their builders declare
# ``Built.input_layout="channels_first"`` and the runners move the channel axis (reference.registry.into_layout).
IMAGE_LAYOUT = "channels_last"
LAYOUTS = ("channels_last", "channels_first")

# Flatten orders the features of (N, H, W, C) as that array is stored, channels fastest: feature
# (h·W + w)·C + c is x[n, h, w, c] (Keras Flatten, whatever its data_format). "channels_first" is
# torch's nn.Flatten on (N, C, H, W): feature (c·H + h)·W + w. The two differ by a permutation
# (reference.layers.flatten.Flatten.permutation), which a Dense layer after the flatten carries in its rows.
FLATTEN_ORDER = "channels_last"
FLATTEN_ORDERS = ("channels_last", "channels_first")

# Batch normalization's momentum is the fraction of a running statistic kept at each training step
# (as Keras BatchNormalization, Flax, and an optimizer's β):
#     running ← momentum·running + (1 − momentum)·batch statistic
# torch's BatchNorm momentum is the weight of the new batch: torch momentum = 1 − momentum
# (torch_impl/layers/batch_norm.py, the one place it is mapped). momentum=None is torch's cumulative
# average (running ← (1 − 1/t)·running + (1/t)·batch at the t-th batch).
# The running variance is updated with the unbiased batch variance σ²·M/(M − 1) (as torch; Keras uses
# the biased σ²: option unbiased_running_var); the normalization always divides by M (biased) in both.
BATCH_NORM_MOMENTUM = "kept_fraction"

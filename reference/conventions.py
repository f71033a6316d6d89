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

# --- Convolution (conv1d, conv2d, conv2d_transpose) ---------------------------------------------------------------
# x (N, L, C) / (N, H, W, C), channels last. Kernel (*k, C/groups, F) = Keras Conv1D/Conv2D's kernel; torch stores
# (F, C/groups, *k) (``torch_impl/layout.py`` "out_in"). groups G: input channels g·C/G … and filters g·F/G … form
# group g (torch's and Keras's grouping; depthwise is G = C, F = C·multiplier, filter c·multiplier + m on channel c).
# The transposed convolution's kernel is (*k, C_in, F) too (its input channels first): Keras Conv2DTranspose stores
# (*k, F, C_in) ("swap_in_out"), torch ConvTranspose2d (C_in, F, *k) ("in_out").
# Padding: "valid" (none), "same", or explicit zeros p per axis on both sides (torch's padding ints; Keras:
# ZeroPadding before a "valid" convolution). "same" is TensorFlow's: output ceil(size/s), total padding
#     max((ceil(size/s) − 1)·s + (k − 1)·d + 1 − size, 0), before = total // 2, the odd one at the end,
# for any stride; torch's padding="same" (stride 1 only) pads the same way (the extra at the end).
# The transposed convolution is the adjoint (input gradient) of the convolution with those settings: output
# (L − 1)·s + (k − 1)·d + 1 − 2p + output_padding cropped symmetrically (torch), or for "same" L·s, cropping
# total = max((k − 1)·d + 1 − s, 0) with total // 2 at the start (TensorFlow's conv2d_transpose "SAME").
CONV_PADDINGS = ("valid", "same")
CONV_SAME_PADDING = "extra_at_end"


def same_padding(size: int, k: int, s: int, d: int = 1) -> tuple[int, int]:
    """TensorFlow's "SAME" on one spatial axis of ``size`` (kernel or window k, stride s, dilation d):
    the output has ⌈size/s⌉ positions, total = max((⌈size/s⌉ − 1)·s + (k − 1)·d + 1 − size, 0) cells of
    padding, total // 2 before and the rest (the odd one) after. Convolutions and pooling, in the reference
    and in the framework layers composed where a framework lacks it (torch's strided "same", Keras's
    window-size average), all take it from here; Keras's own SAME layers check it."""
    total = max((-(-size // s) - 1) * s + (k - 1) * d + 1 - size, 0)
    return total // 2, total - total // 2

# --- Recurrent layers (simple_rnn, lstm, gru) -------------------------------------------------------------------
# Input (N, T, F), batch-first (torch ``batch_first=True``; Keras's only layout). Per direction the parameters are
#     W (F, G·H) input kernel, U (H, G·H) recurrent kernel, b (G·H,) input bias,
#     recurrent_b (G·H,) recurrent bias (``recurrent_bias=True``, torch's two biases and Keras GRU reset_after=True's
#     second bias row; False: b only, as Keras LSTM, SimpleRNN and GRU reset_after=False),
# with the G gate blocks along G·H in Keras's order (RECURRENT_GATES): torch's LSTM order i, f, g, o is the same;
# torch's GRU order r, z, n swaps the first two blocks (``torch_impl/layout.py`` "gru_gates").
# The backward direction's parameters carry the suffix "_reverse" (torch's ``weight_ih_l0_reverse``).
# Initial state: zeros, or ``initial_state="learned"``: parameters h0 (H,) (and c0 (H,) for lstm) per direction,
# one state shared by every sample (broadcast over the batch, as a learned initial state is in both frameworks).
# return_sequences=False gives the last output (N, H); bidirectional concatenates [forward, backward] on the feature
# axis, the backward direction time-aligned, so its "last" output is its final state, at t = 0 (torch's h_n, Keras
# Bidirectional(merge_mode="concat")).
RECURRENT_GATES = {"simple_rnn": ("h",), "lstm": ("i", "f", "c", "o"), "gru": ("z", "r", "h")}
RECURRENT_INITIAL_STATES = ("zeros", "learned")

# --- pooling and embedding (reference/layers/pooling.py, *_pool*.py, embedding.py) -------------------------------
# Pools take channels-last input, (N, L, C) or (N, H, W, C), with Keras's arguments pool_size, strides (None: the
# pool size) and padding. padding="same" is TensorFlow's SAME: ⌈n/s⌉ outputs, total padding
# t = max((⌈n/s⌉ − 1)·s + k − n, 0), ⌊t/2⌋ before and the rest after (torch pads symmetrically only).
# Max pooling pads with −inf and routes a window's gradient to its first maximum in row-major window order
# (torch and TensorFlow alike). Average pooling divides by the window's input cells (divisor="input_cells",
# Keras) or by the window size, padded cells counting as zeros (divisor="window_size", torch's default
# count_include_pad=True). Global max pooling sends a tied maximum's gradient to the first one (ties="first",
# torch AdaptiveMaxPool) or splits it (ties="split", Keras GlobalMaxPooling, torch amax).
# Embedding: W is (num_embeddings, embedding_dim) in all three; its input is integer indices (Module.input_kind
# "int": no input gradient); padding_idx (torch's) is a row looked up as usual whose gradient is zero.
POOLING_PADDING = "tensorflow_same"
POOLING_DIVISORS = ("input_cells", "window_size")
GLOBAL_MAX_TIES = ("first", "split")

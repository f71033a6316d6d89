"""Cases for the normalization layers (batch_norm, batch_norm_2d, layer_norm) and flatten.

Batch normalization is stateful: each case runs ``setup["steps"]`` training batches (output, gradients and
running statistics compared per step), then an evaluation forward with the final state
(``conformance.harness._stateful_check``). A case with ``setup["variants"] = {"keras": "channels_first"}``
builds Keras's layer as a user of channels-first arrays does (``axis=1``, ``data_format="channels_first"``).
"""
from conformance.case import Case
from conformance.inputs import normal

KERAS_NCHW = {"variants": {"keras": "channels_first"}}
SHIFTED = ("features far from zero mean (μ ≈ 3, σ ≈ 0.5), as after a ReLU: x − μ cancels, and Keras's "
           "x·inv + (β − μ·inv) cancels in another place")

CASES = [
    # --- batch_norm: (N, C) and (N, L, C); torch BatchNorm1d ---------------------------------------------
    Case("batch_norm", "layer", {"x": normal(16, 5)}, {"features": 5}, setup={"steps": 3}),
    Case("batch_norm", "layer", {"x": normal(4, 6, 3)}, {"features": 3}, desc="sequence", setup={"steps": 3},
         note="(N, L, C): statistics over N·L values per feature; torch takes (N, C, L)"),
    Case("batch_norm", "layer", {"x": normal(2, 4)}, {"features": 4}, desc="batch_of_two", setup={"steps": 3},
         gradcheck=False,
         note="M = 2 values per feature: the unbiased running variance is twice the biased one. Finite differences "
              "fail in training: x̂ = ±σ/√(σ² + ε) hardly moves, so the true dx (∝ ε/σ²) is tiny beside dy and the "
              "differences' round-off"),
    Case("batch_norm", "layer", {"x": normal(12, 4, loc=3.0, scale=0.5)}, {"features": 4, "momentum": 0.5},
         desc="shifted", setup={"steps": 3}, note=SHIFTED + "; momentum 0.5 moves the state far in 3 steps"),
    Case("batch_norm", "layer", {"x": normal(8, 3)}, {"features": 3, "center": False, "scale": False},
         desc="no_affine", setup={"steps": 3}, note="no γ, no β (torch affine=False, Keras center=scale=False)"),
    Case("batch_norm", "layer", {"x": normal(8, 3, scale=2.0)}, {"features": 3, "momentum": None},
         desc="cumulative", setup={"steps": 4},
         note="momentum=None: the running statistics are the average of every batch (torch; composed in Keras)"),
    Case("batch_norm", "layer", {"x": normal(8, 3)}, {"features": 3}, desc="keras_channels_first", setup=KERAS_NCHW,
         note="Keras BatchNormalization(axis=1) on (N, C): for 2-D input axis 1 is the last axis"),
    # --- batch_norm_2d: images (N, H, W, C); torch BatchNorm2d on (N, C, H, W) ------------------------------
    Case("batch_norm_2d", "layer", {"x": normal(2, 4, 3, 3)}, {"features": 3}, setup={"steps": 3}),
    Case("batch_norm_2d", "layer", {"x": normal(2, 4, 3, 3)}, {"features": 3}, desc="keras_channels_first",
         setup={**KERAS_NCHW, "steps": 3},
         note="Keras BatchNormalization(axis=1) on (N, C, H, W), a channels-first user"),
    Case("batch_norm_2d", "layer", {"x": normal(3, 3, 2, 4, loc=3.0, scale=0.5)}, {"features": 4, "momentum": 0.5},
         desc="shifted", setup={"steps": 3}, note=SHIFTED),
    Case("batch_norm_2d", "layer", {"x": normal(2, 3, 3, 2, scale=2.0)}, {"features": 2, "momentum": None},
         desc="cumulative", setup={"steps": 4}, note="momentum=None: the cumulative average (composed in Keras)"),
    # --- layer_norm ----------------------------------------------------------------------------------------------
    Case("layer_norm", "layer", {"x": normal(8, 6)}, {"normalized_shape": 6}),
    Case("layer_norm", "layer", {"x": normal(2, 5, 6)}, {"normalized_shape": 6}, desc="sequence",
         note="(N, T, F): each token normalized over its F features"),
    Case("layer_norm", "layer", {"x": normal(3, 4, 5)}, {"normalized_shape": (4, 5)}, desc="two_axes",
         note="normalized over the last two axes; γ and β of shape (4, 5)"),
    Case("layer_norm", "layer", {"x": normal(6, 4)}, {"normalized_shape": 4, "center": False}, desc="no_center",
         note="γ only (torch bias=False)"),
    Case("layer_norm", "layer", {"x": normal(6, 4)}, {"normalized_shape": 4, "center": False, "scale": False},
         desc="no_affine", note="neither γ nor β (torch elementwise_affine=False)"),
    Case("layer_norm", "layer", {"x": normal(6, 8, loc=3.0, scale=0.5)}, {"normalized_shape": 8}, desc="shifted",
         note=SHIFTED),
    # --- flatten ---------------------------------------------------------------------------------------------------
    Case("flatten", "layer", {"x": normal(2, 3, 4, 5)}, {}),
    Case("flatten", "layer", {"x": normal(2, 3, 4)}, {}, desc="sequence", note="(N, L, C) -> (N, L·C)"),
    Case("flatten", "layer", {"x": normal(3, 4)}, {}, desc="features", note="(N, F) is returned as is"),
    Case("flatten", "layer", {"x": normal(2, 3, 4, 5)}, {}, desc="keras_channels_first", setup=KERAS_NCHW,
         note="Keras Flatten(data_format='channels_first') on (N, C, H, W) orders channels-last"),
    Case("flatten", "layer", {"x": normal(2, 3, 4, 5)}, {"order": "channels_first"}, desc="order_channels_first",
         note="(C, H, W) order: torch's nn.Flatten on NCHW, Keras Flatten() given NCHW as stored"),
]

"""Divergences of the normalization layers and flatten (see the package docstring for the fields).

Measured effects (max |Δ| of the native run against the reference, float64) are in the report of
``rosetta check --only 'batch_norm*,layer_norm,flatten'``; the numbers quoted were measured on torch 2.13.0 /
Keras 3.15 / TF 2.21 (CPU). Keras passes its Python-float momentum and epsilon into float64 arithmetic
exactly (``tensor * 0.99`` converts to the tensor's dtype), so no float32-rounding record exists here: every
float64 mapped run agrees at round-off.
"""
from conformance.divergences import Divergence

KERAS_BN = "keras/src/layers/normalization/batch_normalization.py"
TORCH_BN = "torch/nn/modules/batchnorm.py"


def _batch_norm(component: str) -> list[Divergence]:
    """The batch-normalization records, one set per component (batch_norm, batch_norm_2d)."""
    return [
        Divergence(
            component=component, framework="torch",
            what="torch's BatchNorm momentum is the weight of the new batch",
            framework_value="running ← (1 − momentum)·running + momentum·batch, momentum=0.1; 0.9 passed as is keeps "
                            "a tenth of the running statistics (3 steps: running_mean off by 0.53, eval output by 1.1)",
            reference_value="momentum = the fraction kept: running ← m·running + (1 − m)·batch, m = 0.9 "
                            "(as Keras; reference.conventions.BATCH_NORM_MOMENTUM)",
            mapping="the builder passes momentum = 1 − m (torch_impl/layers/batch_norm.py torch_momentum); native: "
                    "m passed unchanged (a Keras momentum=0.9 ported as is)",
            variant="momentum_as_given", cases=("default",),
            source=TORCH_BN + " (_BatchNorm.forward: exponential_average_factor = self.momentum)",
        ),
        Divergence(
            component=component, framework="keras",
            what="default epsilon of keras.layers.BatchNormalization",
            framework_value="epsilon=1e-3 (unit-variance features: outputs and gradients off by ~3e-3, 0.05% of σ²)",
            reference_value="epsilon=1e-5 (as torch)",
            mapping="the builder passes epsilon explicitly", variant="default_epsilon", cases=("default",),
            source=KERAS_BN + " (__init__: epsilon=1e-3)",
        ),
        Divergence(
            component=component, framework="keras",
            what="default momentum of keras.layers.BatchNormalization",
            framework_value="momentum=0.99 (the fraction kept, as the reference's): the running statistics move 10× "
                            "slower (3 steps: running_mean off by 0.08, eval output by 0.07)",
            reference_value="momentum=0.9 (torch's default 0.1 in its form)",
            mapping="the builder passes momentum explicitly", variant="default_momentum", cases=("default",),
            source=KERAS_BN + " (__init__: momentum=0.99)",
        ),
        Divergence(
            component=component, framework="keras",
            what="Keras updates moving_variance with the biased batch variance",
            framework_value="moving_variance ← m·moving_variance + (1 − m)·σ² (σ² divides by M, as in the "
                            "normalization): low by a factor (M − 1)/M per batch (M = 16: running_var off by 0.02, "
                            "eval output by 0.02; M = 12: 0.11)",
            reference_value="unbiased_running_var=True: σ²·M/(M − 1), as torch (the normalization divides by M in all "
                            "three)",
            mapping="reference_map: unbiased_running_var=False",
            reference_map=lambda kw: {**kw, "unbiased_running_var": False},
            cases=("default", "shifted"),
            source=KERAS_BN + " (call: moving_variance.assign(... variance * (1.0 - momentum)) with variance from "
                              "ops.moments)",
        ),
        Divergence(
            component=component, framework="keras",
            what="Keras has no cumulative moving average (torch momentum=None)",
            framework_value="an exponential moving average only (default momentum=0.99); no batch count (4 steps: "
                            "running_var off by 5.0, eval output by 2.6)",
            reference_value="momentum=None: the average of every batch so far, with its count",
            mapping="composed: a BatchNormalization subclass sets momentum = 1 − 1/t before its t-th training call "
                    "(tf_impl/layers/batch_norm.py CumulativeBatchNormalization); native: BatchNormalization()",
            variant="default_momentum", cases=("cumulative",),
            source=KERAS_BN + " (call: moving_mean * self.momentum + mean * (1.0 - self.momentum))",
        ),
    ]


DIVERGENCES: list[Divergence] = [
    *_batch_norm("batch_norm"),
    *_batch_norm("batch_norm_2d"),
    # --- layer_norm -------------------------------------------------------------------------------------
    Divergence(
        component="layer_norm", framework="keras",
        what="default epsilon of keras.layers.LayerNormalization",
        framework_value="epsilon=1e-3 (unit-variance samples: outputs and gradients off by ~4e-3)",
        reference_value="epsilon=1e-5 (as torch.nn.LayerNorm)",
        mapping="the builder passes epsilon explicitly", variant="default_epsilon", cases=("default", "two_axes"),
        source="keras/src/layers/normalization/layer_normalization.py (__init__: epsilon=1e-3)",
    ),
    # --- flatten ----------------------------------------------------------------------------------------
    Divergence(
        component="flatten", framework="torch",
        what="flattening NCHW orders features differently, which permutes the next Dense layer's weights",
        framework_value="nn.Flatten() on (N, C, H, W): order (C, H, W), feature (c·H + h)·W + w: the same values, "
                        "permuted (off by 3.4 on N(0, 1) inputs)",
        reference_value="order='channels_last': (H, W, C), feature (h·W + w)·C + c, as Keras Flatten in either "
                        "data_format",
        mapping="reference_map: order='channels_first' (Flatten.permutation maps a Dense kernel between the two)",
        reference_map=lambda kw: {**kw, "order": "channels_first"},
        cases=("default", "sequence"),
        source="torch/nn/modules/flatten.py (Flatten.forward: input.flatten(start_dim=1))",
    ),
]

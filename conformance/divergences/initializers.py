"""Divergences of initializers (see the package docstring for the fields).

The native run draws the framework's own same-named initializer (or its layer's default) and
tests it against the reference distribution; its effect is the KS statistic D (check ``ks``, the
only statistical record with a number in ``max_abs_err``) or, for deterministic ones, the largest
difference (``exact``).
"""
from conformance.divergences import Divergence

_SCALING = "keras/src/initializers/random_initializers.py"

DIVERGENCES: list[Divergence] = [
    # --- torch ---------------------------------------------------------------------------
    Divergence(
        component="glorot_uniform", framework="torch",
        what="torch.nn.Linear's default weight init is not Glorot",
        framework_value="kaiming_uniform_(a=√5) = U(±1/√fan_in)",
        reference_value="Glorot U(±√(6/(fan_in+fan_out))), Keras Dense's default",
        mapping="torch.nn.init.xavier_uniform_(linear.weight) after construction",
        variant="torch_layer_default", cases=("dense_layer",),
        source="torch/nn/modules/linear.py (reset_parameters)",
    ),
    Divergence(
        component="zeros", framework="torch",
        what="torch.nn.Linear's default bias is not zeros",
        framework_value="U(±1/√fan_in)", reference_value="zeros, Keras Dense's default bias",
        mapping="torch.nn.init.zeros_(linear.bias) after construction",
        variant="torch_layer_default", cases=("dense_bias",),
        source="torch/nn/modules/linear.py (reset_parameters)",
    ),
    Divergence(
        component="truncated_normal", framework="torch",
        what="trunc_normal_ bounds are absolute",
        framework_value="a=-2, b=2 whatever mean and std",
        reference_value="mean ± 2·std",
        mapping="pass a = mean − 2·std, b = mean + 2·std",
        variant="absolute_bounds", cases=("std_0.05", "shifted"),
        source="torch/nn/init.py (trunc_normal_)",
    ),
    # --- Keras ---------------------------------------------------------------------------
    Divergence(
        component="constant", framework="keras",
        what="Constant casts a Python float through float32",
        dtypes=("float64",),  # float32 round-off hides it (tests/test_honesty.py)
        framework_value="Constant(0.1) fills float64 with 0.10000000149",
        reference_value="0.1 rounded once to the dtype",
        mapping="Constant(np.float64(value))",
        variant="python_float", cases=("value", "large"),
        source="keras/src/initializers/constant_initializers.py (Constant.__call__: ops.cast)",
    ),
    Divergence(
        component="random_normal", framework="keras",
        what="RandomNormal default stddev", framework_value="mean 0, stddev 0.05", reference_value="mean 0, std 1",
        mapping="pass mean and stddev", variant="keras_default", source=_SCALING,
    ),
    Divergence(
        component="random_uniform", framework="keras",
        what="RandomUniform default range", framework_value="[-0.05, 0.05)", reference_value="[0, 1)",
        mapping="pass minval and maxval", variant="keras_default", source=_SCALING,
    ),
    Divergence(
        component="truncated_normal", framework="keras",
        what="TruncatedNormal default stddev", framework_value="stddev 0.05", reference_value="std 1",
        mapping="pass mean and stddev", variant="keras_default", source=_SCALING,
    ),
    *[Divergence(
        component=name, framework="keras",
        what=f"Keras {cls} is a truncated normal",
        framework_value="N(0, σ′²) cut at ±2σ′, σ′ = σ/0.8796 (std σ)",
        reference_value="N(0, σ²), untruncated (torch xavier/kaiming_normal_)",
        mapping="VarianceScaling(..., distribution='untruncated_normal'); the reference's truncated=True is "
                f"{cls}'s distribution",
        variant="truncated", source=f"{_SCALING} ({cls}, VarianceScaling)",
    ) for name, cls in (("glorot_normal", "GlorotNormal"), ("he_normal", "HeNormal"), ("lecun_normal", "LecunNormal"))],
]

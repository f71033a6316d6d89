"""Divergences of elementwise activations (see the package docstring for the fields).

Measured effects (max |Δ| of the native run against the reference) are in the report of
``rosetta check --only <component>``; the numbers quoted in ``what`` were measured on
torch 2.13.0 / Keras 3.15.1 / TF 2.21 (CPU).
"""
from conformance.divergences import Divergence, default, f32


DIVERGENCES: list[Divergence] = [
    # --- leaky_relu -------------------------------------------------------------------
    Divergence(
        component="leaky_relu", framework="keras",
        what="default negative slope of keras.layers.LeakyReLU",
        framework_value="negative_slope=0.3 (keras.activations / keras.ops.leaky_relu: 0.2)",
        reference_value="negative_slope=0.01 (as torch.nn.LeakyReLU)",
        mapping="the builder passes negative_slope explicitly",
        variant="keras_default",
        cases=("default", "kink"),
        source="keras/src/layers/activations/leaky_relu.py:38; keras/src/backend/tensorflow/nn.py:104",
    ),
    Divergence(
        component="leaky_relu", framework="keras",
        what="the slope is a float32 op attribute of tf.nn.leaky_relu",
        dtypes=("float64",),  # float32 round-off hides it (tests/test_honesty.py)
        framework_value="f32(negative_slope), also in float64 (0.01 -> 0.009999999776)",
        reference_value="negative_slope in the array's dtype",
        mapping="reference_map: negative_slope rounded to float32",
        reference_map=lambda kw: {**kw, "negative_slope": f32(
            kw.get("negative_slope", default("activation", "leaky_relu", "negative_slope")))},
        cases=("default", "slope_0.2", "wide"),
        source="tensorflow/python/ops/nn_ops.py:3699 (gen_nn_ops.leaky_relu(features, alpha=alpha))",
    ),
    # --- selu -------------------------------------------------------------------------
    Divergence(
        component="selu", framework="keras",
        what="gradient of tf.nn.selu at exactly x = 0",
        framework_value="λ = 1.0507, the right-hand slope (SeluGrad tests outputs < 0)",
        reference_value="grad_at_zero='left' (default): λα = 1.7581, the left-hand slope, as torch.nn.SELU "
                        "and ELU in both frameworks",
        mapping="reference_map: grad_at_zero='right'",
        reference_map=lambda kw: {**kw, "grad_at_zero": "right"},
        cases=("kink",),
        source="keras/src/backend/tensorflow/nn.py:125 (tf.nn.selu); tensorflow/python/ops/nn_grad.py:465 "
               "(_SeluGrad -> gen_nn_ops.selu_grad on the outputs)",
    ),
    Divergence(
        component="selu", framework="keras",
        what="tf.nn.selu computes λα(exp(x) − 1), not expm1: for −5.6e-17 < x < 0 (float32: −3e-8) "
             "exp(x) rounds to 1",
        framework_value="output 0 (true λα·x: |Δ| < 1e-16), gradient λ = 1.0507 instead of λα = 1.7581 "
                        "(SeluGrad tests outputs < 0): 0.707 × |dy| (1.36 on this case's dy)",
        reference_value="output λα·expm1(x), gradient λα·exp(x) = 1.7581",
        mapping="none: no argument of the op and no reference option reproduces the rounding",
        irreducible=True,
        cases=("tiny_negative",),
        checks=("grad_input",),
        source="tensorflow/python/ops/nn_ops.py (selu -> gen_nn_ops.selu, kernel: scale_alpha * (exp(x) - 1)); "
               "tensorflow/python/ops/nn_grad.py:465 (_SeluGrad on the outputs)",
    ),
    # --- softplus ---------------------------------------------------------------------
    Divergence(
        component="softplus", framework="torch",
        what="torch.nn.Softplus returns y = x where β·x > threshold",
        dtypes=("float64",),  # float32 round-off hides it (tests/test_honesty.py)
        framework_value="threshold=20: off by e^{-βx}/β (≤ 2.1e-9) in y and dy/dx just above it",
        reference_value="exact softplus, no threshold",
        mapping="the builder passes threshold=40, where the linear branch is exact in float64",
        variant="default_threshold",
        cases=("near_threshold", "near_threshold_beta_2", "extremes"),
        source="torch/nn/modules/activation.py (class Softplus, threshold=20.0)",
    ),
    # --- sigmoid ------------------------------------------------------------------------
    *(Divergence(
        component="sigmoid", framework=fw,
        what="the derivative is y(1 − y), from the rounded output",
        framework_value="dx = dy·y·(1 − y): near saturation 1 − y keeps only the digits y has left (relative "
                        "error ~e^{x}·u: x = 15 in float32 loses 20 %)",
        reference_value="dx = dy·σ(x)·σ(−x), accurate at any x",
        mapping="reference_map: grad_from_output=True",
        reference_map=lambda kw: {**kw, "grad_from_output": True},
        cases=("saturated",),
        source=source,
    ) for fw, source in (("torch", "aten/src/ATen/native/cpu/BinaryOpsKernel.cpp (sigmoid_backward_kernel: "
                                   "a * (1 - b) * b on the output b)"),
                         ("keras", "tensorflow/core/kernels/cwise_ops.h (scalar_sigmoid_gradient_op: "
                                   "output * (1 - output) * grad)"))),
    # --- hard_sigmoid -----------------------------------------------------------------
    Divergence(
        component="hard_sigmoid", framework="torch",
        what="torch.nn.Hardsigmoid's backward multiplies by float32 1/6 in every dtype",
        framework_value="dx = dy · 0.1666666716 (3.0e-8 relative above 1/6) inside (−3, 3)",
        reference_value="grad_sixth='exact': dy / 6",
        mapping="reference grad_sixth='float32' (no torch argument changes the kernel)",
        reference_map=lambda kw: {**kw, "grad_sixth": "float32"},
        cases=("default", "kink"),
        dtypes=("float64",),  # in float32, 1/6 is the run's own precision
        source="aten/src/ATen/native/cpu/Activation.cpp (hardsigmoid_backward_kernel: one_sixth(1.0f / 6.0f))",
    ),
    # --- hard_tanh --------------------------------------------------------------------
    Divergence(
        component="hard_tanh", framework="keras",
        what="gradient of tf.clip_by_value at x == min_val or max_val",
        framework_value="1 (the gradient passes: only x < min and x > max are masked)",
        reference_value="grad_at_bounds=0.0 (default): the flat side, as torch.nn.Hardtanh, relu'(0) and "
                        "hard_sigmoid",
        mapping="reference_map: grad_at_bounds=1.0",
        reference_map=lambda kw: {**kw, "grad_at_bounds": 1.0},
        cases=("kink", "kink_bounds"),
        source="tensorflow/python/ops/clip_ops.py:140-144 (_clip_by_value_grad); "
               "keras/src/backend/tensorflow/numpy.py:1198 (clip)",
    ),
    # --- gelu -------------------------------------------------------------------------
    Divergence(
        component="gelu", framework="keras",
        what="tf.nn.gelu casts its constants through float32 in every dtype",
        framework_value="exact form erfc(−x·f32(1/√2)), f32(1/√2) = 0.70710676908 (−1.7e-8 relative); tanh form "
                        "coeff f32(0.044715) = 0.0447149985 (−3.5e-8 relative)",
        reference_value="constants='exact': 1/√2 and 0.044715 in the run's dtype",
        mapping="reference constants='float32' (Keras has no switch)",
        reference_map=lambda kw: {**kw, "constants": "float32"},
        cases=("default", "tanh", "extremes", "extremes_tanh"),
        dtypes=("float64",),  # in float32 the constants are the run's own precision
        source="tensorflow/python/ops/nn_ops.py:3747 (tanh form), :3756 (exact form): math_ops.cast(<Python float>, "
               "dtype) goes through float32",
    ),
    Divergence(
        component="gelu", framework="keras",
        what="default of keras.ops.gelu",
        framework_value="approximate=True (keras.activations.gelu / Activation('gelu'): False)",
        reference_value="approximate='none' (exact), as torch.nn.GELU",
        mapping="the builder calls keras.activations.gelu with approximate passed explicitly",
        variant="ops_default",
        cases=("default",),
        source="keras/src/ops/nn.py:635; keras/src/activations/activations.py:338",
    ),
    # --- sign -------------------------------------------------------------------------
    Divergence(
        component="sign", framework="torch",
        what="torch.sign(0) = 0",
        framework_value="sign(0) = 0 (three values)",
        reference_value="value_at_zero (default +1: two values, ±1)",
        mapping="torch.where(x == 0, value_at_zero, torch.sign(x)) (torch_impl/activations/sign.py)",
        variant="zero_at_zero",
        cases=("default", "minus_at_zero"),
        source="torch.sign (aten sign)",
    ),
    Divergence(
        component="sign", framework="keras",
        what="keras.ops.sign(0) = 0",
        framework_value="sign(0) = 0 (three values; tf.sign)",
        reference_value="value_at_zero (default +1: two values, ±1)",
        mapping="keras.ops.where(x == 0, value_at_zero, keras.ops.sign(x)) (tf_impl/activations/sign.py)",
        variant="zero_at_zero",
        cases=("default", "minus_at_zero"),
        source="keras/src/backend/tensorflow/numpy.py:2890 (sign)",
    ),
    # --- step -------------------------------------------------------------------------
    Divergence(
        component="step", framework="keras",
        what="keras.ops.heaviside converts a Python-float x2 through float32",
        dtypes=("float64",),  # float32 round-off hides it (tests/test_honesty.py)
        framework_value="f32(value_at_zero), also in float64 (0.1 -> 0.10000000149)",
        reference_value="value_at_zero in the array's dtype",
        mapping="the builder passes x2 as a tensor of x's dtype (keras.ops.convert_to_tensor)",
        variant="python_float",
        cases=("inexact_at_zero",),
        source="keras/src/backend/tensorflow/numpy.py:159 (heaviside: convert_to_tensor(x2))",
    ),
]

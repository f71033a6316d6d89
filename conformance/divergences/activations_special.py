"""Divergences of prelu, rrelu, softmax, log_softmax and maxout (see the package docstring for
the fields)."""
from conformance.divergences import Divergence

DIVERGENCES: list[Divergence] = [
    Divergence(
        component="prelu", framework="torch",
        what="nn.PReLU(num_parameters=C) indexes α along dim 1 (the C of NCHW), not the last axis",
        framework_value="α_c applies to x[:, c, ...]",
        reference_value="α_f applies to x[..., f] (features last)",
        mapping="move the last axis to dim 1 and back around nn.PReLU (torch_impl/activations/prelu.py)",
        variant="channels_dim1",
        cases=("3d_per_feature",),
        source="torch/nn/modules/activation.py (PReLU), torch/nn/functional.py (prelu)",
    ),
    Divergence(
        component="prelu", framework="keras",
        what="keras.layers.PReLU() starts at α = 0 with one α per element of input_shape[1:]",
        framework_value="alpha_initializer='Zeros', α shape input_shape[1:], shared only over the batch",
        reference_value="α = init = 0.25, shape (num_parameters,), shared over all axes but the last",
        mapping="alpha_initializer=Constant(np.float64(init)); leading axes folded into the batch, "
                "shared_axes=[1] when num_parameters == 1. The native run keeps Keras's own α = 0 (the "
                "reference's (num_parameters,) values do not fit its shape), so its Δ is |α·x| at x < 0 "
                "for the harness's α, and no α gradient comes back (tests/test_prelu.py measures each part)",
        variant="keras_default",
        cases=("default", "3d_per_feature"),
        source="keras/src/layers/activations/prelu.py",
    ),
    Divergence(
        component="prelu", framework="keras",
        what="gradient of keras.layers.PReLU at exactly x = 0",
        framework_value="0: the layer computes relu(x) − α·relu(−x), and relu'(0) = 0 in both terms",
        reference_value="grad_at_zero='alpha' (default): α, the left-hand slope, as torch.nn.PReLU "
                        "(x > 0 ? 1 : α) and LeakyReLU in both frameworks",
        mapping="reference_map: grad_at_zero='zero'",
        reference_map=lambda kw: {**kw, "grad_at_zero": "zero"},
        cases=("kink",),
        source="keras/src/layers/activations/prelu.py:74-77 (call)",
    ),
    Divergence(
        component="softmax", framework="torch",
        what="nn.Softmax() without dim picks a legacy implicit dim: 0 for 1-D and 3-D input, else 1",
        framework_value="nn.Softmax() normalises (N, T, F) over the batch axis N",
        reference_value="axis=-1",
        mapping="always pass dim=axis",
        variant="implicit_dim",
        cases=("3d",),
        source="torch/nn/functional.py (_get_softmax_dim), torch/nn/modules/activation.py (Softmax)",
    ),
    Divergence(
        component="log_softmax", framework="torch",
        what="nn.LogSoftmax() without dim picks a legacy implicit dim: 0 for 1-D and 3-D input, else 1",
        framework_value="nn.LogSoftmax() normalises (N, T, F) over the batch axis N",
        reference_value="axis=-1",
        mapping="always pass dim=axis",
        variant="implicit_dim",
        cases=("3d",),
        source="torch/nn/functional.py (_get_softmax_dim), torch/nn/modules/activation.py (LogSoftmax)",
    ),
    Divergence(
        component="maxout", framework="torch",
        what="nn.Linear stores the weight (out, in); the reference's W is (in, units·pieces)",
        framework_value="weight (units·pieces, in_features); z = x Wᵀ + b",
        reference_value="W (in_features, units·pieces); z = x W + b",
        mapping="W transposed on the way in and out (torch_impl/layout.py 'out_in')",
        variant="untransposed_weight",
        cases=("square",),
        source="torch/nn/modules/linear.py",
    ),
]

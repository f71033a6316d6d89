"""The max-norm constraint: the reference projection, its two ε-formulations, and the measured
formulations of torch.renorm and Keras MaxNorm that their builders declare (``fixed``) and the
divergence records map."""
import numpy as np
import pytest

import reference
from conformance import frameworks


def max_norm(**kw):
    return reference.get("regularizer", "max_norm")(**kw)


W = np.array([[3.0, 0.3, 0.0], [4.0, 0.4, 0.0]])        # column norms 5, 0.5, 0


def test_projection_with_epsilon_zero():
    out = max_norm(max_value=2.0)(W)
    np.testing.assert_allclose(np.linalg.norm(out, axis=0), [2.0, 0.5, 0.0], rtol=1e-15)
    np.testing.assert_array_equal(out[:, 1:], W[:, 1:])               # inside the ball: untouched
    np.testing.assert_array_equal(max_norm(max_value=2.0)(out), out)  # idempotent


def test_both_rescale_forms_agree_at_epsilon_zero():
    rng = np.random.default_rng(0)
    A = rng.standard_normal((6, 5)) * 2
    np.testing.assert_array_equal(max_norm(rescale="all")(A), max_norm(rescale="over_max")(A))


def test_epsilon_forms():
    """"all" also shrinks units inside the ball, by n/(n + ε); "over_max" leaves them alone."""
    eps = 1e-7
    keras_form = max_norm(max_value=2.0, epsilon=eps, rescale="all")(W)
    torch_form = max_norm(max_value=2.0, epsilon=eps, rescale="over_max")(W)
    np.testing.assert_allclose(keras_form[:, 1], W[:, 1] * 0.5 / (0.5 + eps), rtol=1e-15)
    np.testing.assert_array_equal(torch_form[:, 1], W[:, 1])
    np.testing.assert_allclose(torch_form[:, 0], keras_form[:, 0], rtol=1e-15)
    np.testing.assert_array_equal(keras_form[:, 2], 0.0)              # 0/(0 + ε) = 0


@pytest.mark.parametrize("axis,norms", [(0, (3,)), (1, (2,)), ((0, 1), ())])
def test_axis_names_the_reduced_axes(axis, norms):
    n = max_norm(axis=axis).norms(W)
    assert n.size == int(np.prod(norms))


def _fw(name):
    try:
        return frameworks.load(name)
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))


def _fixed(fw) -> dict:
    return fw.registry.get("regularizer", "max_norm").build().module.fixed


def test_torch_renorm_computes_the_formulation_its_builder_declares():
    """Measured: torch.renorm scales by max/(n + 1e-7) only where n > max."""
    fw = _fw("torch")
    import torch
    from torch_impl.layout import from_torch, to_torch
    fixed = _fixed(fw)
    assert fixed == {"epsilon": 1e-7, "rescale": "over_max"}
    out = from_torch("out_in", torch.renorm(torch.tensor(to_torch("out_in", W)), p=2, dim=0, maxnorm=2.0).numpy())
    np.testing.assert_allclose(out, max_norm(max_value=2.0, **fixed)(W), rtol=1e-15)
    assert abs(out[0, 0] - 1.2) > 1e-8                                # not the exact projection 3·2/5


def test_keras_maxnorm_computes_the_formulation_its_builder_declares():
    """Measured: Keras MaxNorm scales every unit by clip(n, 0, max)/(n + 1e-7), in float64 too."""
    fw = _fw("keras")
    import keras
    from tf_impl.runner import set_dtype
    set_dtype("float64")
    fixed = _fixed(fw)
    assert fixed == {"epsilon": 1e-7, "rescale": "all"}
    out = keras.ops.convert_to_numpy(keras.constraints.MaxNorm(2.0, axis=0)(keras.ops.convert_to_tensor(W)))
    np.testing.assert_allclose(out, max_norm(max_value=2.0, **fixed)(W), rtol=1e-15)
    assert out[0, 1] != W[0, 1]                                        # the unit inside the ball moved


@pytest.mark.parametrize("axis,rank,dim", [(0, 2, 0), (1, 2, 1), ((0, 1, 2), 4, 0), ((0, 1, 3), 4, 1)])
def test_torch_renorm_dim_for_the_reference_axis(axis, rank, dim):
    """The reference reduces ``axis`` of (*rf, in, out); torch keeps one dim of (out, in, *rf)."""
    _fw("torch")
    from torch_impl.regularizers.max_norm import renorm_dim
    assert renorm_dim(axis, rank) == dim


def test_torch_renorm_cannot_keep_two_dims():
    _fw("torch")
    from torch_impl.regularizers.max_norm import renorm_dim
    with pytest.raises(ValueError, match="exactly one dim"):
        renorm_dim(0, 4)

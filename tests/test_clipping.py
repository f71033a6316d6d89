"""Gradient clipping: reference values, torch's fixed ε, and what Keras allows."""
import numpy as np
import pytest

import reference

G = {"a": np.array([3.0, 4.0]), "b": np.array([0.0, 12.0])}        # norms 5 and 12, global 13


def clip(name, **kw):
    return reference.get("clipping", name)(**kw)


def test_global_norm_scales_every_tensor_alike():
    out = clip("global_norm", max_norm=1.3)(G)
    np.testing.assert_allclose(out["a"], [0.3, 0.4], rtol=1e-15)
    np.testing.assert_allclose(out["b"], [0.0, 1.2], rtol=1e-15)
    same = clip("global_norm", max_norm=100.0)(G)
    np.testing.assert_array_equal(same["a"], G["a"])


def test_per_tensor_norm_scales_each_tensor():
    out = clip("per_tensor_norm", max_norm=6.0)(G)
    np.testing.assert_array_equal(out["a"], G["a"])
    np.testing.assert_allclose(out["b"], [0.0, 6.0], rtol=1e-15)


def test_value_clips_elementwise_and_keeps_float32():
    out = clip("value", clip_value=3.5)({"a": G["a"].astype(np.float32)})
    assert out["a"].dtype == np.float32
    np.testing.assert_array_equal(out["a"], [3.0, 3.5])


def test_epsilon_reproduces_torch_clip_grad_norm():
    torch = pytest.importorskip("torch")
    import torch_impl
    torch_impl.load_all()
    fixed = torch_impl.REGISTRY.get("clipping", "global_norm").build(max_norm=1e-6).module.fixed   # torch's ε
    params = [torch.nn.Parameter(torch.zeros(2, dtype=torch.float64)) for _ in G]
    for p, g in zip(params, G.values()):
        p.grad = torch.from_numpy(g.copy())
    torch.nn.utils.clip_grad_norm_(params, 1e-6)
    ref = clip("global_norm", max_norm=1e-6, **fixed)(G)
    for p, k in zip(params, G):
        np.testing.assert_allclose(p.grad.numpy(), ref[k], rtol=1e-14)
    plain = clip("global_norm", max_norm=1e-6)(G)
    assert not np.allclose(plain["b"], ref["b"], rtol=1e-9, atol=0)      # the 1e-6 shows at this scale


def test_keras_takes_one_clipping_argument_only():
    pytest.importorskip("tf_impl")
    import keras
    with pytest.raises(ValueError, match="Only one of `clipnorm`, `clipvalue` and `global_clipnorm`"):
        keras.optimizers.SGD(clipnorm=1.0, global_clipnorm=1.0)

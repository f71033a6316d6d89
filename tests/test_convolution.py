"""Convolution layers: the reference against naive loops (written here only), TensorFlow's SAME convention, the
transposed convolution as conv2d's adjoint, shapes, the layouts, and bad arguments and inputs named at the boundary.
Finite differences run over the catalog's cases in test_gradcheck.py; the frameworks in test_conformance.py."""
import itertools
import math
import warnings

import numpy as np
import pytest

import reference
from conftest import load_or_skip
from reference.conventions import same_padding as same_pads

RNG = np.random.default_rng(7)


def _layer(name, **kwargs):
    return reference.get("layer", name)(**kwargs)


def naive_conv(x, W, b, strides, pads, dilation, groups):
    """Cross-correlation by loops over every output element, tap and channel; x (N, *S, C), W (*k, C/G, F)."""
    r = x.ndim - 2
    xp = np.pad(x, ((0, 0), *pads, (0, 0)))
    kernel, (cg, f) = W.shape[:r], W.shape[-2:]
    out = [(xp.shape[1 + i] - (kernel[i] - 1) * dilation[i] - 1) // strides[i] + 1 for i in range(r)]
    y = np.zeros((x.shape[0], *out, f))
    for n, o, j in itertools.product(range(x.shape[0]), itertools.product(*map(range, out)),
                                     itertools.product(*map(range, kernel))):
        pos = tuple(o[i] * strides[i] + j[i] * dilation[i] for i in range(r))
        for fo, c in itertools.product(range(f), range(cg)):
            g = fo // (f // groups)
            y[(n, *o, fo)] += xp[(n, *pos, g * cg + c)] * W[(*j, c, fo)]
    return y + (0 if b is None else b)


def naive_transpose(x, W, b, strides, start, length):
    """Each input pixel scatters x·W into a large zero array; the output is the window [start, start + length)."""
    n, h, w, _ = x.shape
    (kh, kw), f = W.shape[:2], W.shape[-1]
    full = np.zeros((n, (h - 1) * strides[0] + kh + 8, (w - 1) * strides[1] + kw + 8, f))
    for i, r, c, a, bb in itertools.product(range(n), range(h), range(w), range(kh), range(kw)):
        full[i, r * strides[0] + a, c * strides[1] + bb] += x[i, r, c] @ W[a, bb]
    return full[:, start[0]:start[0] + length[0], start[1]:start[1] + length[1]] + (0 if b is None else b)


CONV2D = [
    dict(kernel_size=3),
    dict(kernel_size=(2, 3), strides=(2, 1), padding="same"),
    dict(kernel_size=4, strides=2, padding="same"),
    dict(kernel_size=3, dilation=(2, 1), filters=4, groups=2),
    dict(kernel_size=3, padding=(1, 2), filters=8, groups=4, use_bias=False),
    dict(kernel_size=(3, 1), padding="same", strides=(3, 2), dilation=1),
]


@pytest.mark.parametrize("kwargs", CONV2D, ids=lambda kw: ",".join(f"{k}={v}" for k, v in kw.items()))
def test_conv2d_is_the_cross_correlation_of_the_padded_input(kwargs):
    conv = _layer("conv2d", **{"in_channels": 4, "filters": 6, **kwargs})
    x = RNG.standard_normal((2, 8, 7, 4))
    params = conv.init_params(RNG, 4)
    y = conv(x, params)
    pads = conv._pads(x.shape[1:3])
    want = naive_conv(x, params["W"], params.get("b"), conv.strides, pads, conv.dilation, conv.groups)
    np.testing.assert_allclose(y, want, rtol=1e-12, atol=1e-13)
    assert y.shape == conv.output_shape(x.shape)


@pytest.mark.parametrize("kwargs", [dict(kernel_size=3), dict(kernel_size=2, strides=3, padding="same", dilation=2),
                                    dict(kernel_size=3, padding=2, groups=3, filters=3)], ids=str)
def test_conv1d_is_the_cross_correlation_of_the_padded_input(kwargs):
    conv = _layer("conv1d", **{"in_channels": 3, "filters": 2, **kwargs})
    x = RNG.standard_normal((3, 10, 3))
    params = conv.init_params(RNG, 3)
    want = naive_conv(x, params["W"], params.get("b"), conv.strides, conv._pads((10,)), conv.dilation, conv.groups)
    np.testing.assert_allclose(conv(x, params), want, rtol=1e-12, atol=1e-13)


@pytest.mark.parametrize("size,k,s,d,want", [
    (8, 3, 2, 1, (0, 1)),      # even input, stride 2: the odd pixel at the end
    (7, 3, 2, 1, (1, 1)),
    (7, 4, 1, 1, (1, 2)),      # even kernel: more at the end (torch's padding="same" too)
    (7, 3, 1, 2, (2, 2)),
    (6, 1, 2, 1, (0, 0)),
    (5, 2, 3, 1, (0, 0)),      # k < s: windows never overlap, nothing to pad
    (6, 4, 3, 1, (0, 1)),
])
def test_same_padding_is_tensorflows(size, k, s, d, want):
    assert same_pads(size, k, s, d) == want
    out = (size + sum(want) - (k - 1) * d - 1) // s + 1
    assert out == math.ceil(size / s)


def test_torch_pads_same_at_stride_one_as_the_reference():
    """torch's padding="same" (stride 1) puts the odd pixel at the end as TensorFlow does: the reason the reference's
    convention needs no torch record at stride 1."""
    torch = pytest.importorskip("torch")
    load_or_skip("torch")
    x = torch.randn(1, 2, 7, 6, dtype=torch.float64)
    w = torch.randn(3, 2, 4, 2, dtype=torch.float64)
    with warnings.catch_warnings():
        # torch warns that an even kernel needs a padded copy, once per process (TORCH_WARN_ONCE): whether this
        # test sees it depends on what ran before it in the worker
        warnings.simplefilter("ignore", UserWarning)
        got = torch.nn.functional.conv2d(x, w, padding="same")
    (t, b), (le, r) = same_pads(7, 4, 1, 1), same_pads(6, 2, 1, 1)
    want = torch.nn.functional.conv2d(torch.nn.functional.pad(x, (le, r, t, b)), w)
    torch.testing.assert_close(got, want, rtol=0, atol=0)


TRANSPOSE = [
    dict(kernel_size=3),
    dict(kernel_size=3, strides=2),
    dict(kernel_size=3, strides=2, padding="same"),
    dict(kernel_size=(4, 2), strides=(2, 3), padding="same"),
    dict(kernel_size=2, strides=3),
    dict(kernel_size=3, strides=(2, 3), padding=(1, 0), output_padding=(1, 2), use_bias=False),
]


@pytest.mark.parametrize("kwargs", TRANSPOSE, ids=lambda kw: ",".join(f"{k}={v}" for k, v in kw.items()))
def test_conv2d_transpose_scatters_each_input_pixel(kwargs):
    layer = _layer("conv2d_transpose", **{"in_channels": 3, "filters": 2, **kwargs})
    x = RNG.standard_normal((2, 4, 3, 3))
    params = layer.init_params(RNG, 3)
    geometry = layer._geometry((4, 3))
    want = naive_transpose(x, params["W"], params.get("b"), layer.strides, *zip(*geometry))
    np.testing.assert_allclose(layer(x, params), want, rtol=1e-12, atol=1e-13)
    if layer.padding == "same":
        assert [length for _, length in geometry] == [4 * layer.strides[0], 3 * layer.strides[1]]


@pytest.mark.parametrize("padding,size", [("valid", (9, 7)), ("same", (8, 6)), ("valid", (10, 8))])
def test_conv2d_transpose_is_the_adjoint_of_conv2d(padding, size):
    """conv2d_transpose(x) = conv2d's input gradient for upstream x, with the same kernel (its in/out read the other
    way): <conv2d(u), v> = <u, conv2d_transpose(v)> for u of the size conv2d maps onto v's."""
    k, s = 3, 2
    conv = _layer("conv2d", in_channels=2, filters=3, kernel_size=k, strides=s, padding=padding, use_bias=False)
    u = RNG.standard_normal((2, *size, 2))
    W = RNG.standard_normal((k, k, 2, 3))
    y, cache = conv.forward(u, {"W": W})
    v = RNG.standard_normal(y.shape)
    transposed = _layer("conv2d_transpose", in_channels=3, filters=2, kernel_size=k, strides=s, padding=padding,
                        output_padding=tuple(n - conv_len for n, conv_len in zip(
                            size, ((y.shape[1] - 1) * s + k, (y.shape[2] - 1) * s + k))) if padding == "valid" else 0,
                        use_bias=False)
    got = transposed(v, {"W": np.swapaxes(W, -1, -2)})
    np.testing.assert_allclose(got, conv.backward(v, cache)[0], rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(np.sum(y * v), np.sum(u * got), rtol=1e-12)


def test_backward_against_loops():
    """dW[j, c, f] = Σ_{n, o} xp[n, o·s + j·d, c] dy[n, o, f] and dx scattered back, written as loops."""
    conv = _layer("conv2d", in_channels=2, filters=3, kernel_size=(2, 3), strides=(2, 1), padding=(1, 0), dilation=(1, 2))
    x = RNG.standard_normal((2, 6, 7, 2))
    params = conv.init_params(RNG, 2)
    y, cache = conv.forward(x, params)
    dy = RNG.standard_normal(y.shape)
    dx, grads = conv.backward(dy, cache)
    xp = np.pad(x, ((0, 0), (1, 1), (0, 0), (0, 0)))
    dxp, dW = np.zeros_like(xp), np.zeros_like(params["W"])
    for n, i, j, a, b in itertools.product(range(2), range(y.shape[1]), range(y.shape[2]), range(2), range(3)):
        r, c = i * 2 + a, j + 2 * b
        dW[a, b] += np.outer(xp[n, r, c], dy[n, i, j])
        dxp[n, r, c] += params["W"][a, b] @ dy[n, i, j]
    np.testing.assert_allclose(grads["W"], dW, rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(grads["b"], dy.sum(axis=(0, 1, 2)), rtol=1e-12)
    np.testing.assert_allclose(dx, dxp[:, 1:-1], rtol=1e-12, atol=1e-13)


def test_float32_stays_float32():
    conv = _layer("conv2d", in_channels=3, filters=2, kernel_size=3, padding="same", strides=2)
    x = RNG.standard_normal((1, 5, 5, 3)).astype(np.float32)
    params = {k: v.astype(np.float32) for k, v in conv.init_params(RNG, 3).items()}
    y, cache = conv.forward(x, params)
    dx, grads = conv.backward(np.ones_like(y), cache)
    assert y.dtype == dx.dtype == grads["W"].dtype == grads["b"].dtype == np.float32


def test_layouts_map_the_kernels_to_the_frameworks_shapes():
    torch = pytest.importorskip("torch")
    load_or_skip("torch")
    from torch_impl.layout import from_torch, to_torch
    W = RNG.standard_normal((4, 2, 3, 5))                    # (kh, kw, C_in, F)
    t = torch.nn.ConvTranspose2d(3, 5, (4, 2))
    assert to_torch("in_out", W).shape == tuple(t.weight.shape) == (3, 5, 4, 2)
    assert to_torch("in_out", W)[1, 2, 3, 0] == W[3, 0, 1, 2]
    np.testing.assert_array_equal(from_torch("in_out", to_torch("in_out", W)), W)
    assert to_torch("out_in", W).shape == tuple(torch.nn.Conv2d(3, 5, (4, 2)).weight.shape)
    load_or_skip("keras")
    import keras
    from tf_impl.layout import from_keras, to_keras
    k = keras.layers.Conv2DTranspose(5, (4, 2))
    k.build((None, 6, 6, 3))
    assert to_keras("swap_in_out", W).shape == tuple(k.kernel.shape) == (4, 2, 5, 3)
    np.testing.assert_array_equal(from_keras("swap_in_out", to_keras("swap_in_out", W)), W)


@pytest.mark.parametrize("name,kwargs,words", [
    ("conv2d", {"in_channels": 3, "filters": 2, "kernel_size": 0}, ["kernel_size=0", ">= 1"]),
    ("conv2d", {"in_channels": 3, "filters": 2, "kernel_size": (3, 3, 3)}, ["kernel_size=(3, 3, 3)", "2 integers"]),
    ("conv2d", {"in_channels": 3, "filters": 2, "kernel_size": 3, "strides": (1, 0)}, ["strides=(1, 0)", ">= 1"]),
    ("conv2d", {"in_channels": 3, "filters": 2, "kernel_size": 3, "padding": "full"}, ["padding='full'", "'same'"]),
    ("conv2d", {"in_channels": 3, "filters": 2, "kernel_size": 3, "padding": -1}, ["padding=-1", ">= 0"]),
    ("conv2d", {"in_channels": 3, "filters": 2, "kernel_size": 3, "dilation": 1.5}, ["dilation=1.5", "integer"]),
    ("conv2d", {"in_channels": 3, "filters": 2, "kernel_size": 3, "groups": 2}, ["groups=2", "in_channels=3",
                                                                                 "multiple of groups"]),
    ("conv2d", {"in_channels": 4, "filters": 3, "kernel_size": 3, "groups": 2}, ["groups=2", "filters=3"]),
    ("conv1d", {"in_channels": 3, "filters": 2, "kernel_size": (3, 3)}, ["kernel_size=(3, 3)", "1 integers"]),
    ("conv1d", {"in_channels": 3, "filters": 2, "kernel_size": 3, "use_bias": 1}, ["use_bias=1", "True or False"]),
    ("conv2d_transpose", {"in_channels": 3, "filters": 2, "kernel_size": 3, "strides": 2, "output_padding": 2},
     ["output_padding=2", "< strides=(2, 2)"]),
    ("conv2d_transpose", {"in_channels": 3, "filters": 2, "kernel_size": 3, "strides": 2, "padding": "same",
                          "output_padding": 1}, ["output_padding=1", "padding='same'"]),
])
def test_bad_arguments_are_named(name, kwargs, words):
    with pytest.raises(ValueError) as info:
        _layer(name, **kwargs)
    for w in words:
        assert w in str(info.value), f"{w!r} missing from: {info.value}"


@pytest.mark.parametrize("x_shape,words", [
    ((2, 7, 3), ["x has shape (2, 7, 3)", "(N, H, W, 3)"]),
    ((2, 7, 7, 4), ["x has shape (2, 7, 7, 4)", "in_channels=3"]),
    ((2, 2, 7, 3), ["x has shape (2, 2, 7, 3)", "too small", "kernel_size=(3, 3)"]),
])
def test_bad_inputs_are_named(x_shape, words):
    conv = _layer("conv2d", in_channels=3, filters=2, kernel_size=3)
    with pytest.raises(ValueError) as info:
        conv(np.zeros(x_shape), conv.init_params(RNG, 3))
    for w in words:
        assert w in str(info.value), f"{w!r} missing from: {info.value}"


@pytest.mark.parametrize("name,kwargs", [
    ("conv2d", dict(in_channels=4, filters=6, kernel_size=3, strides=2, padding="same", groups=2)),
    ("conv1d", dict(in_channels=3, filters=4, kernel_size=4, dilation=2, padding="same")),
    ("conv2d_transpose", dict(in_channels=3, filters=2, kernel_size=3, strides=2, padding="same")),
])
def test_float32_rounding_stays_inside_half_the_bound(name, kwargs):
    """conformance/bounds.py allows 2·γₙ·(|a|·|b|) between two float32 implementations; the reference's own float32
    result lies within γₙ·(|a|·|b|) of the float64 one (each side of the comparison gets half)."""
    from conformance.bounds import for_module
    layer = _layer(name, **kwargs)
    x = RNG.standard_normal((3, 11, 3) if name == "conv1d" else (3, 9, 8, kwargs["in_channels"]))
    params = layer.init_params(RNG, x.shape[-1])
    dy = RNG.standard_normal(layer.output_shape(x.shape))
    y64, cache64 = layer.forward(x, params)
    dx64, g64 = layer.backward(dy, cache64)
    f32 = {k: v.astype(np.float32) for k, v in params.items()}
    y32, cache32 = layer.forward(x.astype(np.float32), f32)
    dx32, g32 = layer.backward(dy.astype(np.float32), cache32)
    bound = for_module("layer", name, x.astype(np.float32), f32, dy.astype(np.float32), "float32", ref=layer)
    for check, lo, hi in (("forward", y32, y64), ("grad_input", dx32, dx64), ("grad_param:W", g32["W"], g64["W"]),
                          ("grad_param:b", g32["b"], g64["b"])):
        err = np.abs(lo.astype(np.float64) - hi) - np.abs(hi) * 2 ** -24 * 2     # the rounding of y + b and of the cast
        assert np.all(err <= bound[check] / 2), (check, float(np.max(err / bound[check])))
        assert np.max(bound[check]) > 0

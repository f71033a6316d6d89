"""Convolution as a Dense layer on patches (im2col), shared by conv1d, conv2d and conv2d_transpose.

Layout (``reference.conventions``, block "Convolution"): x is (N, *spatial, C) channels-last, a kernel is
(*k, C/groups, F). With groups G, input channel block g (C/G channels) feeds output block g (F/G filters).

Cross-correlation (what every framework calls convolution), for a padded input xp:

    y[n, o, g·Fg + f] = Σ_{j, c} xp[n, o·s + j·d, g·Cg + c] · W[j, c, g·Fg + f]     (j over the kernel taps)

im2col gathers the patches once, cols[g, (n, o), (j, c)] = xp[n, o·s + j·d, g·Cg + c], so that
y_g = cols_g @ W_g (one matmul per group) and, backward,

    dW_g  = cols_gᵀ @ dy_g                        (sums over every (n, o))
    dxp   = Σ_{o, j: o·s + j·d = i} dy[o] W[j]ᵀ   the full correlation of dy, spread by the stride
            (s − 1 zeros between entries) and padded by (k − 1)·d, with the flipped kernel, its
            in/out axes swapped (``input_grad``: the filters contracted first, the taps summed
            through one strided view; no loops, no scatter).
    db    = 1ᵀ dy

A transposed convolution is ``input_grad`` read as a forward pass (``conv2d_transpose.py``).
Shapes use r spatial axes; K = Π k is the number of taps.
"""
from __future__ import annotations

import math
from numbers import Integral

import numpy as np
from numpy.lib.stride_tricks import as_strided, sliding_window_view

from reference import validate
from reference.base import Module
from reference.conventions import CONV_PADDINGS, same_padding


# --- arguments -----------------------------------------------------------------------------------------

def spatial_tuple(name: str, value, rank: int, low: int) -> tuple[int, ...]:
    """An integer >= low, or a list/tuple of ``rank`` of them (one per spatial axis)."""
    what = f"an integer >= {low} or a list/tuple of {rank} integers >= {low}"
    if isinstance(value, Integral) and not isinstance(value, bool):
        items = (value,) * rank
    elif isinstance(value, (list, tuple)):
        items = tuple(value)
    else:
        raise ValueError(f"{name}={value!r} is not allowed: expected {what}")
    if len(items) != rank or any(isinstance(v, bool) or not isinstance(v, Integral) or v < low for v in items):
        raise ValueError(f"{name}={value!r} is not allowed: expected {what}")
    return tuple(int(v) for v in items)


def padding_arg(value, rank: int):
    """"valid", "same", or explicit zero padding: an integer >= 0 or ``rank`` of them (the same on both
    sides of an axis, as torch's ``padding=`` ints)."""
    if isinstance(value, str):
        return validate.choice("padding", value, CONV_PADDINGS)
    try:
        return spatial_tuple("padding", value, rank, 0)
    except ValueError:
        raise ValueError(f"padding={value!r} is not allowed: expected one of {', '.join(map(repr, CONV_PADDINGS))}, "
                         f"an integer >= 0 or a list/tuple of {rank} integers >= 0") from None


def pads(spatial, kernel, strides, dilation, padding) -> tuple[tuple[int, int], ...]:
    """(before, after) zero padding per spatial axis."""
    if padding == "valid":
        return tuple((0, 0) for _ in kernel)
    if padding == "same":
        return tuple(same_padding(n, k, s, d) for n, k, s, d in zip(spatial, kernel, strides, dilation))
    return tuple((p, p) for p in padding)


def output_length(size: int, k: int, s: int, d: int, before: int, after: int) -> int:
    return (size + before + after - (k - 1) * d - 1) // s + 1


# --- the computation -----------------------------------------------------------------------------------

def im2col(xp: np.ndarray, kernel, strides, dilation, groups: int) -> np.ndarray:
    """cols (G, N·Π O, K·Cg): row (n, o) of group g holds the patch xp[n, o·s + j·d, g·Cg:(g+1)·Cg] over
    the taps j (channels fastest, as W (*k, Cg, F) is stored)."""
    r = len(kernel)
    span = tuple((k - 1) * d + 1 for k, d in zip(kernel, dilation))
    view = sliding_window_view(xp, span, axis=tuple(range(1, r + 1)))        # (N, *O', C, *span)
    view = view[(slice(None), *(slice(None, None, s) for s in strides), slice(None),
                 *(slice(None, None, d) for d in dilation))]                   # (N, *O, C, *k)
    n, out, c = view.shape[0], view.shape[1:r + 1], view.shape[r + 1]
    view = view.reshape(n, *out, groups, c // groups, *kernel)               # (N, *O, G, Cg, *k)
    order = (r + 1, 0, *range(1, r + 1), *range(r + 3, 2 * r + 3), r + 2)    # (G, N, *O, *k, Cg)
    return view.transpose(order).reshape(groups, n * math.prod(out), -1)


def grouped(W: np.ndarray, groups: int) -> np.ndarray:
    """W (*k, Cg, F) as (G, K·Cg, Fg)."""
    return W.reshape(-1, groups, W.shape[-1] // groups).transpose(1, 0, 2)


def forward(xp: np.ndarray, W: np.ndarray, strides, dilation, groups: int) -> tuple[np.ndarray, np.ndarray]:
    """y (N, *O, F) = the correlation of xp (N, *Sp, C) with W (*k, Cg, F); and the cols it used."""
    kernel, r = W.shape[:-2], W.ndim - 2
    cols = im2col(xp, kernel, strides, dilation, groups)                      # (G, M, K·Cg)
    out = tuple(output_length(n, k, s, d, 0, 0) for n, k, s, d in zip(xp.shape[1:r + 1], kernel, strides, dilation))
    y = cols @ grouped(W, groups)                                             # (G, M, Fg)
    return y.transpose(1, 0, 2).reshape(xp.shape[0], *out, W.shape[-1]), cols


def kernel_grad(cols: np.ndarray, dy: np.ndarray, W_shape, groups: int) -> np.ndarray:
    """dW (*k, Cg, F) = cols_gᵀ @ dy_g."""
    f = dy.shape[-1]
    dyg = dy.reshape(-1, groups, f // groups).transpose(1, 0, 2)             # (G, M, Fg)
    dW = cols.transpose(0, 2, 1) @ dyg                                        # (G, K·Cg, Fg)
    return dW.transpose(1, 0, 2).reshape(W_shape)


def input_grad(dy: np.ndarray, W: np.ndarray, padded_spatial, strides, dilation, groups: int) -> np.ndarray:
    """dxp (N, *Sp, C) = Σ_j z[n, i + j·d] · W[k − 1 − j]ᵀ, z = dy (N, *O, F) spread by the stride (s − 1 zeros
    between entries) and zero-padded by (k − 1)·d at the start: the full correlation with the flipped kernel.

    The filters are contracted first, once per tap: P[g, j, c, n, z] = Σ_f W[k − 1 − j, c, g·Fg + f] z[n, z, g·Fg + f]
    (a matmul); the sum over the taps then reads P at z = i + j·d through one strided view (tap axis j steps one
    tap and j·d positions at once), with no copy. Cheaper than im2col on z when C < K·F, the usual case."""
    kernel, r = W.shape[:-2], W.ndim - 2
    n, out, f = dy.shape[0], dy.shape[1:r + 1], dy.shape[-1]
    cg, fg = W.shape[-2], f // groups
    lead = tuple((k - 1) * d for k, d in zip(kernel, dilation))
    z = np.zeros((n, *(p + l for p, l in zip(padded_spatial, lead)), f), dtype=dy.dtype)    # (N, *Z, F)
    z[(slice(None), *(slice(l, l + (o - 1) * s + 1, s) for l, o, s in zip(lead, out, strides)))] = dy
    flipped = W[tuple(slice(None, None, -1) for _ in kernel)]                              # W[k − 1 − j]
    a = flipped.reshape(-1, cg, groups, fg).transpose(2, 0, 1, 3).reshape(groups, -1, fg)  # (G, K·Cg, Fg)
    b = z.reshape(-1, groups, fg).transpose(1, 2, 0)                                       # (G, Fg, N·Π Z)
    P = (a @ b).reshape(groups, *kernel, cg, n, *z.shape[1:-1])                             # (G, *k, Cg, N, *Z)
    st = P.strides
    taps = tuple(st[1 + i] + st[r + 3 + i] * d for i, d in enumerate(dilation))
    view = as_strided(P, shape=(groups, *kernel, cg, n, *padded_spatial),
                      strides=(st[0], *taps, st[r + 1], st[r + 2], *st[r + 3:]), writeable=False)
    dxp = view.sum(axis=tuple(range(1, r + 1)))                                            # (G, Cg, N, *Sp)
    return dxp.transpose(2, *range(3, r + 3), 0, 1).reshape(n, *padded_spatial, groups * cg)


def bias_grad(dy: np.ndarray) -> np.ndarray:
    """db = 1ᵀ dy over every (n, o): dy (N, *O, F) -> (F,) (a matrix-vector product: ~15× faster than
    ``sum(axis=0)`` on a tall (M, F))"""
    dy2 = dy.reshape(-1, dy.shape[-1])
    return np.ones(len(dy2), dtype=dy.dtype) @ dy2


def pad(x: np.ndarray, padding) -> np.ndarray:
    return np.pad(x, ((0, 0), *padding, (0, 0))) if any(b or a for b, a in padding) else x


def crop(xp: np.ndarray, padding) -> np.ndarray:
    return xp[(slice(None), *(slice(b, xp.shape[i + 1] - a) for i, (b, a) in enumerate(padding)))]


# --- the layer -----------------------------------------------------------------------------------------

class Convolution(Module):
    """The r-D convolution layer; ``conv1d`` (r = 1) and ``conv2d`` (r = 2) set ``rank``.

    Forward:   xp = pad(x);  y = correlate(xp, W) + b          x (N, *S, C), W (*k, C/G, F), b (F,)
    Backward:  dW = colsᵀ dy;  db = Σ_{n, o} dy;  dx = crop(input_grad(dy, W))
    """
    rank = 0

    def __init__(self, in_channels: int, filters: int, kernel_size, strides=1, padding="valid", dilation=1,
                 groups: int = 1, use_bias: bool = True):
        r = self.rank
        self.in_channels = validate.integer("in_channels", in_channels, low=1)
        self.filters = validate.integer("filters", filters, low=1)
        self.kernel_size = spatial_tuple("kernel_size", kernel_size, r, 1)
        self.strides = spatial_tuple("strides", strides, r, 1)
        self.padding = padding_arg(padding, r)
        self.dilation = spatial_tuple("dilation", dilation, r, 1)
        self.groups = validate.integer("groups", groups, low=1)
        for name, value in (("in_channels", self.in_channels), ("filters", self.filters)):
            if value % self.groups:
                raise ValueError(f"groups={groups!r} is not allowed: {name}={value} must be a multiple of groups")
        self.use_bias = validate.flag("use_bias", use_bias)

    def param_shapes(self, in_features):
        shapes = {"W": (*self.kernel_size, self.in_channels // self.groups, self.filters)}
        if self.use_bias:
            shapes["b"] = (self.filters,)
        return shapes

    def init_params(self, rng, in_features, dtype=np.float64):
        """N(0, 1/fan_in), fan_in = K·C/G: the inputs of one output."""
        fan_in = math.prod(self.kernel_size) * self.in_channels // self.groups
        return {name: (rng.standard_normal(shape) / np.sqrt(fan_in)).astype(dtype)
                for name, shape in self.param_shapes(in_features).items()}

    def _pads(self, spatial):
        return pads(spatial, self.kernel_size, self.strides, self.dilation, self.padding)

    def output_shape(self, x_shape):
        spatial = tuple(x_shape[1:-1])
        out = tuple(output_length(n, k, s, d, b, a) for n, k, s, d, (b, a)
                    in zip(spatial, self.kernel_size, self.strides, self.dilation, self._pads(spatial)))
        return (x_shape[0], *out, self.filters)

    def check_forward(self, x, params):
        validate.array("x", x)
        if x.ndim != self.rank + 2 or x.shape[-1] != self.in_channels:
            raise ValueError(f"x has shape {x.shape}: expected (N, {'L' if self.rank == 1 else 'H, W'}, "
                             f"{self.in_channels}) (channels last, in_channels={self.in_channels})")
        super().check_forward(x, params)
        out = self.output_shape(x.shape)
        if min(out[1:-1]) < 1:
            raise ValueError(f"x has shape {x.shape}: too small for kernel_size={self.kernel_size} with "
                             f"dilation={self.dilation} and padding={self.padding!r} (output {out})")
        return x

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        padding = self._pads(x.shape[1:-1])
        xp = pad(x, padding)                                                  # (N, *Sp, C)
        y, cols = forward(xp, params["W"], self.strides, self.dilation, self.groups)
        if self.use_bias:
            y += params["b"]                                                  # y is the matmul's own array
        return y, (x.shape, x.dtype, padding, xp.shape[1:-1], cols, params["W"])

    def backward(self, dy, cache):
        x_shape, dtype, padding, padded, cols, W = cache
        self.check_backward(dy, self.output_shape(x_shape), dtype)
        grads = {"W": kernel_grad(cols, dy, W.shape, self.groups)}
        if self.use_bias:
            grads["b"] = bias_grad(dy)
        dxp = input_grad(dy, W, padded, self.strides, self.dilation, self.groups)
        return np.ascontiguousarray(crop(dxp, padding)), grads

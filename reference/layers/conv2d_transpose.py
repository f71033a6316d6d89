"""2-D transposed convolution over images (N, H, W, C): Keras ``Conv2DTranspose``, torch ``nn.ConvTranspose2d``.

The adjoint of conv2d with the same kernel size and strides: each input pixel scatters its kernel-weighted copy,

    full[n, h·s_h + i, w·s_w + j, f] += x[n, h, w, c] · W[i, j, c, f]        full: ((H − 1)·s_h + kh, …)
    y = full cropped by (before, after) per axis, + b

x (N, H, W, C), W (kh, kw, C, F) (``reference.conventions``: its input channels first, as every kernel here),
b (F,), y (N, H_out, W_out, F):

* padding "valid" or explicit p (torch's ``padding``), with ``output_padding`` op (torch's, < stride): crop p at
  the start and p − op at the end (op > p: zeros appended), H_out = (H − 1)·s + k − 2p + op;
* padding "same" (TensorFlow's conv2d_transpose "SAME", Keras's): H_out = H·s, crop total = max(k − s, 0) with
  total // 2 at the start, the odd one at the end.

Computed as conv2d's input gradient (``reference/layers/convolution.py`` ``input_grad``): y = crop(input_grad(x, W)).
Backward: dx = correlate(pad(dy), Wᵀ) with stride s, the conv2d forward pass; dW = its kernel gradient,
colsᵀ x, with in/out swapped back; db = Σ dy.
"""
from __future__ import annotations

import math

import numpy as np

from reference import validate
from reference.base import Module
from reference.layers import convolution as conv
from reference.registry import register


@register("layer", "conv2d_transpose")
class Conv2dTranspose(Module):
    rank = 2

    def __init__(self, in_channels: int, filters: int, kernel_size, strides=1, padding="valid", output_padding=0,
                 use_bias: bool = True):
        r = self.rank
        self.in_channels = validate.integer("in_channels", in_channels, low=1)
        self.filters = validate.integer("filters", filters, low=1)
        self.kernel_size = conv.spatial_tuple("kernel_size", kernel_size, r, 1)
        self.strides = conv.spatial_tuple("strides", strides, r, 1)
        self.padding = conv.padding_arg(padding, r)
        self.output_padding = conv.spatial_tuple("output_padding", output_padding, r, 0)
        if any(op >= s for op, s in zip(self.output_padding, self.strides)):
            raise ValueError(f"output_padding={output_padding!r} is not allowed: expected values < strides="
                             f"{self.strides} (torch's rule: a larger one would append rows no input reaches)")
        if self.padding == "same" and any(self.output_padding):
            raise ValueError(f"output_padding={output_padding!r} is not allowed with padding='same': expected 0 "
                             "(the 'same' output is H·s)")
        self.use_bias = validate.flag("use_bias", use_bias)

    def param_shapes(self, in_features):
        shapes = {"W": (*self.kernel_size, self.in_channels, self.filters)}
        if self.use_bias:
            shapes["b"] = (self.filters,)
        return shapes

    def init_params(self, rng, in_features, dtype=np.float64):
        """N(0, 1/fan_in), fan_in = C·K / Π s: the inputs that reach one output pixel on average."""
        fan_in = max(self.in_channels * math.prod(self.kernel_size) // math.prod(self.strides), 1)
        return {name: (rng.standard_normal(shape) / np.sqrt(fan_in)).astype(dtype)
                for name, shape in self.param_shapes(in_features).items()}

    def _geometry(self, spatial):
        """(crop at the start, output length) per axis."""
        out = []
        for n, k, s, i in zip(spatial, self.kernel_size, self.strides, range(self.rank)):
            if self.padding == "same":
                out.append((max(k - s, 0) // 2, n * s))
            else:
                p = 0 if self.padding == "valid" else self.padding[i]
                out.append((p, (n - 1) * s + k - 2 * p + self.output_padding[i]))
        return tuple(out)

    def output_shape(self, x_shape):
        return (x_shape[0], *(length for _, length in self._geometry(x_shape[1:-1])), self.filters)

    def check_forward(self, x, params):
        validate.array("x", x)
        if x.ndim != self.rank + 2 or x.shape[-1] != self.in_channels:
            raise ValueError(f"x has shape {x.shape}: expected (N, H, W, {self.in_channels}) "
                             f"(channels last, in_channels={self.in_channels})")
        super().check_forward(x, params)
        out = self.output_shape(x.shape)
        if min(out[1:-1]) < 1:
            raise ValueError(f"x has shape {x.shape}: padding={self.padding!r} crops the whole output {out}")
        return x

    def _full(self, spatial):
        """The length of the uncropped array each axis is computed in: the scatter's ((H − 1)·s + k) or, when
        the output reaches beyond it (output_padding > p, "same" with k < s), up to the output's end."""
        return tuple(max((n - 1) * s + k, start + length) for n, k, s, (start, length)
                     in zip(spatial, self.kernel_size, self.strides, self._geometry(spatial)))

    def _crops(self, spatial):
        return tuple((start, full - start - length) for full, (start, length)
                     in zip(self._full(spatial), self._geometry(spatial)))

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        spatial, W = x.shape[1:-1], params["W"]
        kernel_t = np.swapaxes(W, -1, -2)                                     # (*k, F, C): the conv it is the adjoint of
        full = conv.input_grad(x, kernel_t, self._full(spatial), self.strides, (1,) * self.rank, 1)  # (N, *full, F)
        y = conv.crop(full, self._crops(spatial))
        if self.use_bias:
            y = y + params["b"]
        return np.ascontiguousarray(y), (x, W)

    def backward(self, dy, cache):
        x, W = cache
        spatial = x.shape[1:-1]
        self.check_backward(dy, self.output_shape(x.shape), x.dtype)
        dy_full = conv.pad(dy, self._crops(spatial))                          # (N, *full, F)
        kernel_t = np.swapaxes(W, -1, -2)                                     # (*k, F, C)
        dx, cols = conv.forward(dy_full, kernel_t, self.strides, (1,) * self.rank, 1)   # (N, H, W, C)
        grads = {"W": np.swapaxes(conv.kernel_grad(cols, x, kernel_t.shape, 1), -1, -2)}
        if self.use_bias:
            grads["b"] = conv.bias_grad(dy)
        return dx, grads

"""Embedding: a lookup of rows of a table by integer index.

Forward:   y[..., :] = W[x[...], :]
Backward:  dW[v, :] = Σ over the positions p with x[p] = v of dy[p, :]   (a scatter-add: repeated indices
           accumulate), and dW[padding_idx, :] = 0 when ``padding_idx`` is set (torch's ``padding_idx``: that
           row is looked up as usual but never learns). x is an integer input: there is no input gradient.

Shapes: x (...) integers in [0, num_embeddings) (e.g. (N, L) token ids, or (N,)); W (num_embeddings,
embedding_dim); y (..., embedding_dim).

torch ``nn.Embedding(num_embeddings, embedding_dim, padding_idx=...)``; Keras ``Embedding(input_dim, output_dim)``
has no padding index (``mask_zero=True`` only makes a mask for the next layers: row 0 still learns). In float32
dW is a sum over the repeated indices (``conformance/bounds.py``'s ``embedding``).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


@register("layer", "embedding")
class Embedding(Module):
    input_kind = "int"

    def __init__(self, num_embeddings: int, embedding_dim: int, padding_idx: int | None = None):
        self.num_embeddings = validate.integer("num_embeddings", num_embeddings, low=1)
        self.embedding_dim = validate.integer("embedding_dim", embedding_dim, low=1)
        self.padding_idx = None if padding_idx is None else validate.integer(
            "padding_idx", padding_idx, low=0, high=self.num_embeddings - 1)

    def param_shapes(self, in_features):
        return {"W": (self.num_embeddings, self.embedding_dim)}

    def init_params(self, rng, in_features, dtype=np.float64):
        """W ~ N(0, 1), as torch's nn.Embedding initializes it."""
        return {"W": rng.standard_normal((self.num_embeddings, self.embedding_dim)).astype(dtype)}

    def output_shape(self, x_shape):
        return (*x_shape, self.embedding_dim)

    def check_forward(self, x, params):
        if not isinstance(x, np.ndarray) or x.dtype.kind not in "iu":
            shown = f"has dtype {x.dtype}" if isinstance(x, np.ndarray) else f"is a {type(x).__name__}"
            raise ValueError(f"x {shown}: expected a NumPy array of integer indices")
        if x.size and (x.min() < 0 or x.max() >= self.num_embeddings):
            raise ValueError(f"x has indices in [{x.min()}, {x.max()}]: expected indices in "
                             f"[0, {self.num_embeddings}) (num_embeddings={self.num_embeddings})")
        validate.keys("params", params, ("W",))
        return validate.array("params['W']", params["W"], shape=(self.num_embeddings, self.embedding_dim))

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        W = self.check_forward(x, params)
        return W[x], (x, W.dtype)                                   # (..., dim)

    def backward(self, dy, cache):
        x, dtype = cache
        self.check_backward(dy, self.output_shape(x.shape), dtype)
        dW = np.zeros((self.num_embeddings, self.embedding_dim), dtype=dtype)
        np.add.at(dW, x.reshape(-1), dy.reshape(-1, self.embedding_dim))   # repeated indices accumulate
        if self.padding_idx is not None:
            dW[self.padding_idx] = 0
        return None, {"W": dW}

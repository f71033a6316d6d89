"""Orthogonal (Saxe et al. 2013): a Haar-random (semi-)orthogonal matrix times ``gain``.

The kernel (*receptive_field, in, out) is viewed as M of shape (rows, cols) =
(∏ receptive_field · in, out). With A ~ N(0, 1) of shape (max, min), A = QR, and
Q ← Q · sign(diag R) (this sign fix makes Q Haar-distributed, not only orthogonal):
    M = gain · Q            if rows ≥ cols   (orthonormal columns: MᵀM = gain² I)
    M = gain · Qᵀ           if rows < cols   (orthonormal rows:    MMᵀ = gain² I)
Every entry is then one coordinate of a uniform point on the sphere of radius gain in
R^max(rows, cols) (``distributions.SphereCoordinate``).
"""
from __future__ import annotations

import math

import numpy as np

from reference import validate
from reference.initializers import distributions as D
from reference.initializers.base import Initializer
from reference.registry import register


def matrix_view(shape: tuple[int, ...]) -> tuple[int, int]:
    """(rows, cols) of the matrix a kernel of ``shape`` is viewed as."""
    shape = validate.shape("shape", shape)
    if len(shape) < 2:
        raise ValueError(f"shape={shape!r} is not allowed: orthogonal needs a kernel of rank >= 2")
    return math.prod(shape[:-1]), shape[-1]


@register("initializer", "orthogonal")
class Orthogonal(Initializer):
    def __init__(self, gain: float = 1.0):
        self.gain = validate.number("gain", gain, low=0.0, low_open=True)

    def gram(self, kernel: np.ndarray) -> np.ndarray:
        """MᵀM or MMᵀ, whichever is (min, min): gain² I for an orthogonal draw."""
        rows, cols = matrix_view(kernel.shape)
        m = kernel.reshape(rows, cols)
        return m.T @ m if rows >= cols else m @ m.T

    def distribution(self, shape):
        return D.SphereCoordinate(max(matrix_view(tuple(shape))), self.gain)

    def sample(self, shape, rng, dtype=np.float64):
        shape, dtype = self.check_sample(shape, rng, dtype)
        rows, cols = matrix_view(shape)
        a = rng.standard_normal((max(rows, cols), min(rows, cols)))
        q, r = np.linalg.qr(a)                       # q: (max, min)
        q = q * np.sign(np.diag(r))                  # column j times sign(R_jj)
        m = q if rows >= cols else q.T              # (rows, cols)
        return (self.gain * m).reshape(shape).astype(dtype)

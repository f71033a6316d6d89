"""torch's pooling modules built from the reference's keyword arguments (``pool_size``, ``strides``, ``padding``).

torch pools take (N, C, *spatial) (``input_layout="channels_first"``) and have no ``padding="same"``: their
``padding=p`` pads p cells on both sides. Keras's "same" pads ⌊t/2⌋ before and the rest after, t =
max((⌈n/s⌉ − 1)·s + k − n, 0) (TensorFlow's SAME rule): where t is even on every axis that is torch's own
``padding=t/2`` (what a torch user writes, e.g. padding=1 for a 3×3 window at stride 1); where it is odd,
``SamePadded`` pads explicitly with ``F.pad`` first (−inf for max; for an average over the input cells only,
the sum over the window divided by the count of input cells, both from the same average pool).
"""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from reference.conventions import same_padding

MAX = {1: torch.nn.MaxPool1d, 2: torch.nn.MaxPool2d}
AVG = {1: torch.nn.AvgPool1d, 2: torch.nn.AvgPool2d}


def tupled(value, d: int) -> tuple[int, ...]:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,) * d


def same_pads(spatial, pool, strides) -> list[tuple[int, int]]:
    """TensorFlow's SAME padding per axis: (before, after) (``reference.conventions.same_padding``)."""
    return [same_padding(n, k, s) for n, k, s in zip(spatial, pool, strides)]


class SamePadded(torch.nn.Module):
    """A torch pool with Keras's ``padding="same"``: the pool module with ``padding=t/2`` where the padding
    is symmetric, else ``F.pad`` and the pool without padding. ``kind`` is "max" or "avg"."""

    def __init__(self, kind: str, d: int, pool, strides, count_include_pad: bool = False):
        super().__init__()
        self.kind, self.d, self.pool, self.strides = kind, d, pool, strides
        self.count_include_pad = count_include_pad

    def forward(self, x):
        p = same_pads(x.shape[2:], self.pool, self.strides)
        if all(b == a for b, a in p):
            sym = tuple(b for b, _ in p)
            if self.kind == "max":
                return MAX[self.d](self.pool, self.strides, padding=sym)(x)
            return AVG[self.d](self.pool, self.strides, padding=sym, count_include_pad=self.count_include_pad)(x)
        flat = [c for b, a in reversed(p) for c in (b, a)]        # F.pad lists the last axis first
        if self.kind == "max":
            return MAX[self.d](self.pool, self.strides)(F.pad(x, flat, value=-math.inf))
        pool = AVG[self.d](self.pool, self.strides)
        if self.count_include_pad:
            return pool(F.pad(x, flat))
        ones = torch.ones((1, 1, *x.shape[2:]), dtype=x.dtype, device=x.device)
        return pool(F.pad(x, flat)) / pool(F.pad(ones, flat))      # Σ x / #input cells (the K's cancel)


def max_pool(d: int, pool_size, strides, padding) -> torch.nn.Module:
    pool = tupled(pool_size, d)
    strides = pool if strides is None else tupled(strides, d)
    return MAX[d](pool, strides) if padding == "valid" else SamePadded("max", d, pool, strides)


def avg_pool(d: int, pool_size, strides, padding, count_include_pad: bool) -> torch.nn.Module:
    pool = tupled(pool_size, d)
    strides = pool if strides is None else tupled(strides, d)
    if padding == "valid":
        return AVG[d](pool, strides, count_include_pad=count_include_pad)
    return SamePadded("avg", d, pool, strides, count_include_pad)


def symmetric(kind: str, d: int, pool_size, strides, **kw) -> torch.nn.Module:
    """What a torch user writes for "same": ``padding=k//2`` on both sides (the variant ``symmetric_padding``)."""
    pool = tupled(pool_size, d)
    strides = pool if strides is None else tupled(strides, d)
    return (MAX if kind == "max" else AVG)[d](pool, strides, padding=tuple(k // 2 for k in pool), **kw)

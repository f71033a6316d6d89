"""Input generators: a case names its arrays as data (``Gen``), the harness draws them.

Everything is drawn in float64 from ``numpy.random.default_rng(seed)`` and then cast, so the
float32 and float64 runs of a case see the same values (up to the cast).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

KINDS = ("normal", "uniform", "values", "probs", "log_probs", "onehot", "labels", "binary")


@dataclass(frozen=True)
class Gen:
    """How to draw one array.

    kind      normal(loc, scale) | uniform(low, high) | values(values=...) explicit entries,
              reshaped to ``shape`` | probs: rows on the simplex (softmax of N(0, scale)) |
              log_probs: log of probs | onehot: one-hot rows | labels: integers in [0, C) of
              shape (N,) (or any shape: ``indices``) where C = ``classes`` | binary: 0/1 entries.
    """
    kind: str
    shape: tuple[int, ...]
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind={self.kind!r} is not allowed: expected one of {', '.join(KINDS)}")


def normal(*shape: int, scale: float = 1.0, loc: float = 0.0) -> Gen:
    return Gen("normal", shape, {"scale": scale, "loc": loc})


def uniform(*shape: int, low: float, high: float) -> Gen:
    return Gen("uniform", shape, {"low": low, "high": high})


def values(vals, shape: tuple[int, ...] | None = None) -> Gen:
    vals = tuple(float(v) for v in np.ravel(vals))
    return Gen("values", shape or (1, len(vals)), {"values": vals})


def probs(*shape: int, scale: float = 1.0) -> Gen:
    return Gen("probs", shape, {"scale": scale})


def log_probs(*shape: int, scale: float = 1.0) -> Gen:
    return Gen("log_probs", shape, {"scale": scale})


def onehot(*shape: int) -> Gen:
    return Gen("onehot", shape)


def labels(n: int, classes: int) -> Gen:
    return Gen("labels", (n,), {"classes": classes})


def indices(*shape: int, classes: int) -> Gen:
    """Integer indices in [0, classes) of any shape (an embedding's token ids): ``labels`` beyond (N,)."""
    return Gen("labels", shape, {"classes": classes})


def binary(*shape: int) -> Gen:
    return Gen("binary", shape)


def draw(gen: Gen, rng: np.random.Generator, dtype: str) -> np.ndarray:
    p = gen.params
    if gen.kind == "labels":
        return rng.integers(0, p["classes"], size=gen.shape).astype(np.int64)
    if gen.kind == "normal":
        a = p.get("loc", 0.0) + p.get("scale", 1.0) * rng.standard_normal(gen.shape)
    elif gen.kind == "uniform":
        a = rng.uniform(p["low"], p["high"], size=gen.shape)
    elif gen.kind == "values":
        a = np.array(p["values"], dtype=np.float64).reshape(gen.shape)
    elif gen.kind in ("probs", "log_probs"):
        z = p.get("scale", 1.0) * rng.standard_normal(gen.shape)
        z = np.exp(z - z.max(axis=-1, keepdims=True))
        a = z / z.sum(axis=-1, keepdims=True)
        if gen.kind == "log_probs":
            a = np.log(a)
    elif gen.kind == "onehot":
        a = np.eye(gen.shape[-1])[rng.integers(0, gen.shape[-1], size=gen.shape[:-1])]
    else:  # binary
        a = rng.integers(0, 2, size=gen.shape).astype(np.float64)
    return a.astype(dtype)

"""The data sets the model cases train on, each drawn from the case's generator.

``draw(name, rng, dtype, **kwargs) -> (x, y)``; y is (N, 1), or (N, K) one-hot for ``clusters`` and
(N, outputs) for ``linear``. Names:
  xor          the four corners of the unit square, y = x₁ XOR x₂ (no randomness)
  planar       two interleaved "petals" (the classic planar flower): r = a·sin(4θ) + noise, the class
               is the petal; ``n`` points (half per class), ``noise``
  blobs        two Gaussian clouds in ``features`` dimensions, centres ±``separation``/2 on every axis, all of
               it times ``scale`` (a large scale saturates a sigmoid)
  signed_blobs the same clouds with labels −1 / +1 (the perceptron's targets), y (N, 1), both moved by
               ``offset`` on every axis (the boundary then misses the origin: the bias has to be learned)
  clusters     ``classes`` Gaussian clouds in ``features`` dimensions around N(0, ``separation``²) centres,
               y one-hot (softmax regression)
  bars         8×8 one-channel images (N, 8, 8, 1): a horizontal bar, a vertical bar or a cross, y one-hot
  sequences    (N, T, F) sequences, y = 1 where the first feature's sum over the first half is positive
  gaussian     x ~ N(0, 1) (n, ``features``), y ~ N(0, 1) (n, ``outputs``), unrelated (a random regression)
  linear       x ~ N(0, 1) in ``features`` dimensions, y = x·W + b + ``noise``·N(0, 1), W (features,
               ``outputs``) and b ~ N(0, 1)
  spirals      two interleaved spirals (``turns`` turns each), one per class, plus ``noise``; y (N, 1)
  disc         x ~ U(−1, 1)², y = 1 inside the circle of ``radius`` (area ½ of the square by default)
  sine         noisy sine regression: x ~ U(−π, π) (N, 1), y = sin(x) + ``noise``·N(0, 1)
  digits       scikit-learn's 8×8 handwritten digits (1,797 real images, offline; the optional extra
               ``data``): x (N, 64) pixels scaled to [0, 1], y (N, 10) one-hot; ``n`` the first n, drawn in
               no random order
  inline       arrays given as ``x`` and ``y`` (a spec file's inline data), cast to the dtype
"""
from __future__ import annotations

import numpy as np


def xor(rng, dtype):
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    return x.astype(dtype), np.array([[0], [1], [1], [0]], dtype=dtype)


def planar(rng, dtype, n=40, noise=0.2):
    half = n // 2
    x, y = np.zeros((2 * half, 2)), np.zeros((2 * half, 1))
    for j in range(2):
        idx = slice(j * half, (j + 1) * half)
        theta = np.linspace(j * 3.12, (j + 1) * 3.12, half) + noise * rng.standard_normal(half)
        r = 4 * np.sin(4 * theta) + noise * rng.standard_normal(half)
        x[idx] = np.c_[r * np.sin(theta), r * np.cos(theta)] / 4        # scaled to ~[−1, 1]
        y[idx] = j
    return x.astype(dtype), y.astype(dtype)


def blobs(rng, dtype, n=32, features=2, separation=2.0, scale=1.0):
    y = (np.arange(n) % 2).astype(np.float64)[:, None]                 # alternating classes
    x = rng.standard_normal((n, features)) + (y - 0.5) * separation
    return (scale * x).astype(dtype), y.astype(dtype)


def signed_blobs(rng, dtype, n=32, features=2, separation=2.0, offset=0.0):
    x, y = blobs(rng, np.float64, n=n, features=features, separation=separation)
    return (x + offset).astype(dtype), (2 * y - 1).astype(dtype)       # labels {0, 1} -> {−1, +1}


def clusters(rng, dtype, n=30, features=2, classes=3, separation=3.0):
    centres = separation * rng.standard_normal((classes, features))    # (K, F)
    labels = np.arange(n) % classes                                     # every class, in turn
    x = centres[labels] + rng.standard_normal((n, features))            # (N, F)
    return x.astype(dtype), np.eye(classes)[labels].astype(dtype)      # (N, F), (N, K) one-hot


def linear(rng, dtype, n=20, features=3, noise=0.1, outputs=1):
    x = rng.standard_normal((n, features))
    w, b = rng.standard_normal((features, outputs)), rng.standard_normal(outputs)
    y = x @ w + b + noise * rng.standard_normal((n, outputs))
    return x.astype(dtype), y.astype(dtype)


def gaussian(rng, dtype, n=64, features=1000, outputs=10):
    """x and y both N(0, 1), unrelated: the PyTorch tutorial's random regression ("learning PyTorch with examples")."""
    x = rng.standard_normal((n, features))
    return x.astype(dtype), rng.standard_normal((n, outputs)).astype(dtype)


def bars(rng, dtype, n=24, size=8, noise=0.3):
    """Synthetic images (N, size, size, 1), three classes in turn: a horizontal bar, a vertical bar, a cross,
    each at a random row / column, plus N(0, noise²) pixels; y one-hot (N, 3). A task a small CNN learns."""
    x = noise * rng.standard_normal((n, size, size, 1))
    labels = np.arange(n) % 3
    rows, cols = rng.integers(1, size - 1, n), rng.integers(1, size - 1, n)
    for i, (k, r, c) in enumerate(zip(labels, rows, cols)):
        if k in (0, 2):
            x[i, r, :, 0] += 1.0                                        # horizontal bar
        if k in (1, 2):
            x[i, :, c, 0] += 1.0                                        # vertical bar
    return x.astype(dtype), np.eye(3)[labels].astype(dtype)


def sequences(rng, dtype, n=24, steps=6, features=2):
    """Sequences x ~ N(0, 1) of shape (N, steps, features); y (N, 1) is 1 where the first feature's sum over
    the first half of the steps is positive: the answer lies early, so a recurrent layer has to carry it."""
    x = rng.standard_normal((n, steps, features))
    y = (x[:, : steps // 2, 0].sum(axis=1) > 0).astype(np.float64)[:, None]
    return x.astype(dtype), y.astype(dtype)


def spirals(rng, dtype, n=40, turns=1.0, noise=0.1):
    """Two spirals, r = t, θ = 2π·turns·t + π·class (t from 0.1 to 1), classes in turn, plus N(0, noise²)."""
    labels = np.arange(n) % 2                                           # alternating classes
    t = np.linspace(0.1, 1.0, n)
    theta = 2 * np.pi * turns * t + np.pi * labels
    x = np.c_[t * np.cos(theta), t * np.sin(theta)] + noise * rng.standard_normal((n, 2))   # (N, 2)
    return x.astype(dtype), labels.astype(np.float64)[:, None].astype(dtype)


def disc(rng, dtype, n=40, radius=float(np.sqrt(2 / np.pi))):
    """Points uniform in [−1, 1]², y = 1 inside the circle of ``radius`` around the origin (default: half the
    square's area, so the classes are balanced on average)."""
    x = rng.uniform(-1.0, 1.0, (n, 2))
    y = (np.sum(x * x, axis=1) < radius * radius).astype(np.float64)[:, None]
    return x.astype(dtype), y.astype(dtype)


def sine(rng, dtype, n=40, noise=0.1):
    """Noisy sine regression: x ~ U(−π, π) (N, 1), y = sin x + N(0, noise²) (N, 1)."""
    x = rng.uniform(-np.pi, np.pi, (n, 1))
    return x.astype(dtype), (np.sin(x) + noise * rng.standard_normal((n, 1))).astype(dtype)


DIGITS_MISSING = ("the digits data set needs scikit-learn, which ships it offline: "
                  "pip install -e '.[data]' (or pip install scikit-learn)")


def digits(rng, dtype, n=1797):
    """scikit-learn's 8×8 handwritten digits (UCI), the first ``n`` of 1,797: x (n, 64) in [0, 1], y one-hot."""
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        raise ImportError(DIGITS_MISSING) from None
    data = load_digits()
    if not 1 <= n <= len(data.target):
        raise ValueError(f"n={n!r} is not allowed: expected 1 to {len(data.target)} digits")
    x = data.data[:n] / 16.0                                            # pixels 0..16 -> [0, 1]
    return x.astype(dtype), np.eye(10)[data.target[:n]].astype(dtype)


def inline(rng, dtype, x, y):
    """Given arrays (no randomness): x (N, ...) and y (N, ...), cast to ``dtype``."""
    return np.asarray(x, dtype=np.float64).astype(dtype), np.asarray(y, dtype=np.float64).astype(dtype)


DATASETS = {"xor": xor, "planar": planar, "blobs": blobs, "signed_blobs": signed_blobs, "clusters": clusters,
            "linear": linear, "gaussian": gaussian,
            "bars": bars, "sequences": sequences,
            "spirals": spirals, "disc": disc, "sine": sine, "digits": digits, "inline": inline}


def draw(name: str, rng: np.random.Generator, dtype, **kwargs):
    if name not in DATASETS:
        raise KeyError(f"unknown data set {name!r}; valid names: {', '.join(sorted(DATASETS))}")
    return DATASETS[name](rng, dtype, **kwargs)

"""The analytic distributions initializers draw from: moments, support, CDF, sampler.

Each distribution gives what a statistical check needs:

    mean, var        E[X], Var[X]
    m4               E[(X − E[X])⁴], for the standard error of the sample variance:
                     Var[s²] ≈ (m4 − var²) / n
    low, high        the support (±inf where unbounded)
    cdf(x)           P(X ≤ x), for a Kolmogorov–Smirnov test
    sample(rng, shape)   float64 draws from a numpy Generator

Φ(z) = ½ erfc(−z/√2) (NumPy has no erf; ``math.erfc`` is applied elementwise).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

_erfc = np.frompyfunc(math.erfc, 1, 1)


def std_normal_cdf(z) -> np.ndarray:
    """Φ(z), accurate in both tails (erfc, not 1 − erf)."""
    return 0.5 * np.asarray(_erfc(-np.asarray(z, dtype=np.float64) / math.sqrt(2.0)), dtype=np.float64)


def std_normal_pdf(z) -> np.ndarray:
    return np.exp(-0.5 * np.square(z)) / math.sqrt(2.0 * math.pi)


def truncated_std_normal_var(cutoff: float) -> float:
    """Var of N(0, 1) truncated to [−c, c]: 1 − 2cφ(c) / (2Φ(c) − 1).

    At c = 2 this is 0.87962566103423978², the factor Keras divides its truncated-normal
    std by (keras/src/initializers/random_initializers.py, VarianceScaling)."""
    z = 2.0 * float(std_normal_cdf(cutoff)) - 1.0
    return 1.0 - 2.0 * cutoff * float(std_normal_pdf(cutoff)) / z


@dataclass(frozen=True)
class Normal:
    """N(loc, scale²)."""
    loc: float
    scale: float
    low = -math.inf
    high = math.inf

    @property
    def mean(self) -> float:
        return self.loc

    @property
    def var(self) -> float:
        return self.scale ** 2

    @property
    def m4(self) -> float:
        return 3.0 * self.scale ** 4

    def cdf(self, x) -> np.ndarray:
        return std_normal_cdf((np.asarray(x, dtype=np.float64) - self.loc) / self.scale)

    def sample(self, rng: np.random.Generator, shape) -> np.ndarray:
        return rng.normal(self.loc, self.scale, size=shape)


@dataclass(frozen=True)
class TruncatedNormal:
    """N(loc, scale²) conditioned on |X − loc| ≤ cutoff·scale (symmetric truncation).

    With c = cutoff and Z = 2Φ(c) − 1:
        Var  = scale² (1 − 2cφ(c)/Z)
        m4   = scale⁴ (3 (1 − 2cφ(c)/Z) − 2c³φ(c)/Z)
        F(x) = (Φ((x − loc)/scale) − Φ(−c)) / Z    on [loc − c·scale, loc + c·scale]
    """
    loc: float
    scale: float
    cutoff: float

    @property
    def low(self) -> float:
        return self.loc - self.cutoff * self.scale

    @property
    def high(self) -> float:
        return self.loc + self.cutoff * self.scale

    def _z_phi(self) -> tuple[float, float]:
        return 2.0 * float(std_normal_cdf(self.cutoff)) - 1.0, float(std_normal_pdf(self.cutoff))

    @property
    def mean(self) -> float:
        return self.loc

    @property
    def var(self) -> float:
        return self.scale ** 2 * truncated_std_normal_var(self.cutoff)

    @property
    def m4(self) -> float:
        z, phi = self._z_phi()
        c = self.cutoff
        return self.scale ** 4 * (3.0 * (1.0 - 2.0 * c * phi / z) - 2.0 * c ** 3 * phi / z)

    def cdf(self, x) -> np.ndarray:
        z, _ = self._z_phi()
        u = (np.clip(np.asarray(x, dtype=np.float64), self.low, self.high) - self.loc) / self.scale
        return np.clip((std_normal_cdf(u) - float(std_normal_cdf(-self.cutoff))) / z, 0.0, 1.0)

    def sample(self, rng: np.random.Generator, shape) -> np.ndarray:
        """Rejection: draw N(loc, scale²), redraw every value outside the bounds."""
        out = rng.normal(self.loc, self.scale, size=shape)
        bad = np.abs(out - self.loc) > self.cutoff * self.scale
        while bad.any():
            out[bad] = rng.normal(self.loc, self.scale, size=int(bad.sum()))
            bad = np.abs(out - self.loc) > self.cutoff * self.scale
        return out


@dataclass(frozen=True)
class Uniform:
    """U[low, high): Var = (high − low)²/12, m4 = (high − low)⁴/80."""
    low: float
    high: float

    @property
    def mean(self) -> float:
        return 0.5 * (self.low + self.high)

    @property
    def var(self) -> float:
        return (self.high - self.low) ** 2 / 12.0

    @property
    def m4(self) -> float:
        return (self.high - self.low) ** 4 / 80.0

    def cdf(self, x) -> np.ndarray:
        return np.clip((np.asarray(x, dtype=np.float64) - self.low) / (self.high - self.low), 0.0, 1.0)

    def sample(self, rng: np.random.Generator, shape) -> np.ndarray:
        return rng.uniform(self.low, self.high, size=shape)


@dataclass(frozen=True)
class SphereCoordinate:
    """One coordinate of a point drawn uniformly on the sphere of radius r in R^m (m ≥ 3).

    This is the marginal law of every entry of a Haar-random matrix with orthonormal
    columns of length m, scaled by r (the orthogonal initializer with gain r).
    With t = x/r:  density ∝ (1 − t²)^((m−3)/2) on [−1, 1],  E[x²] = r²/m,
    E[x⁴] = 3r⁴/(m(m+2)). The CDF (a regularized incomplete beta function,
    I_{(1+t)/2}((m−1)/2, (m−1)/2)) is integrated numerically: NumPy has no betainc.
    """
    dim: int
    radius: float
    _GRID = 2 ** 17

    @property
    def low(self) -> float:
        return -self.radius

    @property
    def high(self) -> float:
        return self.radius

    @property
    def mean(self) -> float:
        return 0.0

    @property
    def var(self) -> float:
        return self.radius ** 2 / self.dim

    @property
    def m4(self) -> float:
        return 3.0 * self.radius ** 4 / (self.dim * (self.dim + 2))

    def cdf(self, x) -> np.ndarray:
        # Trapezoid rule on t = sin θ, where the density becomes cos^(m−2) θ: smooth and
        # bounded on [−π/2, π/2] for every m ≥ 2, so the cumulative sum converges fast.
        theta = np.linspace(-0.5 * math.pi, 0.5 * math.pi, self._GRID + 1)
        dens = np.cos(theta) ** (self.dim - 2)
        cum = np.concatenate([[0.0], np.cumsum(0.5 * (dens[1:] + dens[:-1]))])
        cum /= cum[-1]
        t = np.clip(np.asarray(x, dtype=np.float64) / self.radius, -1.0, 1.0)
        return np.interp(np.arcsin(t), theta, cum)

    def sample(self, rng: np.random.Generator, shape) -> np.ndarray:
        v = rng.standard_normal(tuple(shape) + (self.dim,))
        return self.radius * v[..., 0] / np.linalg.norm(v, axis=-1)

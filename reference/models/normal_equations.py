"""Linear regression in closed form: the normal equations, and ridge regression.

    fit(x, y) -> {"w", "b", "predictions", "loss", "objective"}
        x (N, F), y (N, K): w (F, K), b (K,), predictions x·w + b (N, K), loss and objective scalars
    predict(x, w, b) -> x·w + b                                                       (N, K)

With ``fit_intercept=True`` the intercept is not penalized (as scikit-learn's ``Ridge``): the data are
centred, the slope solved on the centred data and the intercept read off the means,

    x̄ = mean_n x_n (F,),  ȳ = mean_n y_n (K,),  X = x − x̄,  Y = y − ȳ
    (XᵀX + λI) w = XᵀY                       (solved, never inverted: ``np.linalg.solve``)
    b = ȳ − x̄·w

which is the minimizer of ‖x·w + b − y‖² + λ‖w‖² over (w, b) with b free. ``fit_intercept=False``
solves (xᵀx + λI) w = xᵀy on the data as given and b = 0. λ (``l2``) is on the scale of the sum of
squares (scikit-learn's ``alpha``): weight decay λ' on the mean squared error is λ = N·λ'.

Which likelihood: with y = x·w + b + ε, ε ~ N(0, σ²) per output, the negative log-likelihood is
‖x·w + b − y‖² / (2σ²) + const, so λ = 0 (ordinary least squares) is the maximum-likelihood solution;
with a Gaussian prior w ~ N(0, (σ²/λ)·I) the negative log-posterior is (‖x·w + b − y‖² + λ‖w‖²) / (2σ²)
+ const, so λ > 0 (ridge) is the maximum a posteriori solution. ``loss`` is the mean squared error
(the Gaussian NLL per element, up to its constants), ``objective`` the sum ‖x·w + b − y‖² + λ‖w‖²
the solution minimizes.

λ = 0 needs XᵀX nonsingular: the (centred) columns of x linearly independent, so at least F + 1 samples
with an intercept (F without); ``fit`` raises a ValueError saying so instead of returning garbage.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.registry import register


@register("model", "normal_equations")
class NormalEquations:
    def __init__(self, l2: float = 0.0, fit_intercept: bool = True):
        self.l2 = validate.number("l2", l2, low=0.0)
        self.fit_intercept = validate.flag("fit_intercept", fit_intercept)

    def fit(self, x: np.ndarray, y: np.ndarray) -> dict:
        x, y = self.check_data(x, y)
        n, features = x.shape
        if self.fit_intercept:
            x_mean, y_mean = x.mean(axis=0), y.mean(axis=0)                 # (F,), (K,)
            xc, yc = x - x_mean, y - y_mean                                 # (N, F), (N, K)
        else:
            xc, yc = x, y
        self._check_rank(xc)
        a = xc.T @ xc + self.l2 * np.eye(features, dtype=x.dtype)           # (F, F)
        w = np.linalg.solve(a, xc.T @ yc)                                   # (F, K)
        b = y_mean - x_mean @ w if self.fit_intercept else np.zeros(y.shape[1], dtype=x.dtype)   # (K,)
        predictions = self.predict(x, w, b)                                 # (N, K)
        residual = predictions - y
        return {"w": w, "b": b, "predictions": predictions,
                "loss": np.mean(residual ** 2),
                "objective": np.sum(residual ** 2) + self.l2 * np.sum(w ** 2)}

    @staticmethod
    def predict(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
        validate.array("x", x, min_ndim=2)
        validate.array("w", w, min_ndim=2, dtype_of=("x", x.dtype))
        if x.ndim != 2 or w.ndim != 2 or w.shape[0] != x.shape[1]:
            raise ValueError(f"w has shape {w.shape}: expected ({x.shape[-1]}, K) for x of shape {x.shape}")
        validate.array("b", b, shape=(w.shape[1],), dtype_of=("x", x.dtype))
        return x @ w + b                                                    # (N, K)

    def check_data(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        """x (N, F) and y (N, K) of one float dtype, N ≥ 1, F ≥ 1, K ≥ 1, all finite."""
        validate.array("x", x, min_ndim=2)
        if x.ndim != 2 or 0 in x.shape:
            raise ValueError(f"x has shape {x.shape}: expected (N, F) with N >= 1 and F >= 1")
        validate.array("y", y, dtype_of=("x", x.dtype))
        if y.ndim != 2 or y.shape[0] != x.shape[0] or y.shape[1] == 0:
            raise ValueError(f"y has shape {y.shape}: expected ({x.shape[0]}, K) with K >= 1, "
                             "one row per row of x (a single target is a column, shape (N, 1))")
        for name, a in (("x", x), ("y", y)):
            if not np.all(np.isfinite(a)):
                raise ValueError(f"{name} holds non-finite values: expected finite data")
        return x, y

    def _check_rank(self, xc: np.ndarray) -> None:
        """λ = 0: XᵀX must be nonsingular (λ > 0 makes XᵀX + λI positive definite whatever x is)."""
        if self.l2 > 0:
            return
        rank = np.linalg.matrix_rank(xc.astype(np.float64))
        if rank < xc.shape[1]:
            centred = "centred " if self.fit_intercept else ""
            need = xc.shape[1] + (1 if self.fit_intercept else 0)
            raise ValueError(f"l2=0.0 is not allowed for this x: its {centred}columns have rank {rank} < "
                             f"F = {xc.shape[1]}, so XᵀX is singular (least squares needs at least {need} samples "
                             "in general position); use l2 > 0 (ridge)")

"""Linear regression by the normal equations (ridge with ``l2`` > 0), composed: torch has no such
estimator; it is a few tensor operations and ``torch.linalg.solve``.

    x̄, ȳ = x.mean(0), y.mean(0);  X, Y = x − x̄, y − ȳ       (fit_intercept: the intercept is not penalized)
    w = torch.linalg.solve(XᵀX + λ·I, XᵀY);  b = ȳ − x̄·w

The formulas and the likelihood each one maximizes are in ``reference/models/normal_equations.py``.
``torch.linalg.lstsq`` would solve the least-squares problem without forming XᵀX; the normal equations
are the algorithm under test here, so this forms them, as the textbook and the reference do.
"""
import torch

from torch_impl.registry import Built, register


class NormalEquations:
    def __init__(self, l2: float, fit_intercept: bool):
        self.l2 = l2
        self.fit_intercept = fit_intercept

    def fit(self, x: torch.Tensor, y: torch.Tensor) -> dict[str, torch.Tensor]:
        """x (N, F), y (N, K) -> w (F, K), b (K,), predictions (N, K), loss and objective (scalars)."""
        if self.fit_intercept:
            x_mean, y_mean = x.mean(dim=0), y.mean(dim=0)
            xc, yc = x - x_mean, y - y_mean
        else:
            xc, yc = x, y
        eye = torch.eye(x.shape[1], dtype=x.dtype, device=x.device)
        w = torch.linalg.solve(xc.T @ xc + self.l2 * eye, xc.T @ yc)               # (F, K)
        b = y_mean - x_mean @ w if self.fit_intercept else torch.zeros(y.shape[1], dtype=x.dtype, device=x.device)
        predictions = self.predict(x, w, b)
        return {"w": w, "b": b, "predictions": predictions,
                "loss": torch.nn.functional.mse_loss(predictions, y),
                "objective": torch.sum((predictions - y) ** 2) + self.l2 * torch.sum(w ** 2)}

    @staticmethod
    def predict(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        return x @ w + b


@register("model", "normal_equations", status="composed",
          note="no closed-form regression in torch: XᵀX + λI and XᵀY, then torch.linalg.solve")
def build(l2=0.0, fit_intercept=True):
    return Built(NormalEquations(l2, fit_intercept))

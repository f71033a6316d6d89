"""The perceptron learning rule, composed: torch has no perceptron. Plain tensors updated in place under
``torch.no_grad()``, one sample at a time, with ``torch.sign`` (sign(0) = 0, as the reference's rule):

    with torch.no_grad():
        for n in order:
            error = t[n] - torch.sign(x[n] @ w + b)
            w += lr * error * x[n]
            b += lr * error

The rule, its sign(0) convention and the criterion it descends are in ``reference/models/perceptron.py``.
"""
import torch

from torch_impl.registry import Built, register


class Perceptron:
    def __init__(self, learning_rate: float):
        self.learning_rate = learning_rate

    def fit(self, x: torch.Tensor, t: torch.Tensor, orders, w: torch.Tensor, b: torch.Tensor) -> dict:
        """Trains w (F,) and b () in place; returns each step's w, b and score, stacked, and the
        mistakes of each epoch."""
        ws, bs, scores, mistakes = [], [], [], []
        with torch.no_grad():
            for order in orders:
                wrong = 0
                for n in order:
                    score = x[n] @ w + b
                    error = t[n] - torch.sign(score)
                    w += self.learning_rate * error * x[n]
                    b += self.learning_rate * error
                    wrong += int(error != 0)
                    ws.append(w.clone())
                    bs.append(b.clone())
                    scores.append(score)
                mistakes.append(wrong)
        return {"w": torch.stack(ws), "b": torch.stack(bs), "score": torch.stack(scores),
                "mistakes": torch.tensor(mistakes)}

    @staticmethod
    def predict(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        return torch.sign(x @ w + b)


@register("model", "perceptron", status="composed",
          note="no perceptron in torch: a loop over samples, torch.sign and in-place updates under torch.no_grad()")
def build(learning_rate=1.0):
    return Built(Perceptron(learning_rate))

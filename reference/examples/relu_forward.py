"""A network's forward pass at given weights, no training: dense, ReLU, dense (a linear output), and the
mean squared error of its outputs (``conformance/study.py``, example ``xor_hand_set``).

    h = max(0, x·W1 + b1)                    (B, H)
    ŷ = h·W2 + b2                            (B, 1)
    L = mean (ŷ − y)²

With W1 = [[1, 1], [1, 1]], b1 = [0, −1], W2 = [[1], [−2]], b2 = [0] the network computes XOR exactly:
h₁ = x₁ + x₂ counts the inputs that are on, h₂ = max(0, x₁ + x₂ − 1) is 1 only when both are, and
ŷ = h₁ − 2h₂. Every product and sum is of small integers, exact in any float dtype, so ŷ = y and L = 0.

Every way takes x (N, F), y (N, 1) and params {"W1" (F, H), "b1" (H,), "W2" (H, 1), "b2" (1,)}, W as
(in, out), and returns {"outputs": ŷ (N, 1), "loss": L}.
"""
import numpy as np

from reference.registry import register


def by_hand(x, y, params):
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    h = np.maximum(0, x @ W1 + b1)                  # (N, H)
    outputs = h @ W2 + b2                           # (N, 1)
    loss = np.mean((outputs - y) ** 2)
    return {"outputs": outputs, "loss": loss}


# The harness finds the way here (conformance/study.py names them).
register("example", "relu_forward")(by_hand)

"""The PyTorch tutorial's network by hand ("Learning PyTorch with examples"): dense, ReLU, dense; the
summed squared error; Adam written out (``conformance/study.py``, example ``tutorial_adam``).

    h = max(0, x·W1 + b1)                    (B, H)
    ŷ = h·W2 + b2                            (B, K)
    L = Σ (ŷ − y)²                           a sum, not a mean: L and its gradients grow with B
Backward:
    ∂L/∂ŷ = 2·(ŷ − y)                        (B, K)
    ∂L/∂W2 = hᵀ·∂L/∂ŷ,  ∂L/∂b2 = Σ_rows ∂L/∂ŷ
    ∂L/∂z1 = (∂L/∂ŷ·W2ᵀ) ⊙ [x·W1 + b1 > 0]   ReLU passes the gradient where it was active
    ∂L/∂W1 = xᵀ·∂L/∂z1,  ∂L/∂b1 = Σ_rows ∂L/∂z1
Adam, per parameter θ with gradient g, step t = 1, 2, ... (Kingma & Ba, Algorithm 1):
    m ← β₁·m + (1 − β₁)·g          v ← β₂·v + (1 − β₂)·g²
    m̂ = m/(1 − β₁ᵗ)                v̂ = v/(1 − β₂ᵗ)
    θ ← θ − η·m̂/(√v̂ + ε)          ε after the bias correction: PyTorch's placement. Keras adds ε to √v
                                    before correcting, θ ← θ − η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√v + ε): the
                                    same step with ε/√(1 − β₂ᵗ) in place of ε, a different one each step
                                    (``reference/optimizers/adam.py``, ``epsilon_placement``).

Every way takes x (N, F), y (N, K); params {"W1" (F, H), "b1" (H,), "W2" (H, K), "b2" (K,)}, W as (in,
out); learning_rate, beta_1, beta_2, epsilon; orders and batch_size, and returns {"losses": each
epoch's mean batch loss, "weights": the trained params}.
"""
import numpy as np

from reference.registry import register


def by_hand(x, y, params, *, learning_rate, beta_1, beta_2, epsilon, orders, batch_size):
    params = {k: v.copy() for k, v in params.items()}
    # Adam's first moment, per parameter
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v = {k: np.zeros_like(p) for k, p in params.items()}           # and its second moment
    t, losses = 0, []
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = x[batch], y[batch]                            # (B, F), (B, K)
            W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
            # forward
            z1 = xb @ W1 + b1                                      # (B, H)
            h = np.maximum(z1, 0)
            y_hat = h @ W2 + b2                                    # (B, K)
            loss = np.sum((y_hat - yb) ** 2)
            # backward
            dy = 2 * (y_hat - yb)                                  # (B, K)
            dz1 = (dy @ W2.T) * (z1 > 0)                           # (B, H)
            grads = {"W1": xb.T @ dz1, "b1": dz1.sum(axis=0), "W2": h.T @ dy, "b2": dy.sum(axis=0)}
            # Adam
            t += 1
            for k, g in grads.items():
                m[k] = beta_1 * m[k] + (1 - beta_1) * g
                v[k] = beta_2 * v[k] + (1 - beta_2) * g * g
                m_hat = m[k] / (1 - beta_1 ** t)
                v_hat = v[k] / (1 - beta_2 ** t)
                params[k] -= learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": params}


# The harness finds the way here (conformance/study.py names them).
register("example", "relu_adam")(by_hand)

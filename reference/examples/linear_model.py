"""One dense layer and a link by hand: linear, logistic and softmax regression, each trained by
mini-batch gradient descent on its negative log-likelihood (``conformance/study.py``).

    z = x·W + b                                                   (B, K)
    link "identity"  ŷ = z          L = mean over all (ŷ − y)²      (MSE: Gaussian noise)
    link "sigmoid"   p = σ(z)       L = −mean[y·log p + (1 − y)·log(1 − p)]     (Bernoulli, K = 1)
    link "softmax"   p = softmax(z) L = −(1/B)·Σ_n Σ_k y_nk·log p_nk            (categorical, y one-hot)
Backward: with each model's canonical link the gradient at z is the prediction's error, scaled:
    ∂L/∂z = 2·(z − y)/(B·K)  (identity)      ∂L/∂z = (p − y)/B  (sigmoid and softmax)
    ∂L/∂W = xᵀ·∂L/∂z,   ∂L/∂b = Σ_rows ∂L/∂z
Update: θ ← θ − η·∂L/∂θ.

Every way of this network takes x (N, F), y (N, K); params {"W" (F, K), "b" (K,)}, W as (in, out);
link; learning_rate; orders (one permutation of range(N) per epoch) and batch_size, and returns
{"losses": each epoch's mean batch loss, "weights": {"W", "b"}}.
"""
import numpy as np

from reference.registry import register


def by_hand(x, y, params, *, link, learning_rate, orders, batch_size):
    W, b = params["W"].copy(), params["b"].copy()
    losses = []
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = x[batch], y[batch]                              # (B, F), (B, K)
            z = xb @ W + b                                           # (B, K)
            if link == "identity":                                   # linear regression
                loss = np.mean((z - yb) ** 2)
                dz = 2 * (z - yb) / z.size
            elif link == "sigmoid":                                  # logistic regression
                p = 1 / (1 + np.exp(-z))
                loss = -np.mean(yb * np.log(p) + (1 - yb) * np.log(1 - p))
                dz = (p - yb) / len(batch)
            else:                                                    # softmax regression, from logits
                shifted = z - z.max(axis=1, keepdims=True)           # exp cannot overflow
                log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
                loss = -np.mean(np.sum(yb * log_p, axis=1))
                dz = (np.exp(log_p) - yb) / len(batch)
            W -= learning_rate * (xb.T @ dz)                         # (F, K)
            b -= learning_rate * dz.sum(axis=0)                      # (K,)
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {"W": W, "b": b}}


# The harness finds the way here (conformance/study.py names them).
register("example", "linear_model")(by_hand)

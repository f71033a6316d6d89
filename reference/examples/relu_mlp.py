"""A ReLU network of any depth by hand: dense layers with ReLU between them, a sigmoid or softmax output,
cross-entropy, SGD with momentum (``conformance/study.py``: the deep narrow disc network, the digits
classifier).

Forward, layer i = 1 … L (a₀ = x):
    zᵢ = aᵢ₋₁·Wᵢ + bᵢ            aᵢ = max(0, zᵢ) for i < L        (B, widthᵢ)
    link "sigmoid": p = σ(z_L), binary cross-entropy;  "softmax": cross-entropy from the logits z_L
Backward, from the top down:
    ∂L/∂z_L = (p − y)/B                                   (either link: the prediction's error)
    ∂L/∂Wᵢ = aᵢ₋₁ᵀ·∂L/∂zᵢ,   ∂L/∂bᵢ = Σ_rows ∂L/∂zᵢ
    ∂L/∂zᵢ₋₁ = (∂L/∂zᵢ·Wᵢᵀ) ⊙ [zᵢ₋₁ > 0]                  ReLU passes the gradient where it was active
SGD with momentum μ, PyTorch's form (Sutskever et al. with the raw gradient):
    v ← g at the first step, then v ← μ·v + g;   θ ← θ − η·v
Keras keeps the step instead, v ← μ·v − η·g, θ ← θ + v: the same for a constant η, rounded differently
(``reference/optimizers/sgd.py``, ``momentum_form``).

Every way takes x (N, F), y (N, K); params {"W1" (F, H₁), "b1" (H₁,), …, "WL", "bL"}, W as (in, out);
link; learning_rate, momentum; orders and batch_size, and returns {"losses": each epoch's mean batch
loss, "weights": the trained params}.
"""
import numpy as np

from reference.registry import register


def by_hand(x, y, params, *, link, learning_rate, momentum, orders, batch_size):
    params = {k: v.copy() for k, v in params.items()}
    depth = len(params) // 2
    # momentum buffers, from the first step
    velocity = {}
    losses = []
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            yb = y[batch]
            # forward, keeping every layer's input a[i - 1] and pre-activation z[i]
            a, z = {0: x[batch]}, {}
            for i in range(1, depth + 1):
                z[i] = a[i - 1] @ params[f"W{i}"] + params[f"b{i}"]     # (B, width_i)
                a[i] = np.maximum(z[i], 0)
            if link == "sigmoid":
                p = 1 / (1 + np.exp(-z[depth]))
                loss = -np.mean(yb * np.log(p) + (1 - yb) * np.log(1 - p))
            else:                                                  # softmax, from the logits
                shifted = z[depth] - z[depth].max(axis=1, keepdims=True)
                log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
                p = np.exp(log_p)
                loss = -np.mean(np.sum(yb * log_p, axis=1))
            # backward, from the top down
            grads = {}
            dz = (p - yb) / len(batch)                             # (B, K)
            for i in range(depth, 0, -1):
                grads[f"W{i}"], grads[f"b{i}"] = a[i - 1].T @ dz, dz.sum(axis=0)
                if i > 1:
                    dz = (dz @ params[f"W{i}"].T) * (z[i - 1] > 0)    # (B, width_{i-1})
            # SGD with momentum
            for k, g in grads.items():
                velocity[k] = g if k not in velocity else momentum * velocity[k] + g
                params[k] -= learning_rate * velocity[k]
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": params}


# The harness finds the way here (conformance/study.py names them).
register("example", "relu_mlp")(by_hand)

"""The two-layer tanh network by hand, trained with early stopping on a validation set: dense, tanh, dense,
sigmoid; binary cross-entropy; SGD with momentum (``conformance/study.py``, example ``early_stopping``).

After each epoch the validation loss v (evaluation: all of x_val at once) decides (Keras's
``EarlyStopping(monitor="val_loss")``):
    improved = v < best (the first epoch always improves): best ← v, wait ← 0, the weights remembered
    otherwise wait ← wait + 1, and training stops when wait reaches ``patience``
At the end the remembered (best) weights are put back (``restore_best_weights``). Keras decides in float32
whatever floatx is (f32(v) < f32(best)); the others compare the numbers they have.

Forward and backward as in ``two_layer.py``; SGD with momentum in PyTorch's form, v ← g at the first step,
then v ← μ·v + g, θ ← θ − η·v.

Every way takes x (N, F), y (N, 1); params {"W1" (F, H), "b1" (H,), "W2" (H, 1), "b2" (1,)}, W as (in,
out); x_val (M, F), y_val (M, 1), patience; learning_rate, momentum; orders (one per epoch at most) and
batch_size, and returns {"losses": each epoch's mean batch loss, "val_losses": each epoch's validation
loss (both as long as the epochs run), "weights": the best epoch's params}.
"""
import numpy as np

from reference.registry import register


def by_hand(x, y, params, *, x_val, y_val, patience, learning_rate, momentum, orders, batch_size):
    params = {k: v.copy() for k, v in params.items()}
    velocity = {}
    losses, val_losses = [], []
    best, best_params, wait = None, None, 0
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = x[batch], y[batch]                     # (B, F), (B, 1)
            W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
            # forward
            h = np.tanh(xb @ W1 + b1)                       # (B, H)
            p = 1 / (1 + np.exp(-(h @ W2 + b2)))            # (B, 1)
            loss = -np.mean(yb * np.log(p) + (1 - yb) * np.log(1 - p))
            # backward
            dz2 = (p - yb) / len(batch)                     # (B, 1)
            dz1 = (dz2 @ W2.T) * (1 - h ** 2)               # (B, H)
            grads = {"W1": xb.T @ dz1, "b1": dz1.sum(axis=0), "W2": h.T @ dz2, "b2": dz2.sum(axis=0)}
            # SGD with momentum
            for k, g in grads.items():
                velocity[k] = g if k not in velocity else momentum * velocity[k] + g
                params[k] -= learning_rate * velocity[k]
            total += float(loss) * len(batch)
        losses.append(total / len(order))
        # the validation loss, at the epoch's end
        h = np.tanh(x_val @ params["W1"] + params["b1"])
        p = 1 / (1 + np.exp(-(h @ params["W2"] + params["b2"])))
        val_losses.append(float(-np.mean(y_val * np.log(p) + (1 - y_val) * np.log(1 - p))))
        # early stopping
        if best is None or val_losses[-1] < best:
            best, best_params, wait = val_losses[-1], {k: v.copy() for k, v in params.items()}, 0
        else:
            wait += 1
            if wait >= patience:
                break
    return {"losses": losses, "val_losses": val_losses, "weights": best_params}


# The harness finds the way here (conformance/study.py names them).
register("example", "early_stopping_mlp")(by_hand)

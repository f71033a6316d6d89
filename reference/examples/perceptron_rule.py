"""The perceptron learning rule by hand (Rosenblatt), one sample at a time (``conformance/study.py``).

    s = x_n·w + b                      the score of sample n, labels t_n ∈ {−1, +1}
    e = t_n − sign(s)                  0 when right, ±2 when wrong
    w ← w + η·e·x_n,   b ← b + η·e

The rule is stochastic gradient descent at rate 2η on the perceptron criterion ℓ = max(0, −t·s): its
gradient is −t·x when the sample is wrong and 0 when right, and −2η·(−t·x) = η·(t − sign(s))·x. So the
framework ways train a linear unit on that criterion with plain SGD at 2η, as their users would; they
agree with the rule except on the boundary s = 0 (the rule takes half a step there, the criterion's
gradient is 0), which a random start keeps them off (``reference/models/perceptron.py``).

Every way takes x (N, F), y (N, 1) in {−1, +1}; params {"w" (F,), "b" ()}; learning_rate (η); orders
(one permutation of range(N) per epoch) and returns {"losses": each epoch's mean criterion before each
update, "weights": {"w", "b"}}.
"""
import numpy as np

from reference.registry import register


def by_hand(x, y, params, *, learning_rate, orders):
    w, b = params["w"].copy(), params["b"].copy()
    t = y[:, 0]                                              # (N,) labels ±1
    losses = []
    for order in orders:
        total = 0.0
        for n in order:                                      # online: one sample per update
            s = x[n] @ w + b                                 # the score
            total += max(0.0, float(-t[n] * s))              # the criterion, before the update
            error = t[n] - np.sign(s)                        # 0, or ±2 for a mistake
            w = w + learning_rate * error * x[n]             # (F,)
            b = b + learning_rate * error
        losses.append(total / len(order))
    return {"losses": losses, "weights": {"w": w, "b": b}}


# The harness finds the way here (conformance/study.py names them).
register("example", "perceptron_rule")(by_hand)

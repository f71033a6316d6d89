"""Divergences of whole models.

With every component mapped as its own records map it, each model case passes in both frameworks at
round-off. What a user of each framework sees as the loss curve differs, though:

* Keras ``fit``'s ``logs["loss"]`` after batch j is the running mean of the epoch's batch losses so far
  (a ``Mean`` metric weighted by batch size, reset each epoch), not the batch's own loss, which torch's
  ``loss.item()`` and the reference give. The Keras runner maps it by evaluating each batch's loss with
  the compiled loss in a callback before the update (``tf_impl/model_runner.py``); the native run
  (``loss_from="fit_logs"``) records the logs. It reaches only the ``loss`` check, from the second batch
  of each epoch (full-batch training has one batch per epoch: no effect).

The sample order of each epoch comes from the reference's generator in all three (torch: a sampler
yielding it; Keras: each epoch's permuted arrays with ``shuffle=False``): neither framework's own
shuffling can be seeded to give the other's order, so that is an input, not a record.
"""
from conformance.divergences import Divergence

DIVERGENCES: list[Divergence] = [
    Divergence("sequential", "keras", family="model",
               what="fit reports the epoch's running mean loss, not each batch's loss",
               framework_value="logs['loss'] after batch j = mean of the epoch's batch losses 1..j (weighted by "
                               "batch size)",
               reference_value="each batch's own loss before its update (torch: loss.item())",
               mapping="a callback evaluates each batch's loss with the compiled loss before the update",
               native={"loss_from": "fit_logs"}, cases=("logistic_minibatch",),
               source="keras/src/backend/tensorflow/trainer.py (train_step: _loss_tracker.update_state; "
                      "fit: reset_metrics each epoch)"),
]

DIVERGENCES += [
    Divergence("sequential", "torch", family="model",
               what="BCEWithLogitsLoss loses a saturated negative sample's loss to cancellation",
               framework_value="(1 − y)·z − log σ(z): for y = 0 and z ≪ 0 two terms of size |z| cancel, so a loss "
                               "of e^{−|z|} comes out with an absolute error of an ulp of |z| (z = −40: 0, not "
                               "4.2e-18; z = −30: 9.24e-14, not 9.36e-14)",
               reference_value="log(1 + e^{−|z|}) + max(z, 0) − z·y, with log1p: relative accuracy at any z",
               mapping="no mapping: the formula is inside the op; only the recorded batch loss is reached (its "
                       "gradient, σ(z) − y, and so the parameters, agree)",
               irreducible=True, checks=("loss",), cases=("saturated_logits",),
               source="aten/src/ATen/native/Loss.cpp (binary_cross_entropy_with_logits); measured on torch 2.13 "
                      "CPU: F.binary_cross_entropy_with_logits(−40., 0.) = 0.0 in float64"),
]

# Saturated outputs written as users write them: a sigmoid layer, then binary cross-entropy on probabilities.
# The mapped runs clip p to [1e-7, 1 − 1e-7] in all three (the case's eps); these are the losses as written.
DIVERGENCES += [
    Divergence("sequential", "keras", family="model",
               what="BinaryCrossentropy on a sigmoid layer's output computes from the sigmoid's logits",
               framework_value="keras.losses.BinaryCrossentropy() finds the logits the sigmoid attached to its output "
                               "(_keras_logits; in a graph, the Sigmoid op's input) and uses "
                               "sigmoid_cross_entropy_with_logits: a confidently wrong sample at z = 40 costs 40 and "
                               "its gradient σ(z) − y = 1 trains it",
               reference_value="the loss of the probability the model outputs, clipped to [ε, 1 − ε]: 16.1 at p = 1 "
                               "(ε = 1e-7), and no gradient through the clip (torch's BCELoss on clamped p alike)",
               mapping="the harness calls the loss on a reshaped view of p with the case's ε (no logits attached)",
               native={"loss_variant": "as_written"}, cases=("saturated_probs",),
               source="keras/src/backend/tensorflow/nn.py (binary_crossentropy: _get_logits)"),
    Divergence("sequential", "torch", family="model",
               what="nn.BCELoss() as written clamps each log at −100 instead of clipping p",
               framework_value="a confidently wrong sample costs up to 100, and where 1 − 1e-7 < p < 1 its "
                               "gradient still passes (nothing is clipped; p(1 − p) is floored at 1e-12 in the backward)",
               reference_value="the case's loss on p clipped to [1e-7, 1 − 1e-7]: 16.1 (float64), 15.9 (float32)",
               mapping="the harness clamps p to [ε, 1 − ε] before BCELoss (torch_impl/losses/bce.py)",
               native={"loss_variant": "log_clamp"}, cases=("saturated_probs",),
               source="aten/src/ATen/native/Loss.cpp (binary_cross_entropy: log clamped at -100)"),
]

# Penalties (l1, l2 on kernels): every loop trains on the objective, loss + Σ penalties. What each reports after
# training differs: Keras's evaluate (like fit's logs) includes the model's regularization losses; the test loop
# of the PyTorch tutorials computes the criterion alone.
DIVERGENCES += [
    Divergence("sequential", "torch", family="model",
               what="an evaluation loop computes the criterion alone, without the penalties trained on",
               framework_value="the tutorials' test loop: loss_fn(model(x), y), summed by batch (no penalty term)",
               reference_value="the objective trained, loss + Σ penalties (Keras's evaluate reports the same)",
               mapping="the torch evaluation loop adds the penalties, as its training loop does",
               native={"evaluate_penalties": False}, cases=("regularized_clipped",),
               source="torch_impl/model_runner.py (evaluate); keras/src/trainers/trainer.py (compute_loss adds "
                      "self.losses)"),
]

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

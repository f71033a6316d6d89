"""Categorical accuracy, composed: torch has no metric objects. Per batch, as PyTorch code writes it::

    (y_pred.argmax(1) == y_true.argmax(1)).to(y_pred.dtype).mean()

y_pred (N, K) scores (logits or probabilities), y_true (N, K) one-hot. ``torch.argmax`` returns
the first index of a tied maximum (torch docs), and a NaN counts as the maximum: both as the
reference. The evaluation loop over batches is ``torch_impl/metric_runner.py``.

The ``float_cast`` variant is the tutorials' ``.float().mean()``: float32 whatever the inputs' dtype
(conformance/divergences/metrics.py).
"""
from torch_impl.registry import Built, register, variant


@register("metric", "accuracy", status="composed",
          note="no metric objects in torch: (y_pred.argmax(1) == y_true.argmax(1)).to(y_pred.dtype).mean() per "
               "batch, a sum and a count over batches")
def build():
    def accuracy(y_pred, y_true):
        return (y_pred.argmax(1) == y_true.argmax(1)).to(y_pred.dtype).mean()

    return Built(accuracy)


@variant("metric", "accuracy", "float_cast")
def build_float_cast():
    """``.float()`` as the tutorials write it: float32 whatever the inputs' dtype."""
    def accuracy(y_pred, y_true):
        return (y_pred.argmax(1) == y_true.argmax(1)).float().mean()

    return Built(accuracy)

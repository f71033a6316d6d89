"""Binary accuracy, composed: torch has no metric objects. Per batch, as PyTorch code writes it::

    ((y_pred > threshold).to(y_true.dtype) == y_true).to(y_pred.dtype).mean()

``>`` is strict (a prediction at the threshold predicts 0); the Python-float threshold is compared
in y_pred's dtype (a scalar takes a tensor's dtype), as the reference does. For logits use
threshold 0. The evaluation loop over batches is ``torch_impl/metric_runner.py``.

The ``float_cast`` variant is the tutorials' spelling ``((y_pred > t).float() == y_true).float().mean()``:
``.float()`` is float32, so in a float64 run the accuracy comes back as a float32 number
(conformance/divergences/metrics.py).
"""
from torch_impl.registry import Built, register, variant


@register("metric", "binary_accuracy", status="composed",
          note="no metric objects in torch: ((y_pred > threshold).to(y_true.dtype) == y_true).to(y_pred.dtype)"
               ".mean() per batch, a sum and a count over batches")
def build(threshold=0.5):
    def binary_accuracy(y_pred, y_true):
        return ((y_pred > threshold).to(y_true.dtype) == y_true).to(y_pred.dtype).mean()

    return Built(binary_accuracy)


@variant("metric", "binary_accuracy", "float_cast")
def build_float_cast(threshold=0.5):
    """``.float()`` as the tutorials write it: float32 whatever the inputs' dtype."""
    def binary_accuracy(y_pred, y_true):
        return ((y_pred > threshold).float() == y_true).float().mean()

    return Built(binary_accuracy)

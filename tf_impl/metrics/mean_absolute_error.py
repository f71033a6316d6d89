"""Mean absolute error as a metric <-> ``keras.metrics.MeanAbsoluteError()``.

Per batch Keras takes the mean over the last axis (``mean_absolute_error``), then its ``Mean`` adds
the per-sample values to ``total`` and the number of samples to ``count``. A rank-1 y of shape (N,)
is therefore one sample to Keras: a streamed result over batches of (N,) arrays is the mean of the
batches' means, not the data's (tests/test_metrics.py). The reference takes (N, C), as a model's
output is; pass (N, 1), not (N,).
"""
import keras

from tf_impl.registry import Built, register


@register("metric", "mean_absolute_error")
def build():
    return Built(keras.metrics.MeanAbsoluteError())

"""Mean absolute error as a metric <-> ``torch.nn.L1Loss()`` (mean over all elements of the batch),
evaluated without gradients; the loop over batches, weighted by batch size, is
``torch_impl/metric_runner.py``."""
import torch

from torch_impl.registry import Built, register


@register("metric", "mean_absolute_error")
def build():
    return Built(torch.nn.L1Loss())

"""Metrics: each module registers itself; ``reference.registry.load_package`` imports every module here.

torch has no metric objects: a builder's ``Built.module`` is the callable ``metric(y_pred, y_true)`` a
PyTorch user writes for one batch (a 0-d tensor, the batch's mean); the evaluation loop that
accumulates it over batches is ``torch_impl/metric_runner.py``.
"""

"""Whole networks (family "model"): a Sequential stack of registered layers and activations
(``sequential.py``), its training loop (``training.py``) and the data sets its cases train on
(``datasets.py``)."""

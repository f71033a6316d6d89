"""Metrics: each module registers itself; ``reference.registry.load_package`` imports every module here.

A metric is a score per sample averaged over the samples, in one call (``value``) or streamed over
mini-batches with an explicit state (``init`` / ``update`` / ``result``); see base.py.
"""

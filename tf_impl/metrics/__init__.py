"""Metrics: each module registers itself; ``reference.registry.load_package`` imports every module here.

A builder's ``Built.module`` is the ``keras.metrics`` object a Keras user passes to
``model.compile(metrics=[...])``: stateful (``update_state`` / ``result`` / ``reset_state``).
"""

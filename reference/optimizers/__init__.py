"""Optimizers: each module registers itself; ``reference.registry.load_package`` imports every module here.

AMSGrad is Adam's (and AdamW's) ``amsgrad=True``, as in both frameworks.
"""

"""Optimizers: each module registers itself; this list is the registration.

AMSGrad is Adam's (and AdamW's) ``amsgrad=True``, as in both frameworks.
"""
from reference.optimizers import adadelta, adagrad, adam, adamax, adamw, nadam, rmsprop, sgd  # noqa: F401

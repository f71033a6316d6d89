"""Optimizers: each module registers itself; this list is the registration."""
from tf_impl.optimizers import adadelta, adagrad, adam, adamax, adamw, nadam, rmsprop, sgd  # noqa: F401

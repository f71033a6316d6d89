"""Reference losses. Each module registers itself; this list is the registration."""
from reference.losses import (bce, bce_with_logits, categorical_crossentropy, half_sse, huber, mae,  # noqa: F401
                              mse, nll, softmax_crossentropy, sparse_categorical_crossentropy,
                              sparse_softmax_crossentropy)

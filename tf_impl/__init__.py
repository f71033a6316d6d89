"""Keras 3 implementations (TensorFlow backend) of the reference catalog.

Importing this package imports TensorFlow and Keras. ``conformance`` reaches it only
through ``conformance.frameworks``, which reports Keras as skipped when it is missing.
"""
import contextlib
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@contextlib.contextmanager
def _quiet_stderr():
    """TensorFlow's C++ start-up lines (oneDNN, CPU features) bypass Python logging."""
    try:
        fd = os.dup(2)
    except OSError:
        yield
        return
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(fd, 2)
            os.close(fd)


with _quiet_stderr():
    import tensorflow  # noqa: E402,F401
    import keras  # noqa: E402,F401

# Retracing warnings from model.fit on many tiny models are expected here (a new model per case).
tensorflow.get_logger().setLevel("ERROR")

from tf_impl.registry import REGISTRY, Built, Param, register  # noqa: E402


def load_all() -> None:
    """Import every component module (``reference.registry.load_package``): each registers itself."""
    from reference.registry import load_package
    load_package("tf_impl")


__all__ = ["REGISTRY", "Built", "Param", "register", "load_all"]

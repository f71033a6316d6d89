from tf_impl.losses import mse  # noqa: F401

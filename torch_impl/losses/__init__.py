from torch_impl.losses import mse  # noqa: F401

from torch_impl.layers import dense  # noqa: F401

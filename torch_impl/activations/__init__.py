from torch_impl.activations import relu  # noqa: F401

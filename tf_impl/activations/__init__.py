from tf_impl.activations import relu  # noqa: F401

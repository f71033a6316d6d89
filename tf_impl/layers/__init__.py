from tf_impl.layers import dense  # noqa: F401

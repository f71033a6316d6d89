"""Reference activations. Each module registers itself; this list is the registration."""
from reference.activations import relu  # noqa: F401

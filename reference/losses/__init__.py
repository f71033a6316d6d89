"""Reference losses. Each module registers itself; this list is the registration."""
from reference.losses import mse  # noqa: F401

"""Reference layers. Each module registers itself; this list is the registration."""
from reference.layers import dense  # noqa: F401

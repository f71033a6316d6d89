"""torch builders of the "model" family (``nn.Sequential`` of the registered builders' modules)."""

"""Keras builders of the "model" family (``keras.Sequential`` of the registered builders' layers)."""

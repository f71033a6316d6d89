"""The catalog of cases, one file per family."""

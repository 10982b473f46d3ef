"""numbers families."""

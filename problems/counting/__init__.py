"""counting families."""

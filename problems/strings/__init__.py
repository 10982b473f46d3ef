"""strings families."""

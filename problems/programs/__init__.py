"""programs families."""

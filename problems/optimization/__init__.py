"""optimization families."""

"""linalg families."""

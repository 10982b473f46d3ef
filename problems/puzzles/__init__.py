"""puzzles families."""

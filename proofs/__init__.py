"""z3 proofs that the catalog verifiers are right."""

"""z3 proofs that the lemmas behind the catalog's verifiers hold.

Each ``prove_<claim>(bound)`` checks a claim for every instance up to ``bound`` and
returns a :class:`Proof`: ``proved``, ``refuted`` (with z3's counterexample) or
``unknown`` (z3 gave up within its resource limit).
"""

from gaps.proofs.core import Proof, prove
from gaps.proofs.sorting import prove_sorted_permutation_is_unique

__all__ = ["Proof", "prove", "prove_sorted_permutation_is_unique"]

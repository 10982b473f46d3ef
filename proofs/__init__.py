"""z3 proofs that the lemmas behind the catalog's verifiers hold.

Each ``prove_<claim>(bound)`` checks a claim for every instance up to ``bound`` and
returns a :class:`Proof`: ``proved``, ``refuted`` (with z3's counterexample) or
``unknown`` (z3 gave up within its resource limit). :func:`prove_limited` runs a
lemma in a worker process of its own that is killed past a time limit, since z3
can overrun its resource limit: a lemma stopped that way is ``unknown`` too.
"""

from gaps.proofs.certificates import (
    prove_cut_bounds_flow,
    prove_gf2_solution,
    prove_koenig_cover_bounds_matching,
    prove_potentials_bound_paths,
    prove_pratt_certificate_implies_prime,
    prove_two_sat_paths_refute,
    prove_weak_lp_duality,
)
from gaps.proofs.constructions import (
    prove_planted_assignment_satisfies,
    prove_planted_clique_is_clique,
    prove_planted_cycle_is_hamiltonian,
)
from gaps.proofs.core import Proof, prove, prove_limited
from gaps.proofs.sorting import prove_sorted_permutation_is_unique

__all__ = [
    "Proof",
    "prove",
    "prove_cut_bounds_flow",
    "prove_gf2_solution",
    "prove_koenig_cover_bounds_matching",
    "prove_limited",
    "prove_planted_assignment_satisfies",
    "prove_planted_clique_is_clique",
    "prove_planted_cycle_is_hamiltonian",
    "prove_potentials_bound_paths",
    "prove_pratt_certificate_implies_prime",
    "prove_sorted_permutation_is_unique",
    "prove_two_sat_paths_refute",
    "prove_weak_lp_duality",
]

"""z3 proofs that the lemmas behind the catalog's verifiers hold.

Each ``prove_<claim>(bound)`` checks a claim for every instance up to ``bound`` and
returns a :class:`Proof`: ``proved``, ``refuted`` (with z3's counterexample) or
``unknown`` (z3 gave up within its resource limit). :func:`prove_limited` runs a
lemma in a worker process of its own that is killed past a time limit, since z3
can overrun its resource limit: a lemma stopped that way is ``unknown`` too.
"""

from gaps.proofs.algebra import prove_freivalds_certifies_rank, prove_rewrite_rules_keep_the_value
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
from gaps.proofs.graphs import (
    prove_cycle_property_implies_minimum,
    prove_distinct_vertices_visit_all,
    prove_kuratowski_subdivisions_are_not_plane,
    prove_listed_pairs_cover_the_clique,
    prove_mapped_edges_make_an_isomorphism,
)
from gaps.proofs.numbers import (
    prove_increasing_indices_pick_a_subset,
    prove_two_primes_make_a_semiprime,
)
from gaps.proofs.planted import (
    prove_plant_makes_a_clique,
    prove_plant_makes_a_hamiltonian_graph,
    prove_plant_makes_a_satisfiable_formula,
)
from gaps.proofs.refutations import (
    prove_blocked_models_are_all_models,
    prove_checked_assignment_satisfies,
    prove_rat_step_keeps_a_model,
    prove_rup_step_is_implied,
)
from gaps.proofs.sorting import prove_sorted_permutation_is_unique
from gaps.proofs.tables import (
    prove_alignment_cost_bounds_distance,
    prove_common_pairs_bound_lcs,
    prove_knapsack_table_bounds_every_packing,
)

__all__ = [
    "Proof",
    "prove",
    "prove_alignment_cost_bounds_distance",
    "prove_blocked_models_are_all_models",
    "prove_checked_assignment_satisfies",
    "prove_common_pairs_bound_lcs",
    "prove_cut_bounds_flow",
    "prove_cycle_property_implies_minimum",
    "prove_distinct_vertices_visit_all",
    "prove_freivalds_certifies_rank",
    "prove_gf2_solution",
    "prove_increasing_indices_pick_a_subset",
    "prove_knapsack_table_bounds_every_packing",
    "prove_koenig_cover_bounds_matching",
    "prove_kuratowski_subdivisions_are_not_plane",
    "prove_limited",
    "prove_listed_pairs_cover_the_clique",
    "prove_mapped_edges_make_an_isomorphism",
    "prove_plant_makes_a_clique",
    "prove_plant_makes_a_hamiltonian_graph",
    "prove_plant_makes_a_satisfiable_formula",
    "prove_planted_assignment_satisfies",
    "prove_planted_clique_is_clique",
    "prove_planted_cycle_is_hamiltonian",
    "prove_potentials_bound_paths",
    "prove_pratt_certificate_implies_prime",
    "prove_rat_step_keeps_a_model",
    "prove_rewrite_rules_keep_the_value",
    "prove_rup_step_is_implied",
    "prove_sorted_permutation_is_unique",
    "prove_two_primes_make_a_semiprime",
    "prove_two_sat_paths_refute",
    "prove_weak_lp_duality",
]

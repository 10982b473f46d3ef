"""Which lemma each catalog verifier and planted generator rests on.

Keys are ``"family/part"``: a verifier's name for a certificate lemma, a generator's
for a construction. ``gaps prove`` runs them all and stores each verdict under its
key, so the catalog and the survey can say per pairing whether its verifier is
proved. Every certified verifier of the catalog has an entry (a test holds it so).

>>> LEMMAS["max_flow/min_cut"][0].__name__
'prove_cut_bounds_flow'
"""

from __future__ import annotations

from collections.abc import Callable

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
from gaps.proofs.core import Proof
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

__all__ = ["CONSTRUCTIONS", "LEMMAS"]

Lemma = Callable[..., Proof]

#: The lemmas each verifier's soundness rests on, by "family/verifier".
LEMMAS: dict[str, tuple[Lemma, ...]] = {
    "bipartite_matching/konig": (prove_koenig_cover_bounds_matching,),
    "edit_distance/alignment": (prove_alignment_cost_bounds_distance,),
    "graph_isomorphism/check": (prove_mapped_edges_make_an_isomorphism,),
    "hamiltonian_cycle/check": (prove_distinct_vertices_visit_all,),
    "knapsack/table": (prove_knapsack_table_bounds_every_packing,),
    "linear_programming/duality": (prove_weak_lp_duality,),
    "longest_common_subsequence/common": (prove_common_pairs_bound_lcs,),
    "low_rank/freivalds": (prove_freivalds_certifies_rank,),
    "max_flow/min_cut": (prove_cut_bounds_flow,),
    "minimum_spanning_tree/cycle_property": (prove_cycle_property_implies_minimum,),
    "model_count/witnesses": (prove_blocked_models_are_all_models, prove_rup_step_is_implied),
    "pigeonhole/drat": (prove_rup_step_is_implied,),
    "pigeonhole/backward": (prove_rup_step_is_implied, prove_rat_step_keeps_a_model),
    "planarity/certificate": (prove_kuratowski_subdivisions_are_not_plane,),
    "planted_clique/check": (prove_listed_pairs_cover_the_clique,),
    "planted_sat/check": (prove_checked_assignment_satisfies,),
    "prime_certificate/pratt": (prove_pratt_certificate_implies_prime,),
    "random_3sat/check": (prove_checked_assignment_satisfies,),
    "semiprime/check": (prove_two_primes_make_a_semiprime,),
    "shortest_paths/potentials": (prove_potentials_bound_paths,),
    "sorting/check": (prove_sorted_permutation_is_unique,),
    "subset_sum/check": (prove_increasing_indices_pick_a_subset,),
    "term_equivalence/replay": (prove_rewrite_rules_keep_the_value,),
    "tseitin/drat": (prove_rup_step_is_implied,),
    "tseitin/backward": (prove_rup_step_is_implied, prove_rat_step_keeps_a_model),
    "two_sat/check": (prove_two_sat_paths_refute,),
    "xor_sat/check": (prove_gf2_solution,),
}

#: The checks of each planted generator, by "family/generator": the construction's
#: lemma (every random choice, in z3) and its real code run up to a bound.
CONSTRUCTIONS: dict[str, tuple[Lemma, ...]] = {
    "hamiltonian_cycle/plant": (
        prove_planted_cycle_is_hamiltonian,
        prove_plant_makes_a_hamiltonian_graph,
    ),
    "planted_clique/plant": (prove_planted_clique_is_clique, prove_plant_makes_a_clique),
    "planted_sat/plant": (
        prove_planted_assignment_satisfies,
        prove_plant_makes_a_satisfiable_formula,
    ),
}

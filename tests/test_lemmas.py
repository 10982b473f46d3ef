"""The lemmas of every certified verifier: listed, proved, and refuted when a premise is dropped."""

from __future__ import annotations

import inspect
import textwrap
from importlib import import_module

import pytest
from gaps.proofs import Proof, algebra, graphs, numbers, refutations, tables
from gaps.proofs.catalog import CONSTRUCTIONS, LEMMAS

import gaps

#: Each lemma with one premise its proof needs; dropping it must give a counterexample,
#: so a lemma cannot pass by being vacuous. Bounds are the smallest that show it.
PREMISES = {
    "graphs.prove_cycle_property_implies_minimum": ("*premise)", "*premise[: len(tree)])", 4),
    "graphs.prove_mapped_edges_make_an_isomorphism": (
        "*permutation, *same_size, *into",
        "*permutation, *into",
        3,
    ),
    "graphs.prove_kuratowski_subdivisions_are_not_plane": (
        "length[i] >= shortest",
        "length[i] >= 1",
        1,
    ),
    "graphs.prove_distinct_vertices_visit_all": (
        "z3.And(*ranged, *distinct)",
        "z3.And(*ranged)",
        3,
    ),
    "graphs.prove_listed_pairs_cover_the_clique": (
        "z3.And(*ranged, *distinct)",
        "z3.And(*ranged)",
        3,
    ),
    "refutations.prove_rup_step_is_implied": (
        "*(z3.Implies(clause[o], true[o ^ 1]) for o in lits if o != lit),",
        "",
        2,
    ),
    "refutations.prove_blocked_models_are_all_models": (
        "z3.And(*distinct, *satisfied, *blocked)",
        "z3.And(*distinct, *satisfied)",
        2,
    ),
    "refutations.prove_rat_step_keeps_a_model": (
        "premise = z3.And(lemma[p], *model, *resolvents)",
        "premise = z3.And(lemma[p], *model)",
        1,
    ),
    "refutations.prove_checked_assignment_satisfies": (
        "values[v] == (lit > 0)",
        "values[v] == (lit < 0)",
        2,
    ),
    "tables.prove_knapsack_table_bounds_every_packing": (
        "premise = z3.And(*items, *recurrence, weight <= capacity)",
        "premise = z3.And(*items, weight <= capacity)",
        2,
    ),
    "tables.prove_alignment_cost_bounds_distance": (
        "pair = z3.IntVal(1) if match is None else match",
        "pair = z3.IntVal(0)",
        2,
    ),
    "tables.prove_common_pairs_bound_lcs": (
        "z3.And(*ranged, *increasing, *equal)",
        "z3.And(*ranged, *equal)",
        2,
    ),
    "algebra.prove_freivalds_certifies_rank": ("d[i][j] != 0, ", "", 1),
    "numbers.prove_two_primes_make_a_semiprime": ("prime(p), prime(q)", "prime(p)", 5),
    "numbers.prove_increasing_indices_pick_a_subset": (
        "z3.And(*ranged, *increasing)",
        "z3.And(*ranged)",
        2,
    ),
}
MODULES = {
    "graphs": graphs,
    "refutations": refutations,
    "tables": tables,
    "algebra": algebra,
    "numbers": numbers,
}


def test_every_lemma_is_listed() -> None:
    listed = {f"{m}.{name}" for m, module in MODULES.items() for name in module.__all__}
    assert set(PREMISES) | {"algebra.prove_rewrite_rules_keep_the_value"} == listed


def test_every_certified_verifier_has_a_lemma() -> None:
    certified = {
        f"{f.name}/{name}"
        for f in gaps.catalog()
        for name, v in f.verifiers.items()
        if v.mode == "certified"
    }
    assert certified <= set(LEMMAS), sorted(certified - set(LEMMAS))


def test_every_listed_part_exists_in_the_catalog() -> None:
    for key in LEMMAS:
        family, verifier = key.split("/")
        assert verifier in gaps.get(family).verifiers, key
    for key in CONSTRUCTIONS:
        family, generator = key.split("/")
        assert generator in gaps.get(family).generators, key


def _lemma(key: str):
    module, name = key.split(".")
    return getattr(import_module(f"gaps.proofs.{module}"), name)


@pytest.mark.parametrize("key", sorted(PREMISES))
def test_lemma_is_proved(key: str) -> None:
    assert _lemma(key)(PREMISES[key][2]).status == "proved"


@pytest.mark.parametrize("key", sorted(PREMISES))
def test_lemma_without_a_premise_is_refuted(key: str) -> None:
    old, new, bound = PREMISES[key]
    module = MODULES[key.split(".")[0]]
    name = key.split(".")[1]
    source = textwrap.dedent(inspect.getsource(getattr(module, name)))
    assert source.count(old) == 1
    namespace = dict(vars(module))
    exec(source.replace(old, new), namespace)
    proof: Proof = namespace[name](bound)
    assert proof.status == "refuted" and proof.counterexample


def test_rewrite_rules_are_proved_and_a_wrong_rule_is_refuted() -> None:
    assert algebra.prove_rewrite_rules_keep_the_value(2).status == "proved"

    def swap(term, meter):  # x - y to y - x: not an identity
        return ("sub", term[2], term[1]) if term[0] == "sub" else None

    wrong = algebra.prove_rewrite_rules_keep_the_value(2, rules={"swap": swap})
    assert wrong.status == "refuted" and wrong.counterexample


@pytest.mark.slow
@pytest.mark.parametrize("key", sorted(PREMISES))
def test_lemma_is_proved_at_its_default_bound(key: str) -> None:
    assert _lemma(key)().status == "proved"

"""Construction lemmas: proved at their bounds, and refuted when the construction is broken."""

from __future__ import annotations

import inspect
import sys
import textwrap

import pytest
from gaps.proofs import constructions, planted, prove_limited
from gaps.proofs.catalog import CONSTRUCTIONS

import gaps

#: Each lemma with one step of the construction it models; breaking that step must give
#: a counterexample, so a lemma cannot pass by being vacuous.
BROKEN = {
    "prove_planted_cycle_is_hamiltonian": (
        "(order[i - 1], order[i]) for i in range(n)]",
        "(order[i - 1], order[i]) for i in range(1, n)]",  # no closing edge: a path
    ),
    "prove_planted_clique_is_clique": (
        "row = z3.If(z3.And(member[u], member[b]), row | bit, row)",
        "row = row",  # the clique's pairs are never set
    ),
    "prove_planted_assignment_satisfies": (
        "kept += [*distinct, count >= 1]",
        "kept += [*distinct]",  # clauses kept whatever the hidden assignment
    ),
}


def test_every_construction_is_listed() -> None:
    assert set(BROKEN) == set(constructions.__all__)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_construction_is_proved(name: str) -> None:
    assert getattr(constructions, name)().status == "proved"


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_construction_is_refuted(name: str) -> None:
    old, new = BROKEN[name]
    source = textwrap.dedent(inspect.getsource(getattr(constructions, name)))
    assert source.count(old) == 1
    namespace = dict(vars(constructions))
    exec(source.replace(old, new), namespace)
    proof = namespace[name](4)
    assert proof.status == "refuted" and proof.counterexample


#: Each real-code check with one step of the family's own generator to break: the
#: broken copy, run on the same instances, must give an output without the property.
BROKEN_PLANTS = {
    "prove_plant_makes_a_hamiltonian_graph": (
        "hamiltonian_cycle",
        "zip(cycle, cycle[1:] + cycle[:1], strict=True)",
        "zip(cycle[:-1], cycle[1:], strict=True)",  # no closing edge: a path
    ),
    "prove_plant_makes_a_clique": (
        "planted_clique",
        "rows[a] |= 1 << b",
        "rows[a] |= 0",  # the clique's pairs are never set
    ),
    "prove_plant_makes_a_satisfiable_formula": (
        "planted_sat",
        "if true and rng.random()",
        "if rng.random()",  # clauses kept whatever the hidden assignment
    ),
}


def test_every_real_code_check_is_listed() -> None:
    assert set(BROKEN_PLANTS) == set(planted.__all__)
    checked = {lemma.__name__ for found in CONSTRUCTIONS.values() for lemma in found}
    assert set(BROKEN_PLANTS) | set(BROKEN) <= checked


@pytest.mark.parametrize("name", sorted(BROKEN_PLANTS))
def test_real_plant_is_proved(name: str) -> None:
    family = BROKEN_PLANTS[name][0]
    least = {"hamiltonian_cycle": 5, "planted_clique": 8, "planted_sat": 3}[family]
    proof = getattr(planted, name)(least + 1, seeds=10)
    assert proof.status == "proved", str(proof)


@pytest.mark.parametrize("name", sorted(BROKEN_PLANTS))
def test_broken_real_plant_is_refuted(name: str) -> None:
    family, old, new = BROKEN_PLANTS[name]
    plant = gaps.get(family).generators["plant"]
    source = textwrap.dedent(inspect.getsource(plant))
    assert source.count(old) == 1
    namespace = dict(vars(sys.modules[plant.__module__]))
    exec(source.replace(old, new), namespace)
    proof = getattr(planted, name)(plant=namespace[plant.__name__])
    assert proof.status == "refuted" and "instance" in proof.counterexample


def test_real_plant_check_runs_in_its_own_process() -> None:
    proof = prove_limited(planted.prove_plant_makes_a_satisfiable_formula, 4)
    assert proof.status == "proved", str(proof)

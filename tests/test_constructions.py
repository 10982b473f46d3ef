"""Construction lemmas: proved at their bounds, and refuted when the construction is broken."""

from __future__ import annotations

import inspect
import textwrap

import pytest
from gaps.proofs import constructions

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

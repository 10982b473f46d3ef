"""gaps.prove: catalog verifiers agree with their specifications; broken copies do not."""

from __future__ import annotations

from importlib import import_module

import pytest
from gaps.proofs.mutants import MUTANTS

import gaps

SPECIFIED = sorted({(m.family, m.target) for m in MUTANTS})


@pytest.mark.parametrize(("name", "verifier"), SPECIFIED)
def test_catalog_verifier_is_proved(name: str, verifier: str) -> None:
    report = gaps.prove(gaps.get(name), verifier=verifier, bound=3)
    assert report.status == "proved", str(report)
    assert report.counterexample is None
    assert report.instances > 0 and report.outputs > report.valid_outputs > 0


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_seeded_bug_is_refuted(mutant) -> None:
    family = gaps.get(mutant.family)
    report = gaps.prove(family, verifier=mutant.verifier, against=mutant.target, bound=3)
    assert report.status == "refuted", str(report)
    instance, output = report.counterexample
    own = family.verifiers[mutant.target]
    args = (instance, *output) if own.mode == "certified" else (instance, output)
    # The counterexample is real: the mutant and the family's verifier disagree on it
    # (a mutant that crashes on it gives no verdict).
    assert _verdict(mutant.verifier, args) != _verdict(own.fn, args)


def _verdict(verifier, args) -> bool | None:
    try:
        return bool(verifier(*args, gaps.Meter()))
    except Exception:
        return None


def test_counterexample_is_the_smallest_instance_and_shortest_output() -> None:
    accept_all = gaps.prove(gaps.get("sorting"), verifier=lambda xs, ys, meter: True, bound=2)
    assert accept_all.counterexample == ([], [0])
    assert accept_all.reason == "accepted an invalid output"
    # Any placement of n queens passes this check: the shortest wrong one is on the
    # smallest board, one queen off it.
    count_only = gaps.prove(gaps.get("n_queens"), verifier=lambda s, q, meter: len(q) == s[0])
    assert count_only.counterexample is not None
    board, queens = count_only.counterexample
    assert board[0] == 1 and len(queens) == 1


def test_mutants_cover_every_kind_of_bug() -> None:
    assert len(MUTANTS) >= 15
    assert len({m.name for m in MUTANTS}) == len(MUTANTS)


def test_prove_without_specification_names_the_family() -> None:
    fam = gaps.Family("no_spec", lambda size, rng: size, lambda n, m: n, lambda n, o, m: True)
    with pytest.raises(gaps.InvalidArgument, match="no_spec"):
        gaps.prove(fam)


def test_prove_rejects_unknown_verifier_name() -> None:
    with pytest.raises(gaps.UnknownName, match="check"):
        gaps.prove(gaps.get("sorting"), verifier="chek")


def test_prove_reports_unknown_when_budget_runs_out() -> None:
    report = gaps.prove(gaps.get("sorting"), bound=3, budget=10)
    assert report.status == "unknown" and report.outputs <= 10


def test_verifier_that_raises_is_refuted() -> None:
    def crashes(xs, ys, meter):
        return ys[0] <= ys[-1] and sorted(xs) == ys

    report = gaps.prove(gaps.get("sorting"), verifier=crashes, bound=2)
    assert report.status == "refuted" and report.counterexample == ([], [])


def test_family_rejects_a_spec_of_the_wrong_shape() -> None:
    with pytest.raises(gaps.DeclarationError, match="Specification"):
        gaps.Family("bad_spec", lambda s, r: s, lambda n, m: n, lambda n, o, m: True, spec=42)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "verifier"), SPECIFIED)
def test_catalog_verifier_is_proved_deeper(name: str, verifier: str) -> None:
    assert gaps.prove(gaps.get(name), verifier=verifier, bound=4).status == "proved"


def test_prove_refuses_a_verifier_of_another_shape() -> None:
    # bipartite_matching's specification states the konig pairs; recompute sees a matching.
    with pytest.raises(gaps.InvalidArgument, match="cannot check a compare verifier"):
        gaps.prove(gaps.get("bipartite_matching"), verifier="recompute", bound=1)


def test_each_verifier_is_checked_against_its_own_specification() -> None:
    fam = gaps.get("semiprime")
    assert [s.verifier for s in fam.specs] == [None, "check"]
    # The certified check against the decider's relation would be a shape error.
    assert gaps.prove(fam, verifier="check", bound=2).status == "proved"
    accept_all = gaps.prove(fam, verifier=lambda s, n, f, m: True, against="check", bound=2)
    assert accept_all.status == "refuted"


def test_two_specifications_of_one_verifier_are_refused() -> None:
    spec = gaps.get("sorting").spec
    with pytest.raises(gaps.DeclarationError, match="two specifications"):
        gaps.Family(
            "twice",
            lambda size, rng: [],
            lambda xs, m: xs,
            lambda xs, ys, m: True,
            spec=(spec, spec),
        )


def test_near_candidates_still_include_every_valid_one() -> None:
    # The knapsack specification checks invalid tables near valid ones only; a verifier
    # rejecting every valid answer is still refuted on the first instance.
    reject_all = gaps.prove(
        gaps.get("knapsack"), verifier=lambda i, o, c, m: False, against="table"
    )
    assert reject_all.status == "refuted" and reject_all.reason == "rejected a valid output"


def test_backward_checker_is_bounded_not_exact() -> None:
    # It checks only the lemmas the refutation uses: proved against its own bounds,
    # refuted against the forward checker's exact relation by a lemma it never checks.
    fam = gaps.get("pigeonhole")
    assert gaps.prove(fam, verifier="backward", bound=3).status == "proved"
    exact = gaps.prove(fam, verifier="backward", against="drat", bound=3)
    assert exact.status == "refuted" and exact.reason == "accepted an invalid output"
    formula, (answer, proof) = exact.counterexample
    forward = fam.verifiers["drat"].fn
    assert answer == "unsatisfiable" and not forward(formula, answer, proof, gaps.Meter())


@pytest.mark.parametrize("name", ["pigeonhole", "tseitin"])
def test_refutation_instances_come_with_satisfiable_twins(name: str) -> None:
    from gaps.problems.logic._proof_spec import satisfiable

    module = import_module(f"gaps.problems.logic.{name}")
    pairs = list(module.small_formulas(3))
    assert [partner is None for _, partner in pairs] == [True, False] * (len(pairs) // 2)
    for (formula, partner), (full, _) in zip(pairs[1::2], pairs[::2], strict=True):
        assert partner == full[1] and satisfiable(formula[1]) and not satisfiable(partner)
        # The twin has no refutation: the forward checker rejects its partner's proof.
        family = gaps.get(name)
        _, proof = family.generate["cadical"](full, gaps.Meter())
        assert not family.verifiers["drat"].fn(formula, "unsatisfiable", proof, gaps.Meter())

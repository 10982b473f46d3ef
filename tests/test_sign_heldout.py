"""The held-out sign suite (benchmarks/sign_heldout.py): its grammar, its exact truth,
its tally, and a fixed subset of its traps judged by the sign rule."""

from __future__ import annotations

import doctest
import importlib
import itertools
import sys
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from gaps.symbolic import compare_growth, parse_growth

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SIGN_OF_ORDER = {"faster": "positive", "slower": "negative", "same": "neutral"}


@pytest.fixture(scope="module")
def heldout():
    sys.path.insert(0, str(BENCHMARKS))  # the suite imports sign_benchmark beside it
    try:
        return importlib.import_module("sign_heldout")
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def suite(heldout):
    return heldout.draw_cases(seed=0, count=300)


def test_the_suite_keeps_to_its_grammar(heldout, suite):
    for case in suite:
        sizes = case.sizes
        assert 5 <= len(sizes) <= 9 and list(sizes) == sorted(set(sizes)), case
        assert 4 <= sizes[-1] / sizes[0] <= 257, case
        assert 3 <= case.instances <= 7 and 0 <= case.noise <= 0.5, case
        assert case.shared in ("mild", "heavy")
        for side in (case.generate, case.verify):
            lead, *added = side
            assert Fraction(1, 2) <= lead.a <= 3 or lead.rate, case
            assert all(t.key() < lead.key() for t in added), case
        if case.budget is not None:
            top = max(case.case().generate(sizes[-1]), case.case().verify(sizes[-1]))
            assert case.budget < top, case
    assert {c.kind for c in suite} == set(heldout.KINDS)
    assert {c.sign for c in suite} == set(heldout.SIGNS)
    traps = [c for c in suite if c.sign != "negative" and c.added]
    assert len(traps) >= len(suite) / 3
    assert 0.05 < sum(c.budget is not None for c in suite) / len(suite) < 0.5
    assert 0.5 < sum(c.identifiable for c in suite) / len(suite) < 0.95


def test_a_case_is_drawn_alone_and_reproducibly(heldout):
    first = heldout.draw_cases(seed=2, count=12)
    assert first[7] == heldout.draw_case(2, 7)
    assert first != heldout.draw_cases(seed=3, count=12)
    assert first[7].case().name != heldout.draw_case(3, 7).case().name


def test_the_exact_sign_agrees_with_sympy_limits(heldout, suite):
    # The suite orders terms by their exponents; sympy takes the limit of each ratio.
    for case in suite[:12]:
        leads = []
        for side in case.generate, case.verify:
            lead, *added = (parse_growth(t.sympy()) for t in side)
            assert all(compare_growth(t, lead) == "slower" for t in added), case
            leads.append(lead)
        assert SIGN_OF_ORDER[compare_growth(*leads)] == case.sign, case


def test_only_an_overhead_that_has_faded_is_identifiable(heldout):
    term, q = heldout.Term, Fraction
    settings = {
        "seed": 0,
        "index": 0,
        "kind": "overhead",
        "spacing": "geometric",
        "instances": 3,
        "noise": 0.0,
        "shared": "mild",
        "unit": 1.0,
        "budget": None,
    }
    faded = heldout.HeldOut(
        generate=(term(1.0, q(1)), term(2000.0)),
        verify=(term(1.0, q(1)),),
        sizes=(100, 200, 400, 800, 1600, 3200),
        **settings,
    )
    # The same numbers as a constant against sqrt n, a negative gap: no size tells.
    dominant = heldout.HeldOut(
        generate=(term(1.0, q(1, 2)), term(1e5)),
        verify=(term(1.0, q(1, 2)),),
        sizes=(16, 24, 32, 48, 64),
        **settings,
    )
    # A positive gap whose curve still falls at its largest size.
    falling = heldout.HeldOut(
        generate=(term(1.0, q(6, 5)), term(2e3)),
        verify=(term(1.0, q(1)),),
        sizes=(64, 128, 256, 512, 1024),
        **settings,
    )
    assert faded.sign == dominant.sign == "neutral" and falling.sign == "positive"
    assert faded.identifiable
    assert not dominant.identifiable
    assert not falling.identifiable


def test_the_tally_catches_a_rule_that_reads_every_gap_negative(heldout, suite):
    cases = suite[:40]
    counts, false_negatives = heldout.tally(heldout.run(cases, lambda case: "negative"))
    truly_negative = sum(c.sign == "negative" for c in cases)
    assert counts["total"]["false negative"] == len(false_negatives) == 40 - truly_negative
    assert counts["total"]["right"] == truly_negative
    counts, false_negatives = heldout.tally(heldout.run(cases, lambda case: case.sign))
    assert counts["total"]["right"] == 40 and not false_negatives
    counts, _ = heldout.tally(heldout.run(cases, lambda case: "inconclusive"))
    assert counts["total"]["inconclusive"] == 40 and counts["total"]["wrong"] == 0


def test_neutral_readings_are_counted_by_what_they_rest_on(heldout, suite):
    cases = suite[:20]
    base = heldout.classified(cases[0].case(), 0)
    readings = [
        (case, replace(base, sign=sign, basis=basis))
        for case, (sign, basis) in zip(
            cases,
            itertools.cycle(
                [("neutral", "parsimony"), ("neutral", "equivalence"), ("positive", "trend")]
            ),
        )
    ]
    bases = heldout.neutral_bases(readings)
    for basis in ("parsimony", "equivalence"):
        read = [case for case, found in readings if found.basis == basis]
        right = sum(case.sign == "neutral" for case in read)
        settled = [case.sign == "neutral" for case in read if case.settled]
        assert bases[basis] == {
            "right": right,
            "wrong": len(read) - right,
            "settled right": sum(settled),
            "settled wrong": len(settled) - sum(settled),
        }


def test_the_suite_examples_run(heldout):
    assert doctest.testmod(heldout).failed == 0


@pytest.fixture(scope="module")
def judged(heldout):
    """The sign rule's readings of the first 40 identifiable cases of seed 0 whose true
    sign is neutral or positive: the cases where a false negative can occur and the
    sizes show the asymptotic regime."""
    drawn = (heldout.draw_case(0, i) for i in range(400))
    cases = [c for c in drawn if c.identifiable and c.sign != "negative"][:40]
    return heldout.run(cases)


def test_the_rule_reads_every_trap(heldout, judged):
    assert len(judged) == 40
    assert {found for _, found in judged} <= {"positive", "negative", "neutral", "inconclusive"}
    counts, _ = heldout.tally(judged)
    assert counts["total"]["right"] > 0


def test_no_false_negative_where_the_sizes_show_the_asymptotic_regime(heldout, judged):
    _, false_negatives = heldout.tally(judged)
    assert not false_negatives, [f"#{c.index} {c.kind}: {c}" for c, _ in false_negatives]


def test_a_constant_ratio_has_settled_and_an_exponential_one_has_not(heldout, suite):
    constant = [c for c in suite if c.kind == "constant"]
    exponential = [c for c in suite if c.kind == "exponential"]
    assert constant and exponential
    assert all(c.settled for c in constant)
    assert not any(c.settled for c in exponential)

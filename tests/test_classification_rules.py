"""The classifier's reading of the measured gap, on hand-made measurements.

Each instance is generated and verified, so the gap is read paired by instance; these
tests build the call records directly, so every cost is known exactly.
"""

from __future__ import annotations

import math
import random

import pytest

import gaps
from gaps.calls import CallRecord
from gaps.classification import _paired_gaps, _report
from gaps.measure import Measurements
from gaps.tasks import Limits

SIZES = (16, 32, 64, 128, 256, 512, 1024)
#: Wide enough that an overhead of 2000 steps has faded to a quarter at the top, where
#: it still falls faster than a log factor would.
WIDE = tuple(2**k for k in range(6, 14))
#: Wide enough that it falls, at the top, slower than a log factor.
WIDER = tuple(2**k for k in range(6, 17))
FAMILY = gaps.Family(
    name="handmade",
    sample=lambda size, rng: size,
    generate=lambda n, meter: n,
    verify=lambda n, out, meter: True,
)
PAIRING = FAMILY.pairings[0]


def measurements(generate, verify, instances=3, seed=1, sizes=SIZES, budget=None):
    """Steps ``generate(n, w)`` and ``verify(n, w)``, w an instance's own difficulty;
    a call past ``budget`` steps is censored at the budget."""
    rng = random.Random(seed)
    meas = Measurements(family=FAMILY, seed=0, limits=Limits())
    for n in sizes:
        for index in range(instances):
            w = rng.choice((1, 3, 10, 40))  # instances differ forty-fold in difficulty
            records = []
            for role, cost in (("generate", generate), ("verify", verify)):
                steps, outcome = round(cost(n, w)), "ok"
                if budget is not None and steps > budget:
                    steps, outcome = budget, "censored"
                verifier = PAIRING.verifier if role == "verify" else ""
                records.append(
                    CallRecord(role=role, verifier=verifier, outcome=outcome, steps=steps)
                )
            meas.records[PAIRING.generator, n, index] = records
    return meas


def report(meas):
    return _report(meas, PAIRING, "steps")


def test_the_paired_gap_cancels_what_an_instance_costs_both_sides():
    meas = measurements(lambda n, w: 100 * w * n**2, lambda n, w: 50 * w * n**2)
    # Every instance is exactly twice as dear to generate, though the medians of either
    # side alone jump forty-fold between sizes.
    assert _paired_gaps(meas, PAIRING, "steps") == {n: [1.0, 1.0, 1.0] for n in SIZES}
    assert report(meas).sign == "neutral"


def test_a_constant_overhead_is_neutral_though_the_gap_falls():
    # The gap falls from 7 bits to 1 over WIDE: an overhead fading, not a trend; but
    # still falling there faster than a log factor, it is not yet seen to settle.
    fading = report(measurements(lambda n, w: w * (n + 2000), lambda n, w: w * n, sizes=WIDE))
    assert fading.sign == "inconclusive", fading.reasons
    assert "do not show it settling" in fading.reasons[0]
    found = report(measurements(lambda n, w: w * (n + 2000), lambda n, w: w * n, sizes=WIDER))
    assert found.sign == "neutral", found.reasons
    assert "r*(1 + a*n**-1)" in found.reasons[0]


def test_an_overhead_on_the_verifier_is_neutral_too():
    fading = report(measurements(lambda n, w: w * n, lambda n, w: w * (n + 2000), sizes=WIDE))
    assert fading.sign == "inconclusive", fading.reasons
    found = report(measurements(lambda n, w: w * n, lambda n, w: w * (n + 2000), sizes=WIDER))
    assert found.sign == "neutral", found.reasons


def lg(n):
    return math.log2(n)


@pytest.mark.parametrize(
    "generate, verify, sign, sizes",
    [
        (lambda n, w: w * n**1.5, lambda n, w: w * n**1.3, "positive", SIZES),
        (
            lambda n, w: w * n * math.log2(n) ** 2,
            lambda n, w: w * n * math.log2(n),
            "positive",
            SIZES,
        ),
        # A falling log factor needs the wider range: over 16..1024 an overhead on the
        # generator that still adds a bit at the top fades as n**2 / lg n falls.
        (lambda n, w: w * n**2 / math.log2(n), lambda n, w: w * n**2, "negative", WIDE),
        (lambda n, w: w * n, lambda n, w: w * n**1.1, "negative", SIZES),
    ],
    ids=["exponents 1.5 vs 1.3", "n log^2 n vs n log n", "n^2/log n vs n^2", "n vs n^1.1"],
)
def test_a_small_real_difference_has_its_sign(generate, verify, sign, sizes):
    found = report(measurements(generate, verify, sizes=sizes))
    assert found.sign == sign, found.reasons


def test_fitted_growths_that_read_otherwise_are_reported_not_followed():
    # n^1.1 against n: the side fits may call both linear, the gap still rises.
    found = report(measurements(lambda n, w: w * n**1.1, lambda n, w: w * n))
    assert found.sign == "positive", found.reasons
    fits = (found.generate.growth.label, found.verify.growth.label)
    disagree = [r for r in found.reasons if "fitted side growths" in r]
    assert bool(disagree) == (fits[0] == fits[1]), (fits, found.reasons)


def test_a_censored_generator_keeps_a_positive_sign():
    found = report(measurements(lambda n, w: w * n**3, lambda n, w: w * n**2, budget=10**8))
    assert any(found.generate.censored)
    assert found.sign == "positive", found.reasons


def test_an_overhead_still_dominant_at_the_largest_size_leaves_the_sign_open():
    # 2000 steps against n <= 1024: the ratio has not settled, nor is growth shown.
    found = report(measurements(lambda n, w: w * (n + 2000), lambda n, w: w * n))
    assert found.sign == "inconclusive", found.reasons


def test_a_censored_generator_cannot_make_a_gap_neutral():
    # Equal work, one generation censored: only the easy instances are paired, so the
    # measured gap is a lower bound and "neutral" cannot be read from it.
    meas = measurements(lambda n, w: 2 * w * n**2, lambda n, w: w * n**2)
    meas.records[PAIRING.generator, SIZES[-1], 0][0].outcome = "censored"
    found = report(meas)
    assert found.sign == "inconclusive"
    assert "generate was censored" in found.reasons[-1]


def test_both_sides_censored_is_inconclusive():
    found = report(measurements(lambda n, w: w * n**2, lambda n, w: w * n**2, budget=10**5))
    assert found.sign == "inconclusive"
    assert found.reasons == ["both sides were censored by budgets"]


def test_three_sizes_are_too_few_for_a_sign():
    found = report(measurements(lambda n, w: w * n**3, lambda n, w: w * n, sizes=(16, 32, 64)))
    assert found.sign == "inconclusive"
    assert "3 sizes; 4 are needed" in found.reasons[0]

"""The classifier's rules on the measured gap, on hand-made measurements.

Each instance is generated and verified, so the gap is read paired by instance; these
tests build the call records directly, so every cost is known exactly.
"""

from __future__ import annotations

import math
import random

import pytest

import gaps
from gaps.calls import CallRecord
from gaps.classification import (
    OVERTURN_TOLERANCE,
    TREND_TOLERANCE,
    _check_direction,
    _paired_slopes,
    _side,
    _sign_from_slope,
    _slope_bootstrap,
)
from gaps.measure import Measurements
from gaps.tasks import Limits

SIZES = (16, 32, 64, 128, 256, 512)
FAMILY = gaps.Family(
    name="handmade",
    sample=lambda size, rng: size,
    generate=lambda n, meter: n,
    verify=lambda n, out, meter: True,
)
PAIRING = FAMILY.pairings[0]


def measurements(generate, verify, instances=3, seed=1):
    """Steps ``generate(n, w)`` and ``verify(n, w)``, w an instance's own difficulty."""
    rng = random.Random(seed)
    meas = Measurements(family=FAMILY, seed=0, limits=Limits())
    for n in SIZES:
        for index in range(instances):
            w = rng.choice((1, 3, 10, 40))  # instances differ forty-fold in difficulty
            meas.records[PAIRING.generator, n, index] = [
                CallRecord(role="generate", steps=round(generate(n, w))),
                CallRecord(role="verify", verifier=PAIRING.verifier, steps=round(verify(n, w))),
            ]
    return meas


def sides(meas):
    return tuple(_side(meas, PAIRING, role, "steps", fit=False) for role in ("generate", "verify"))


def test_the_paired_gap_cancels_what_an_instance_costs_both_sides():
    meas = measurements(lambda n, w: 100 * w * n**2, lambda n, w: 50 * w * n**2)
    slopes = _slope_bootstrap(meas, PAIRING, "steps")
    assert len(slopes) == 200
    # Every instance is exactly twice as dear to generate: no resample can tilt the gap,
    # though the medians of either side alone jump forty-fold between sizes.
    assert max(abs(s) for s in slopes) < 1e-9


def test_the_gap_slope_is_the_difference_of_exponents():
    meas = measurements(lambda n, w: w * n**2.6, lambda n, w: w * n**2)
    slopes = _slope_bootstrap(meas, PAIRING, "steps")
    assert slopes[0] == pytest.approx(0.6, abs=0.01)
    assert slopes[-1] == pytest.approx(0.6, abs=0.01)


@pytest.mark.parametrize(
    "exponent, tol, sign",
    [
        (0.6, OVERTURN_TOLERANCE, "positive"),
        (0.4, OVERTURN_TOLERANCE, "neutral"),
        (0.4, TREND_TOLERANCE, "positive"),
        (-0.6, OVERTURN_TOLERANCE, "negative"),
        (0.0, TREND_TOLERANCE, "neutral"),
    ],
)
def test_a_sign_from_the_slope_needs_the_whole_interval_past_the_tolerance(exponent, tol, sign):
    meas = measurements(lambda n, w: w * n ** (2 + exponent), lambda n, w: w * n**2)
    gen, ver = sides(meas)
    slopes = _paired_slopes(meas, PAIRING, "steps", gen, ver)
    found, share, why = _sign_from_slope(slopes, tol=tol)
    assert (found, share) == (sign, 1.0)
    assert "bits per doubling" in why


def test_a_censored_side_leaves_the_slope_silent():
    meas = measurements(lambda n, w: w * n**3, lambda n, w: w * n**2)
    meas.records[PAIRING.generator, SIZES[-1], 0][0].outcome = "censored"
    gen, ver = sides(meas)
    slopes = _paired_slopes(meas, PAIRING, "steps", gen, ver)
    assert _sign_from_slope(slopes)[0] == "inconclusive"


@pytest.mark.parametrize(
    "verify_exponent, sign, expected, words",
    [
        (2.1, "positive", "neutral", "the other way and within the tolerance"),
        (2.5, "positive", "inconclusive", "extrapolate beyond the evidence"),
        (1.9, "positive", "positive", None),
        (1.9, "negative", "neutral", "the other way and within the tolerance"),
        (2.0, "negative", "negative", None),  # a flat gap does not oppose
    ],
)
def test_a_fitted_sign_the_measured_gap_opposes_is_not_kept(verify_exponent, sign, expected, words):
    meas = measurements(lambda n, w: w * n**2, lambda n, w: w * n**verify_exponent)
    gen, ver = sides(meas)
    reasons: list[str] = []
    slopes = _paired_slopes(meas, PAIRING, "steps", gen, ver)
    assert _check_direction(slopes, {}, sign, 1.0, reasons) == expected
    if words is None:
        assert reasons == []
    else:
        assert words in reasons[0]


@pytest.mark.parametrize(
    "verify_exponent, confidence, expected",
    [
        (1.9, 0.6, "neutral"),  # the gap moves +0.1: within the tolerance
        (1.9, 0.9, "positive"),  # decisive fits resolve a small difference
        (1.5, 0.6, "positive"),  # the gap itself shows the sign
    ],
)
def test_a_sign_the_paired_gap_does_not_show_needs_decisive_fits(
    verify_exponent, confidence, expected
):
    meas = measurements(lambda n, w: w * n**2, lambda n, w: w * n**verify_exponent)
    gen, ver = sides(meas)
    reasons: list[str] = []
    slopes = _paired_slopes(meas, PAIRING, "steps", gen, ver)
    assert _check_direction(slopes, {}, "positive", confidence, reasons) == expected
    assert (expected == "neutral") == any("only 60% of bootstrap" in r for r in reasons)


@pytest.mark.parametrize(
    "generate, expected",
    [
        (lambda n, w: w * n**2, "neutral"),  # the same work: the gap does not move
        (lambda n, w: w * n * math.log(n), "positive"),  # a log factor moves 1/ln n
    ],
)
def test_a_decisive_sign_needs_the_gap_to_move_as_a_log_factor_does(generate, expected):
    meas = measurements(generate, lambda n, w: w * (n**2 if expected == "neutral" else n))
    gen, ver = sides(meas)
    reasons: list[str] = []
    slopes = _paired_slopes(meas, PAIRING, "steps", gen, ver)
    curve = {n: 0.0 for n in SIZES}
    assert _check_direction(slopes, curve, "positive", 1.0, reasons) == expected
    assert (expected == "neutral") == any("half a log factor" in r for r in reasons)


def test_a_gap_wholly_against_the_fitted_sign_past_the_tolerance_leaves_it_open():
    # Median -0.2 (within the tolerance), but the whole interval below zero and past it.
    slopes = [-0.35 + 0.3 * i / 199 for i in range(200)]
    reasons: list[str] = []
    assert _check_direction(slopes, {}, "positive", 1.0, reasons) == "inconclusive"
    assert "the other way: inconclusive" in reasons[0]

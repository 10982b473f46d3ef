"""The survey's tasks and the contract checks run a family's roles by one path, alike."""

from __future__ import annotations

import itertools
import threading

import pytest

import gaps
import gaps.testing as t


class Opaque:
    """An instance that can be neither pickled (it holds a lock) nor compared with ==."""

    def __init__(self, values):
        self.values = values
        self.lock = threading.Lock()

    def __eq__(self, other):
        raise TypeError("Opaque instances do not compare")

    __hash__ = object.__hash__

    def __repr__(self):
        return f"Opaque({self.values!r})"


def opaque_sample(size, rng):
    return Opaque([rng.randrange(100) for _ in range(size)])


_drift = itertools.count()


def drifting_sample(size, rng):
    """Draws from its rng, but also from a counter of its own: not reproducible."""
    return Opaque([rng.randrange(100) + next(_drift) for _ in range(size)])


def total(instance, meter):
    meter.tick(len(instance.values))
    return sum(instance.values)


def check_total(instance, s, meter):
    meter.tick(len(instance.values))
    return s == sum(instance.values)


def off_by_one(instance, s, rng):
    return s + 1


@pytest.mark.parametrize(
    ("sample", "reproducible"), [(opaque_sample, True), (drifting_sample, False)]
)
def test_an_uncomparable_instance_is_judged_alike_by_survey_and_contract(sample, reproducible):
    family = gaps.Family("opaque", sample, total, check_total, off_by_one)
    report = gaps.classify(family, sizes=[4, 8, 16], cost="steps", instances=1, workers=1)
    flagged = any("not reproducible" in flag for flag in report.flags)
    assert flagged is not reproducible
    if reproducible:
        t.check_sampling_reproducible(family, size=8, seed=0)
    else:
        with pytest.raises(t.ContractError, match="two samples from equal rngs differ"):
            t.check_sampling_reproducible(family, size=8, seed=0)


def bare_sum(xs, meter):
    meter.tick(len(xs))
    return sum(xs)


def list_sample(size, rng):
    return [rng.randrange(100) for _ in range(size)]


MISSING = gaps.Family(
    "missing_certificate", list_sample, bare_sum, gaps.certified(lambda xs, s, cert, m: True)
)


def test_a_missing_certificate_fails_the_survey_and_the_contract_alike():
    report = gaps.classify(MISSING, sizes=[4, 8, 16], cost="steps", instances=1, workers=1)
    assert report.sign == "unmeasurable"
    assert "needs a certificate" in report.reasons[-1]
    with pytest.raises(t.ContractError, match="needs a certificate"):
        t.check_completeness(MISSING, size=8, seed=0)
    t.check_verifier_total(MISSING, size=8, seed=0)  # completeness's failure, not this one's


def test_an_unchanged_corruption_blames_the_corruptor_not_the_verifier():
    family = gaps.Family(
        "lazy_corruptor",
        list_sample,
        bare_sum,
        lambda xs, s, m: s == sum(xs),
        lambda xs, s, rng: s,
    )
    report = gaps.classify(family, sizes=[4, 8, 16, 32], cost="steps", instances=2, workers=1)
    assert report.sign != "unsound"
    assert any("unchanged" in flag for flag in report.flags)
    t.check_soundness(family, size=8, seed=0)
    with pytest.raises(t.ContractError, match="unchanged"):
        t.check_corruptor_corrupts(family, size=8, seed=0)

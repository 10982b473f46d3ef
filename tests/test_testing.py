"""Each contract check catches its own deliberately broken family, and no other check does."""

from __future__ import annotations

import random
import secrets

import pytest

import gaps
from gaps.testing import (
    CHECKS,
    ContractError,
    check_completeness,
    check_corruptor_corrupts,
    check_family,
    check_global_rng_untouched,
    check_sampling_reproducible,
    check_soundness,
    check_verifier_pure,
)


def sample(size, rng):
    return [rng.randrange(100) for _ in range(size)]


def generate(xs, meter):
    return sorted(xs)


def verify(xs, ys, meter):
    return ys == sorted(xs)


def corrupt(xs, ys, rng):
    return [*ys, 101]


def family(**changes):
    parts = {"sample": sample, "generate": generate, "verify": verify, "corrupt": corrupt}
    parts.update(changes)
    return gaps.Family("broken", **parts, sizes=(4, 8))


def sorts_in_place(xs, ys, meter):
    xs.sort()
    return ys == xs


BROKEN = {
    "accept-all verifier": (family(verify=lambda xs, ys, m: True), check_soundness),
    "reject-all verifier": (family(verify=lambda xs, ys, m: False), check_completeness),
    "generator with invalid outputs": (family(generate=lambda xs, m: list(xs)), check_completeness),
    "nondeterministic sampler": (
        family(sample=lambda n, rng: [secrets.randbelow(100) for _ in range(n)]),
        check_sampling_reproducible,
    ),
    "verifier that mutates its input": (family(verify=sorts_in_place), check_verifier_pure),
    "corruptor returning valid outputs": (
        family(corrupt=lambda xs, ys, rng: ys),
        check_corruptor_corrupts,
    ),
}


def reseeding_global_sample(size, rng):
    random.seed(size)  # reproducible, but it clobbers everyone's global RNG
    return [random.randrange(100) for _ in range(size)]


BROKEN["sampler using the global RNG"] = (
    family(sample=reseeding_global_sample),
    check_global_rng_untouched,
)


def failing_checks(fam):
    failed = set()
    for check in CHECKS:
        try:
            for seed in (0, 1):
                check(fam, 8, seed)
        except ContractError:
            failed.add(check)
    return failed


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_family_is_caught_by_exactly_the_intended_check(name):
    fam, intended = BROKEN[name]
    assert failing_checks(fam) == {intended}


def test_a_correct_family_passes_every_check():
    check_family(family())


def test_failure_message_names_family_check_seed_and_reproduction():
    fam, _ = BROKEN["accept-all verifier"]
    with pytest.raises(ContractError) as info:
        check_soundness(fam, 8, 1)
    message = str(info.value)
    assert message.startswith("broken: check_soundness failed at size 8, seed 1")
    assert "reproduce: python -c" in message and "check_soundness" in message

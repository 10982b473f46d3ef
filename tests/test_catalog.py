"""The contract, over every registered family: each check a separate test."""

from __future__ import annotations

import pytest

import gaps
from gaps.testing import CHECKS, contract_sizes

CASES = [
    pytest.param(family, check, size, id=f"{family.name}-{check.__name__}-{size}")
    for family in gaps.catalog()
    for check in CHECKS
    for size in contract_sizes(family)
]


@pytest.mark.parametrize("family, check, size", CASES)
def test_family_passes_contract(family, check, size):
    for seed in (0, 1):
        check(family, size, seed)


def test_catalog_has_first_slice_of_ten_families_with_theory():
    families = gaps.catalog()
    assert len(families) >= 10
    assert all(f.theory is not None and f.references for f in families)
    declared = set()
    for f in families:
        declared |= {f.theory.sign_of(p) for p in f.pairings}
    assert {"positive", "negative", "neutral"} <= declared

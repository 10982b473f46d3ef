"""Fixtures shared by several test files."""

from __future__ import annotations

import pytest

import gaps


@pytest.fixture(scope="session")
def sorting_report() -> gaps.GapReport:
    """A small classification of the catalog's sorting, measured once for the tests that
    only read it (renderers, notebooks)."""
    return gaps.classify(
        gaps.get("sorting"), sizes=[8, 16, 32, 64], cost="steps", instances=2, workers=1
    )


@pytest.fixture(scope="session")
def tiny_search(tmp_path_factory):
    """A real search of one small candidate of kind "factor", kept in a store:
    ``(store path, result)``, for the tests that only read it (renderers, reports)."""

    def plant(n, meter):
        meter.tick(n)
        return gaps.Certified(output=1009 * (2 * n + 1), certificate=1009)

    def decide(n, x, meter):
        meter.tick(n)
        return x % 1009 == 0

    def check(n, x, w, meter):
        meter.tick()
        return 1 < w < x and x % w == 0

    fam = gaps.Family(
        "tiny_composite",
        lambda size, rng: size,
        plant,
        {
            "check": gaps.certified(check),
            "decide": gaps.blind(decide),
        },
        kind="factor",
        sizes=(8, 16, 32, 64),
    )
    path = tmp_path_factory.mktemp("search") / "store.sqlite"
    with gaps.Store(path) as store:
        result = gaps.search([fam], seed=0, instances=2, workers=1, store=store)
    return path, result

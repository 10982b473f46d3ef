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

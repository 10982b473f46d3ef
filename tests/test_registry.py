"""Registered families: a catalog whose entry point cannot be imported says so in one line."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

import gaps
import gaps.registry


def test_an_entry_point_that_cannot_be_imported_names_itself_and_the_fix(monkeypatch):
    broken = EntryPoint("stale", "no_such_module_of_gaps:FAMILIES", "gaps.families")
    monkeypatch.setattr(gaps.registry, "entry_points", lambda group: [broken])
    monkeypatch.setattr(gaps.registry, "_cache", None)
    with pytest.raises(gaps.DeclarationError) as caught:
        gaps.registry.catalog()
    message = str(caught.value)
    assert "'stale'" in message and "no_such_module_of_gaps" in message
    assert "Reinstall" in message
    assert caught.value.__cause__ is None  # no chained traceback for an ordinary mistake


def test_the_catalog_is_found_through_its_entry_point():
    assert {"sorting", "knapsack", "planarity"} <= {f.name for f in gaps.catalog()}

"""The built-in candidate space: declarations, tags and kind forms at the smallest size."""

from __future__ import annotations

import random

import pytest
from gaps.problems.space import candidates

import gaps

CANDIDATES = candidates()


def test_candidates_are_deterministic_and_uniquely_named():
    again = candidates()
    assert [c.name for c in again] == [c.name for c in CANDIDATES]
    assert len({c.name for c in CANDIDATES}) == len(CANDIDATES)
    assert not {c.name for c in CANDIDATES} & {f.name for f in gaps.catalog()}


@pytest.mark.parametrize("fam", CANDIDATES, ids=lambda c: c.name)
def test_candidate_tags_and_planted_witness(fam):
    tags = set(fam.tags)
    assert any(t.startswith("construction=") for t in tags) and "mode=blind" in tags
    assert any(t.startswith("params=") for t in tags) and fam.summary
    size = min(fam.sizes)
    spec = fam.sample(size, random.Random(0))
    result = fam.generate["generate"](spec, gaps.Meter())
    if "check" in fam.verifiers:
        assert isinstance(result, gaps.Certified)
        output, witness = result
        assert fam.verify["check"].fn(spec, output, witness, gaps.Meter()) is True
        bad = fam.corrupt(spec, result, random.Random(1))
        assert fam.verify["check"].fn(spec, bad.output, bad.certificate, gaps.Meter()) is False
    else:
        output = result
        bad = fam.corrupt(spec, result, random.Random(1))
    assert fam.verify["decide"].fn(spec, output, gaps.Meter()) is True
    corrupted = bad.output if isinstance(bad, gaps.Certified) else bad
    assert fam.verify["decide"].fn(spec, corrupted, gaps.Meter()) is False

"""The sign attacks (benchmarks/sign_attacks.py): the pairings keep to their kinds, and
a fixed subset of the settled ratios in the overhead class is never read negative."""

from __future__ import annotations

import doctest
import importlib
import math
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def attacks():
    sys.path.insert(0, str(BENCHMARKS))  # the attacks import sign_benchmark beside them
    try:
        return importlib.import_module("sign_attacks")
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.mark.parametrize("kind", ["overhead beside power", "close overhead beside power"])
def test_an_overhead_is_drawn_inside_or_outside_the_class(attacks, kind):
    for index in range(30):
        attack = attacks.draw_attack(kind, seed=0, index=index)
        below = attack.lead_exponent - attack.exponent
        assert attack.case.sign == "neutral"
        if kind.startswith("close"):
            assert 0 < below < 0.5, attack.text
        else:
            assert below >= 0.5 or attack.exponent == 0, attack.text


def test_the_overhead_has_not_faded_nor_dominates_at_the_top(attacks):
    for kind in attacks.KINDS:
        for index in range(20):
            attack = attacks.draw_attack(kind, seed=1, index=index)
            assert 0.01 <= attack.overhead_at_top <= 1.0, attack.text
            case = attack.case
            # Both sides stay finite costs at the largest size.
            ratio = case.generate(case.sizes[-1]) / case.verify(case.sizes[-1])
            assert math.isfinite(ratio) and ratio > 0
            assert case.sign == ("negative" if "control" in kind else "neutral")


def test_the_examples_run(attacks):
    assert doctest.testmod(attacks).failed == 0


# Powers beside exponentials at 15, 18 and 27 read negative when a power's hump beside
# an exponential was not among the overheads a fall must outrun.
@pytest.mark.parametrize(
    ("kind", "indices"),
    [("power beside exponential", (15, 18, 27)), ("overhead beside power", (0, 1, 2, 3))],
)
def test_no_settled_ratio_in_the_class_reads_negative(attacks, kind, indices):
    read = [attacks.classified(attacks.draw_attack(kind, 0, i).case, 0).sign for i in indices]
    assert "negative" not in read, read
    assert set(read) <= {"neutral", "inconclusive", "positive"}

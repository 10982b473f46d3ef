import random

import gaps

FAM = gaps.get("planted_sat")
DECIDE = FAM.verify["decide"].fn
CHECK = FAM.verify["check"].fn


def test_planted_sat_accepts_honest_and_rejects_corruptions():
    for size, seed in [(5, 0), (30, 1), (60, 2)]:
        spec = FAM.sample(size, random.Random(seed))
        formula, hidden = result = FAM.generate["plant"](spec, gaps.Meter())
        assert DECIDE(spec, formula, gaps.Meter()) is True
        assert CHECK(spec, formula, hidden, gaps.Meter()) is True
        for k in range(4):
            bad, certificate = FAM.corrupt(spec, result, random.Random(k))
            assert len(bad) == len(formula)
            assert DECIDE(spec, bad, gaps.Meter()) is False
            assert CHECK(spec, bad, certificate, gaps.Meter()) is False


def test_planted_sat_rejects_hand_made_wrong_answers():
    spec = FAM.sample(30, random.Random(3))
    n, m, _ = spec
    formula, hidden = FAM.generate["plant"](spec, gaps.Meter())
    repeated = [(1, -1, 2), *formula[1:]]
    out_of_range = [(1, 2, n + 1), *formula[1:]]
    for bad in ([], formula[:-1], repeated, out_of_range, "formula", [(1, 2)] * m):
        assert DECIDE(spec, bad, gaps.Meter()) is False
        assert CHECK(spec, bad, hidden, gaps.Meter()) is False
    falsify = list(hidden)
    for lit in formula[0]:
        falsify[abs(lit) - 1] = lit < 0
    for certificate in (tuple(falsify), hidden[:-1], (1,) * n, None):
        assert CHECK(spec, formula, certificate, gaps.Meter()) is False


def test_planted_sat_planting_does_not_leak_through_literal_signs():
    # Majority vote over literal signs must do no better than guessing (naive planting: ~0.72).
    agreements = []
    for seed in range(5):
        spec = FAM.sample(300, random.Random(seed))
        formula, hidden = FAM.generate["plant"](spec, gaps.Meter())
        votes = [0] * spec[0]
        for clause in formula:
            for lit in clause:
                votes[abs(lit) - 1] += 1 if lit > 0 else -1
        agree = sum((v > 0) == h for v, h in zip(votes, hidden, strict=True) if v) / sum(
            1 for v in votes if v
        )
        agreements.append(max(agree, 1 - agree))
    assert sum(agreements) / len(agreements) < 0.6


def test_planted_sat_sampling_is_reproducible():
    assert FAM.sample(50, random.Random(7)) == FAM.sample(50, random.Random(7))
    assert FAM.sample(50, random.Random(7)) != FAM.sample(50, random.Random(8))
    spec = FAM.sample(50, random.Random(7))
    assert FAM.generate["plant"](spec, gaps.Meter()) == FAM.generate["plant"](spec, gaps.Meter())

import random

import gaps

FAM = gaps.get("summation")
RECOMPUTE = FAM.verify["recompute"].fn


def test_summation_accepts_honest_and_rejects_corruptions():
    for size, seed in [(0, 0), (5, 1), (3000, 2)]:
        xs = FAM.sample(size, random.Random(seed))
        meter = gaps.Meter()
        total = FAM.generate["sum"](xs, meter)
        assert total == sum(xs) and meter.steps == size
        assert RECOMPUTE(xs, total, gaps.Meter()) is True
        for k in range(4):
            assert RECOMPUTE(xs, FAM.corrupt(xs, total, random.Random(k)), gaps.Meter()) is False


def test_summation_rejects_hand_made_wrong_answers():
    xs = [1, 2, 3]
    for bad in (7, -6, 6.0, "6", None, [6], True):
        assert RECOMPUTE(xs, bad, gaps.Meter()) is False
    assert RECOMPUTE([1, 0], True, gaps.Meter()) is False  # a bool is not an int sum
    assert RECOMPUTE(xs, 6, gaps.Meter()) is True


def test_summation_sampling_is_reproducible():
    assert FAM.sample(100, random.Random(7)) == FAM.sample(100, random.Random(7))
    assert FAM.sample(100, random.Random(7)) != FAM.sample(100, random.Random(8))

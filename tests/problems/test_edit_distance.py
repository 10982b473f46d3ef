import random

import gaps

FAM = gaps.get("edit_distance")
ALIGNMENT = FAM.verify["alignment"].fn
RECOMPUTE = FAM.verify["recompute"].fn


def test_edit_distance_accepts_honest_and_rejects_corruptions():
    for size, seed in [(1, 0), (20, 1), (80, 2)]:
        pair = FAM.sample(size, random.Random(seed))
        d, columns = result = FAM.generate["wagner_fischer"](pair, gaps.Meter())
        assert ALIGNMENT(pair, d, columns, gaps.Meter()) is True
        assert RECOMPUTE(pair, d, gaps.Meter()) is True
        for k in range(4):
            bad, certificate = FAM.corrupt(pair, result, random.Random(k))
            assert ALIGNMENT(pair, bad, certificate, gaps.Meter()) is False
            assert RECOMPUTE(pair, bad, gaps.Meter()) is False


def test_edit_distance_rejects_hand_made_wrong_answers():
    pair = ("kitten", "sitting")
    d, columns = FAM.generate["wagner_fischer"](pair, gaps.Meter())
    assert d == 3 and ALIGNMENT(pair, 3, columns, gaps.Meter())
    for bad in (2, 4, 3.0, "3", None, True):
        assert RECOMPUTE(pair, bad, gaps.Meter()) is False, bad
        assert ALIGNMENT(pair, bad, columns, gaps.Meter()) is False, bad
    for certificate in (
        columns[:-1],
        [*columns, ("", "")],
        [("kitten", "sitting")],
        None,
        [list(c) for c in columns],
        columns[::-1],
    ):
        assert ALIGNMENT(pair, 3, certificate, gaps.Meter()) is False, certificate
    # A valid but suboptimal alignment proves only an upper bound: it passes for its cost.
    worse = [(a, "") for a in "kitten"] + [("", b) for b in "sitting"]
    assert ALIGNMENT(pair, 13, worse, gaps.Meter()) is True
    assert RECOMPUTE(pair, 13, gaps.Meter()) is False

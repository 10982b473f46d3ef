import random

import gaps

FAM = gaps.get("planted_clique")
DECIDE = FAM.verify["decide"].fn
CHECK = FAM.verify["check"].fn


def test_planted_clique_accepts_honest_and_rejects_corruptions():
    for size, seed in [(8, 0), (40, 1), (120, 2)]:
        spec = FAM.sample(size, random.Random(seed))
        rows, clique = result = FAM.generate["plant"](spec, gaps.Meter())
        assert DECIDE(spec, rows, gaps.Meter()) is True
        assert CHECK(spec, rows, clique, gaps.Meter()) is True
        for k in range(3):
            bad, certificate = FAM.corrupt(spec, result, random.Random(k))
            assert DECIDE(spec, bad, gaps.Meter()) is False
            assert CHECK(spec, bad, certificate, gaps.Meter()) is False


def test_planted_clique_accepts_a_correct_no_and_rejects_wrong_answers():
    n = 16  # k = 8
    spec = (n, 0)
    empty = (0,) * n
    assert DECIDE(spec, empty, gaps.Meter()) is False
    complete = tuple(((1 << n) - 1) >> (u + 1) << (u + 1) for u in range(n))
    assert DECIDE(spec, complete, gaps.Meter()) is True
    assert CHECK(spec, complete, tuple(range(8)), gaps.Meter()) is True
    for clique in (tuple(range(7)), (0, 0, 1, 2, 3, 4, 5, 6), (0, 1, 2, 3, 4, 5, 6, 16), None):
        assert CHECK(spec, complete, clique, gaps.Meter()) is False, clique
    assert CHECK(spec, empty, tuple(range(8)), gaps.Meter()) is False
    for rows in (complete[:-1], (*complete[:-1], -1), (*complete[:-1], 1.0), None):
        assert DECIDE(spec, rows, gaps.Meter()) is False
        assert CHECK(spec, rows, tuple(range(8)), gaps.Meter()) is False

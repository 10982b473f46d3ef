import random

import gaps

FAM = gaps.get("graph_isomorphism")
BLISS = FAM.verify["bliss"].fn
CHECK = FAM.verify["check"].fn


def test_graph_isomorphism_accepts_honest_and_rejects_corruptions():
    for size, seed in [(5, 0), (40, 1), (300, 2)]:
        spec = FAM.sample(size, random.Random(seed))
        pair, permutation = result = FAM.generate["permute"](spec, gaps.Meter())
        assert BLISS(spec, pair, gaps.Meter()) is True
        assert CHECK(spec, pair, permutation, gaps.Meter()) is True
        for k in range(4):
            bad, certificate = FAM.corrupt(spec, result, random.Random(k))
            assert BLISS(spec, bad, gaps.Meter()) is False
            assert CHECK(spec, bad, certificate, gaps.Meter()) is False


def test_graph_isomorphism_rejects_hand_made_wrong_answers():
    spec = (4, 0)
    path = [(0, 1), (1, 2), (2, 3)]
    star = [(0, 1), (0, 2), (0, 3)]
    assert BLISS(spec, (path, [(3, 2), (2, 0), (0, 1)]), gaps.Meter()) is True
    assert CHECK(spec, (path, [(3, 2), (2, 0), (0, 1)]), [3, 2, 0, 1], gaps.Meter()) is True
    for pair in [
        (path, star),
        (path, path[:2]),
        (path, [(0, 0), (1, 2), (2, 3)]),
        (path, [(0, 1), (1, 0), (2, 3)]),
        (path, [(0, 1), (1, 2), (2, 4)]),
        None,
        (path,),
    ]:
        assert BLISS(spec, pair, gaps.Meter()) is False, pair
        assert CHECK(spec, pair, [0, 1, 2, 3], gaps.Meter()) is False, pair
    for permutation in ([0, 1, 2, 3], [3, 2, 0, 0], [3, 2, 0], None, [3, 2, 0, 1.0]):
        assert CHECK(spec, (path, [(3, 2), (2, 0), (0, 1)]), permutation, gaps.Meter()) is False

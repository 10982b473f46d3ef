import itertools
import random

import gaps

FAM = gaps.get("max_cut")
CUT = FAM.verify["cut"].fn
RECOMPUTE = FAM.verify["recompute"].fn


def test_max_cut_accepts_honest_and_rejects_corruptions():
    for size, seed in [(3, 0), (7, 1), (11, 2)]:
        graph = FAM.sample(size, random.Random(seed))
        _sides, value = answer = FAM.generate["enumerate"](graph, gaps.Meter())
        best = max(
            sum(p[u] != p[v] for u, v in graph[1]) for p in itertools.product((0, 1), repeat=size)
        )
        assert value == best
        assert CUT(graph, answer, gaps.Meter()) is True
        assert RECOMPUTE(graph, answer, gaps.Meter()) is True
        for k in range(5):
            bad = FAM.corrupt(graph, answer, random.Random(k))
            assert CUT(graph, bad, gaps.Meter()) is False
            assert RECOMPUTE(graph, bad, gaps.Meter()) is False


def test_max_cut_rejects_hand_made_wrong_answers():
    triangle_and_pendant = (4, ((0, 1), (0, 2), (1, 2), (2, 3)))
    assert FAM.generate["enumerate"](triangle_and_pendant, gaps.Meter())[1] == 3
    assert RECOMPUTE(triangle_and_pendant, ([0, 1, 1, 0], 3), gaps.Meter()) is True
    smaller = ([0, 0, 0, 1], 1)  # a real cut, not maximum: `cut` accepts it, by design
    assert CUT(triangle_and_pendant, smaller, gaps.Meter()) is True
    assert RECOMPUTE(triangle_and_pendant, smaller, gaps.Meter()) is False
    wrong = [
        ([0, 1, 1, 0], 4),
        ([0, 1, 1, 0], 3.0),
        ([0, 1, 2, 0], 3),
        ([0, 1, True, 0], 3),
        ([0, 1, 1], 3),
        [[0, 1, 1, 0], 3],
        None,
    ]
    for bad in wrong:
        assert CUT(triangle_and_pendant, bad, gaps.Meter()) is False, bad
        assert RECOMPUTE(triangle_and_pendant, bad, gaps.Meter()) is False, bad


def test_max_cut_rc2_finds_the_enumerated_maximum_and_its_sides():
    fam = gaps.get("max_cut")
    for size, seed in [(3, 0), (6, 1), (9, 2), (12, 3)]:
        graph = fam.sample(size, random.Random(seed))
        sides, value = fam.generate["rc2"](graph, gaps.Meter())
        assert value == fam.generate["enumerate"](graph, gaps.Meter())[1]
        assert fam.verify["cut"].fn(graph, (sides, value), gaps.Meter()) is True
        assert fam.verify["maxsat"].fn(graph, (sides, value), gaps.Meter()) is True
        one_side = ([0] * graph[0], 0)  # a true cut value, but not the maximum
        assert fam.verify["cut"].fn(graph, one_side, gaps.Meter()) is True
        assert fam.verify["maxsat"].fn(graph, one_side, gaps.Meter()) is False

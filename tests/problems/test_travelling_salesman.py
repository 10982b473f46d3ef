import itertools
import math
import random

import gaps

FAM = gaps.get("travelling_salesman")
TOUR = FAM.verify["tour"].fn
OPTIMALITY = FAM.verify["optimality"].fn


def _length(cities, order):
    return sum(math.dist(cities[order[i - 1]], cities[order[i]]) for i in range(len(order)))


def test_travelling_salesman_accepts_honest_and_rejects_corruptions():
    for size, seed in [(3, 0), (6, 1), (9, 2)]:
        cities = FAM.sample(size, random.Random(seed))
        answer = FAM.generate["held_karp"](cities, gaps.Meter())
        best = min(_length(cities, p) for p in itertools.permutations(range(size)))
        assert abs(answer[1] - best) < 1e-12
        assert TOUR(cities, answer, gaps.Meter()) is True
        assert OPTIMALITY(cities, answer, gaps.Meter()) is True
        for k in range(5):
            bad = FAM.corrupt(cities, answer, random.Random(k))
            assert TOUR(cities, bad, gaps.Meter()) is False
            assert OPTIMALITY(cities, bad, gaps.Meter()) is False


def test_travelling_salesman_tour_does_not_check_optimality():
    # Documented limitation: a worse tour with its true length passes `tour`, not `optimality`.
    cities = FAM.sample(8, random.Random(4))
    _order, length = FAM.generate["held_karp"](cities, gaps.Meter())
    worse = list(range(8))
    worse_length = _length(cities, worse)
    assert worse_length > length
    assert TOUR(cities, (worse, worse_length), gaps.Meter()) is True
    assert OPTIMALITY(cities, (worse, worse_length), gaps.Meter()) is False


def test_travelling_salesman_rejects_hand_made_wrong_answers():
    cities = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0))
    assert FAM.generate["held_karp"](cities, gaps.Meter())[1] == 4.0
    assert OPTIMALITY(cities, ([0, 3, 2, 1], 4.0), gaps.Meter()) is True
    wrong = [
        ([0, 2, 1, 3], 2 + 2 * math.sqrt(2)),  # a real tour, not optimal (TOUR accepts it)
        ([0, 1, 2, 3], 3.9),
        ([0, 1, 2, 2], 4.0),
        ([0, 1, 2], 4.0),
        ([0, 1, 2, 3], 4),
        ([0, 1.0, 2, 3], 4.0),
        [[0, 1, 2, 3], 4.0],
        ([0, 1, 2, 3],),
        None,
    ]
    for bad in wrong:
        assert OPTIMALITY(cities, bad, gaps.Meter()) is False, bad
        assert TOUR(cities, bad, gaps.Meter()) is (bad is wrong[0]), bad

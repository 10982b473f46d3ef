import itertools
import random

import gaps

FAM = gaps.get("permanent")
RECOMPUTE = FAM.verify["recompute"].fn


def _brute(matrix):
    n = len(matrix)
    return sum(all(matrix[i][p[i]] for i in range(n)) for p in itertools.permutations(range(n)))


def test_permanent_matches_brute_force_and_rejects_corruptions():
    for size, seed in [(1, 0), (3, 1), (6, 2), (7, 3)]:
        matrix = FAM.sample(size, random.Random(seed))
        count = FAM.generate["ryser"](matrix, gaps.Meter())
        assert count == _brute(matrix)
        assert RECOMPUTE(matrix, count, gaps.Meter()) is True
        for k in range(3):
            assert (
                RECOMPUTE(matrix, FAM.corrupt(matrix, count, random.Random(k)), gaps.Meter())
                is False
            )


def test_permanent_rejects_wrong_types():
    matrix = [[1, 1], [1, 1]]
    for bad in (1, 3, 2.0, "2", None, True):
        assert RECOMPUTE(matrix, bad, gaps.Meter()) is False


def test_permanent_recompute_ticks_the_generators_work_plus_one_comparison():
    # A compare verifier regenerates and compares: both sides must tick the same work.
    for size in (3, 6, 9):
        matrix = FAM.sample(size, random.Random(size))
        generated, checked = gaps.Meter(), gaps.Meter()
        count = FAM.generate["ryser"](matrix, generated)
        assert RECOMPUTE(matrix, count, checked) is True
        assert checked.steps == generated.steps + 1

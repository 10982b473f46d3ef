import random

import gaps

FAM = gaps.get("factoring")
CHECK = FAM.verify["check"].fn


def test_factoring_accepts_honest_and_rejects_corruptions():
    for size, seed in [(32, 0), (40, 1), (56, 2), (64, 1), (80, 2)]:
        N = FAM.sample(size, random.Random(seed))
        assert N.bit_length() == size
        factors = FAM.generate["flint"](N, gaps.Meter())
        assert len(factors) == 2 and factors[0] <= factors[1]
        assert CHECK(N, factors, gaps.Meter()) is True
        for k in range(6):
            assert CHECK(N, FAM.corrupt(N, factors, random.Random(k)), gaps.Meter()) is False


def test_factoring_rejects_hand_made_wrong_answers():
    N = FAM.sample(48, random.Random(3))
    p, q = FAM.generate["flint"](N, gaps.Meter())
    wrong = [[N], [1, N], [q, p], [p, q, 1], [p], [], (p, q + 2), [p, float(q)], "pq", None]
    wrong.append([True, N])
    for answer in wrong:
        assert CHECK(N, answer, gaps.Meter()) is False, answer
    assert CHECK(N, (p, q), gaps.Meter()) is True  # a tuple is as good as a list


def test_factoring_sampling_is_reproducible():
    assert FAM.sample(96, random.Random(7)) == FAM.sample(96, random.Random(7))
    assert FAM.sample(96, random.Random(7)) != FAM.sample(96, random.Random(8))

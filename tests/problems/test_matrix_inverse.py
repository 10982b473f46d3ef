import random

import numpy as np

import gaps

FAM = gaps.get("matrix_inverse")
VERIFIERS = [v.fn for v in FAM.verifiers.values()]


def test_matrix_inverse_accepts_honest_and_rejects_corruptions():
    for size, seed in [(1, 0), (20, 1), (90, 2)]:
        a = FAM.sample(size, random.Random(seed))
        x = FAM.generate["lapack"](a, gaps.Meter())
        assert all(v(a, x, gaps.Meter()) is True for v in VERIFIERS)
        for k in range(4):
            bad = FAM.corrupt(a, x, random.Random(k))
            assert all(v(a, bad, gaps.Meter()) is False for v in VERIFIERS)


def test_matrix_inverse_rejects_hand_made_wrong_answers():
    a = FAM.sample(10, random.Random(3))
    x = FAM.generate["lapack"](a, gaps.Meter())
    nan = x.copy()
    nan[1, 2] = np.inf
    for bad in (np.eye(10), a, x.T, x[:9], nan, x.tolist(), None, x * 1.001):
        assert all(v(a, bad, gaps.Meter()) is False for v in VERIFIERS)


def test_matrix_inverse_sampling_is_reproducible():
    assert np.array_equal(FAM.sample(12, random.Random(7)), FAM.sample(12, random.Random(7)))

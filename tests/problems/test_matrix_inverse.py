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
    inf, nan = x.copy(), x.copy()
    inf[1, 2], nan[3, 4] = np.inf, np.nan
    for bad in (np.eye(10), a, x.T, x[:9], inf, nan, x.tolist(), None, x * 1.001):
        assert all(v(a, bad, gaps.Meter()) is False for v in VERIFIERS)


def test_matrix_inverse_sampling_is_reproducible():
    assert np.array_equal(FAM.sample(12, random.Random(7)), FAM.sample(12, random.Random(7)))


def test_matrix_inverse_sample_is_a_normal_matrix_plus_sqrt_n_identity():
    n, seed = 7, random.Random(5).getrandbits(64)
    expected = np.random.default_rng(seed).standard_normal((n, n)) + np.sqrt(n) * np.eye(n)
    assert np.array_equal(FAM.sample(n, random.Random(5)), expected)

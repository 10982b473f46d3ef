import random

import numpy as np

import gaps

FAM = gaps.get("linear_system")
VERIFIERS = [v.fn for v in FAM.verifiers.values()]


def test_linear_system_accepts_honest_and_rejects_corruptions():
    for size, seed in [(1, 0), (20, 1), (90, 2)]:
        system = FAM.sample(size, random.Random(seed))
        x = FAM.generate["lapack"](system, gaps.Meter())
        assert all(v(system, x, gaps.Meter()) is True for v in VERIFIERS)
        for k in range(4):
            bad = FAM.corrupt(system, x, random.Random(k))
            assert all(v(system, bad, gaps.Meter()) is False for v in VERIFIERS)


def test_linear_system_rejects_hand_made_wrong_answers():
    system = FAM.sample(10, random.Random(3))
    x = FAM.generate["lapack"](system, gaps.Meter())
    nan = x.copy()
    nan[0] = np.nan
    for bad in (np.zeros(10), x[:9], x.reshape(10, 1), nan, x.astype(str), list(x), None, x * 1.01):
        assert all(v(system, bad, gaps.Meter()) is False for v in VERIFIERS), bad


def test_linear_system_sampling_is_reproducible():
    a1, b1 = FAM.sample(12, random.Random(7))
    a2, b2 = FAM.sample(12, random.Random(7))
    assert np.array_equal(a1, a2) and np.array_equal(b1, b2)


def test_linear_system_sample_is_a_normal_matrix_plus_sqrt_n_identity():
    n, seed = 7, random.Random(5).getrandbits(64)
    gen = np.random.default_rng(seed)
    expected = gen.standard_normal((n, n)) + np.sqrt(n) * np.eye(n)
    a, b = FAM.sample(n, random.Random(5))
    assert np.array_equal(a, expected) and np.array_equal(b, gen.standard_normal(n))
